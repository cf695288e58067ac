import { FencedError, type SessionLeases } from '../leases';
import type { PgDatabase } from './pg-database';

// Leases in `session_leases` (see the schema). A node takes a session's lease when the row is
// missing, expired, or already its own; each takeover adds one to the token. Held leases are
// renewed together every third of their time to live; one that could not be renewed is lost
// (listeners close the room). Expiry is by the database's clock, so nodes' clocks don't matter.

const NOW_MS = '(extract(epoch from clock_timestamp()) * 1000)::bigint';

export class PgLeases implements SessionLeases {
  private readonly held = new Map<string, number>();
  private readonly listeners: ((sessionId: string) => void)[] = [];
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly database: PgDatabase,
    readonly nodeId: string,
    private readonly ttlMs: number,
  ) {
    this.timer = setInterval(() => this.renew(), Math.max(50, Math.floor(ttlMs / 3)));
    this.timer.unref();
  }

  acquire(sessionId: string): boolean {
    const mine = this.held.get(sessionId) ?? -1;
    // Keep the token when renewing our own lease; a new one on any takeover, ours after a restart included.
    const [row] = this.database.query<{ token: number }>(
      `INSERT INTO session_leases (session_id, node_id, token, expires_at) VALUES ($1, $2, 1, ${NOW_MS} + $3)
       ON CONFLICT (session_id) DO UPDATE SET
         node_id = EXCLUDED.node_id,
         token = CASE WHEN session_leases.node_id = $2 AND session_leases.token = $4 THEN session_leases.token ELSE session_leases.token + 1 END,
         expires_at = EXCLUDED.expires_at
       WHERE session_leases.node_id = $2 OR session_leases.expires_at < ${NOW_MS}
       RETURNING token`,
      [sessionId, this.nodeId, this.ttlMs, mine],
    );
    if (!row) {
      this.held.delete(sessionId);
      return false;
    }
    this.held.set(sessionId, row.token);
    return true;
  }

  release(sessionId: string): void {
    const token = this.held.get(sessionId);
    if (token === undefined) return;
    this.held.delete(sessionId);
    try {
      this.database.query('DELETE FROM session_leases WHERE session_id = $1 AND node_id = $2 AND token = $3', [
        sessionId,
        this.nodeId,
        token,
      ]);
    } catch {
      // The database did not answer: the lease expires by itself.
    }
  }

  holds(sessionId: string): boolean {
    return this.held.has(sessionId);
  }

  holderOf(sessionId: string): string | null {
    const [row] = this.database.query<{ node_id: string }>(
      `SELECT node_id FROM session_leases WHERE session_id = $1 AND expires_at >= ${NOW_MS}`,
      [sessionId],
    );
    return row?.node_id ?? null;
  }

  /** The token this node appends under; throws if it holds none. */
  tokenOf(sessionId: string): number {
    const token = this.held.get(sessionId);
    if (token === undefined) throw new FencedError(sessionId);
    return token;
  }

  /** The fence failed for this session: forget the lease and tell the listeners. */
  lost(sessionId: string): void {
    if (!this.held.delete(sessionId)) return;
    for (const listener of this.listeners) listener(sessionId);
  }

  onLost(listener: (sessionId: string) => void): void {
    this.listeners.push(listener);
  }

  close(): void {
    clearInterval(this.timer);
    if (this.held.size === 0) return;
    const ids = [...this.held.keys()];
    this.held.clear();
    try {
      this.database.query('DELETE FROM session_leases WHERE node_id = $1 AND session_id = ANY($2::text[])', [this.nodeId, ids]);
    } catch {
      // The database is gone: the leases expire by themselves.
    }
  }

  /** Renews every held lease in one statement; those that did not come back were taken over. */
  private renew(): void {
    if (this.held.size === 0 || this.database.inTransaction) return;
    const ids = [...this.held.keys()];
    const tokens = ids.map((id) => this.held.get(id)!);
    let renewed: Set<string>;
    try {
      const rows = this.database.query<{ id: string }>(
        `UPDATE session_leases l SET expires_at = ${NOW_MS} + $2
         FROM unnest($3::text[], $4::bigint[]) AS h(session_id, token)
         WHERE l.session_id = h.session_id AND l.token = h.token AND l.node_id = $1
         RETURNING l.session_id AS id`,
        [this.nodeId, this.ttlMs, ids, tokens],
      );
      renewed = new Set(rows.map((r) => r.id));
    } catch {
      return; // The database did not answer: the fence stops any append that comes too late.
    }
    for (const id of ids) if (!renewed.has(id) && this.held.get(id) === tokens[ids.indexOf(id)]) this.lost(id);
  }
}
