import type { EventType, SessionEvent } from '../../../shared/events';
import type { Transaction } from '../database';
import { mergeBySeq, toEvent, type EventRow, type EventStore, type SessionAppend } from '../event-store';
import { FencedError } from '../leases';
import type { PgDatabase } from './pg-database';
import type { PgLeases } from './pg-leases';
import type { Statement } from './sync-client';

// The log on PostgreSQL. Every append, in its transaction: locks the session's lease row and
// checks that it still carries this node's token (the fence: a takeover waits for the lock,
// then bumps the token, so a paused node's late append fails here), moves `sessions.head_seq`
// from the seq before the rows to their last one (a compare-and-set: no gap, no overlap, whoever
// writes), then inserts the rows. One round trip per commit for all of that.

const COLUMNS = 'seq, at, type, actor, data, candidate_seq AS "candidateSeq"';
const TURN_BOUNDS = "('turn.started', 'turn.completed', 'turn.failed', 'turn.cancelled')";

export class PgEventStore implements EventStore {
  constructor(
    private readonly database: PgDatabase,
    private readonly leases: PgLeases,
  ) {}

  append(entry: SessionAppend, tx?: Transaction): void {
    this.database.atomically(tx, (inner) => this.write([entry], inner));
  }

  appendBatch(batch: readonly SessionAppend[]): void {
    if (this.database.inTransaction) throw new Error('A group commit inside a transaction: it would broadcast what may still roll back.');
    this.database.transaction((tx) => this.write(batch, tx));
  }

  private write(batch: readonly SessionAppend[], tx: Transaction): void {
    const statements: Statement[] = [];
    const checks: { sessionId: string; token: number }[] = [];
    for (const entry of batch) {
      const first = entry.rows[0];
      const last = entry.rows[entry.rows.length - 1];
      if (!first || !last) continue;
      const token = this.leases.tokenOf(entry.sessionId);
      checks.push({ sessionId: entry.sessionId, token });
      statements.push({
        text: 'SELECT token FROM session_leases WHERE session_id = $1 AND node_id = $2 FOR SHARE',
        values: [entry.sessionId, this.leases.nodeId],
      });
      statements.push({
        text: 'UPDATE sessions SET head_seq = $3 WHERE id = $1 AND head_seq = $2',
        values: [entry.sessionId, first.seq - 1, last.seq],
      });
      const values: unknown[] = [];
      const tuples = entry.rows.map((row) => {
        const n = values.length;
        values.push(entry.sessionId, row.seq, row.at, row.type, row.actor, row.data, row.candidateSeq);
        return `($${n + 1}, $${n + 2}, $${n + 3}, $${n + 4}, $${n + 5}, $${n + 6}, $${n + 7})`;
      });
      statements.push({
        text: `INSERT INTO events (session_id, seq, at, type, actor, data, candidate_seq) VALUES ${tuples.join(', ')}`,
        values,
      });
    }
    if (statements.length > 0) {
      const results = this.database.run(statements);
      checks.forEach(({ sessionId, token }, i) => {
        const lease = results[i * 3]!.rows[0] as { token: number } | undefined;
        if (lease?.token !== token) {
          this.leases.lost(sessionId);
          throw new FencedError(sessionId);
        }
        if (results[i * 3 + 1]!.rowCount !== 1)
          throw new Error(`Session ${sessionId}'s log moved under this node: its head is not where the append starts.`);
      });
    }
    for (const entry of batch) entry.alsoInTransaction?.(tx);
  }

  after(sessionId: string, seq: number): SessionEvent[] {
    return this.rowsAfter(sessionId, seq).map(toEvent);
  }

  rowsAfter(sessionId: string, seq: number): EventRow[] {
    return this.database.query<EventRow>(`SELECT ${COLUMNS} FROM events WHERE session_id = $1 AND seq > $2 ORDER BY seq`, [sessionId, seq]);
  }

  // Turn ids are read in JavaScript: PostgreSQL's JSON operators refuse text holding \u0000,
  // which a candidate can type, and one such event would break every read of the session.
  rowsAfterWithoutSettledDeltas(sessionId: string, seq: number): EventRow[] {
    const [others, bounds] = this.database.run([
      {
        text: `SELECT ${COLUMNS} FROM events WHERE session_id = $1 AND seq > $2 AND type != 'turn.delta' ORDER BY seq`,
        values: [sessionId, seq],
      },
      { text: `SELECT seq, type, data FROM events WHERE session_id = $1 AND type IN ${TURN_BOUNDS}`, values: [sessionId] },
    ]);
    const startedAt = new Map<string, number>();
    const ended = new Set<string>();
    for (const bound of bounds!.rows as { seq: number; type: EventType; data: string }[]) {
      const turnId = turnIdOf(bound.data);
      if (turnId === undefined) continue;
      if (bound.type === 'turn.started') startedAt.set(turnId, bound.seq);
      else ended.add(turnId);
    }
    const rest = others!.rows as unknown as EventRow[];
    const streaming = [...startedAt].filter(([turnId]) => !ended.has(turnId));
    if (streaming.length === 0) return rest;
    const after = Math.max(seq, Math.min(...streaming.map(([, startSeq]) => startSeq)));
    const turns = new Set(streaming.map(([turnId]) => turnId));
    const deltas = this.database
      .query<EventRow>(`SELECT ${COLUMNS} FROM events WHERE session_id = $1 AND seq > $2 AND type = 'turn.delta' ORDER BY seq`, [
        sessionId,
        after,
      ])
      .filter((row) => turns.has(turnIdOf(row.data) ?? ''));
    return mergeBySeq(rest, deltas);
  }

  countAfter(sessionId: string, seq: number): number {
    return (
      this.database.query<{ n: number }>('SELECT count(*) AS n FROM events WHERE session_id = $1 AND seq > $2', [sessionId, seq])[0]?.n ?? 0
    );
  }

  ofTypes(sessionId: string, types: readonly EventType[]): SessionEvent[] {
    return this.database
      .query<EventRow>(`SELECT ${COLUMNS} FROM events WHERE session_id = $1 AND type = ANY($2::text[]) ORDER BY seq`, [sessionId, types])
      .map(toEvent);
  }

  all(sessionId: string): SessionEvent[] {
    return this.after(sessionId, 0);
  }

  head(sessionId: string): number {
    return this.heads(sessionId).seq;
  }

  heads(sessionId: string): { seq: number; candidateSeq: number } {
    const [row] = this.database.query<{ head: number | null; candidateHead: number | null }>(
      // From the primary key alone, as on SQLite (server/db/event-store.ts).
      `SELECT (SELECT max(seq) FROM events WHERE session_id = $1) AS head,
        (SELECT candidate_seq FROM events WHERE session_id = $1 AND candidate_seq IS NOT NULL ORDER BY seq DESC LIMIT 1) AS "candidateHead"`,
      [sessionId],
    );
    return { seq: row?.head ?? 0, candidateSeq: row?.candidateHead ?? 0 };
  }

  seqOfCandidateSeq(sessionId: string, candidateSeq: number): number {
    if (candidateSeq <= 0) return 0;
    const [row] = this.database.query<{ seq: number }>(
      'SELECT seq FROM events WHERE session_id = $1 AND seq >= $2::bigint AND candidate_seq = $2::bigint ORDER BY seq LIMIT 1',
      [sessionId, candidateSeq],
    );
    return row?.seq ?? this.head(sessionId);
  }
}

function turnIdOf(data: string): string | undefined {
  const turnId = (JSON.parse(data) as { turnId?: unknown }).turnId;
  return typeof turnId === 'string' ? turnId : undefined;
}
