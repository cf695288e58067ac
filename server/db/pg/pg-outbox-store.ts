import type { Transaction } from '../database';
import type { AttemptResult, AttemptRow, DeliveryKind, DeliveryRow, NewDelivery, OutboxStore } from '../outbox-store';
import { selectList } from './columns';
import type { PgDatabase } from './pg-database';
import { outboundAttempts, outboundDeliveries } from './schema';

// The outbox on PostgreSQL, where several nodes send from the same rows. Two rules keep a
// delivery from going out twice at once:
// - the claim (startAttempt) is one conditional UPDATE: of two nodes that both saw a delivery
//   due, the second waits on the first's row lock, then finds it held (next_attempt_at moved
//   past now) and gets nothing;
// - while its request is in flight the sending node holds a session-level advisory lock on the
//   delivery. The lock dies with the node's connection, so an attempt left 'sending' whose lock
//   can be taken was cut by a crash: it is marked interrupted and the delivery is due again (at
//   a node's start, or by the claim itself once the hold lapsed); an attempt whose lock is held
//   belongs to a live node and is left alone.

const DELIVERY_COLUMNS = selectList(outboundDeliveries);
const ATTEMPT_COLUMNS = selectList(outboundAttempts);

/** Advisory locks' first key: the outbox's own space (the migrations lock uses the one-key form). */
const LOCK_SPACE = 0x0a7e_0001;

/** No earlier pending delivery to the same endpoint about the same session (order per session). */
const FIRST_UNSETTLED = `NOT EXISTS (SELECT 1 FROM outbound_deliveries AS earlier WHERE earlier.kind = outbound_deliveries.kind AND earlier.endpoint_id = outbound_deliveries.endpoint_id AND earlier.session_id = outbound_deliveries.session_id AND earlier.status = 'pending' AND earlier.seq < outbound_deliveries.seq)`;

const INTERRUPTED = 'The server stopped before the answer came.';

export class PgOutboxStore implements OutboxStore {
  constructor(private readonly database: PgDatabase) {}

  enqueue(rows: readonly NewDelivery[], tx?: Transaction): void {
    if (rows.length === 0) return;
    const values: unknown[] = [];
    const tuples = rows.map((row) => {
      const at = values.length;
      values.push(row.id, row.kind, row.endpointId, row.sessionId, row.eventId, row.eventType, row.body, row.createdAt);
      return `($${at + 1}, $${at + 2}, $${at + 3}, $${at + 4}, $${at + 5}, $${at + 6}, $${at + 7}, 'pending', 0, $${at + 8}, $${at + 8})`;
    });
    this.database.query(
      `INSERT INTO outbound_deliveries (id, kind, endpoint_id, session_id, event_id, event_type, body, status, attempts, created_at, next_attempt_at) VALUES ${tuples.join(', ')}`,
      values,
      tx,
    );
  }

  due(now: number, limit: number, busy: ReadonlySet<string>): DeliveryRow[] {
    const rows = this.database.query<DeliveryRow>(
      `SELECT ${DELIVERY_COLUMNS} FROM outbound_deliveries WHERE status = 'pending' AND next_attempt_at <= $1 AND ${FIRST_UNSETTLED} ORDER BY seq LIMIT $2`,
      [now, limit + busy.size],
    );
    return rows.filter((row) => !busy.has(row.id)).slice(0, limit);
  }

  nextDueAt(): number | undefined {
    const [row] = this.database.query<{ at: number | null }>(
      `SELECT min(next_attempt_at) AS at FROM outbound_deliveries WHERE status = 'pending' AND ${FIRST_UNSETTLED}`,
    );
    return row?.at ?? undefined;
  }

  startAttempt(deliveryId: string, attemptId: string, now: number, holdUntil: number): boolean {
    if (!this.lock(deliveryId)) return false; // a live node is sending it
    let claimed = false;
    try {
      claimed = this.database.atomically(undefined, (tx) => {
        // Due, or held by an attempt whose node died (we hold its lock, so nobody alive sends it).
        const [row] = this.database.query<{ id: string }>(
          `UPDATE outbound_deliveries SET attempts = attempts + 1, next_attempt_at = $3
            WHERE id = $1 AND status = 'pending'
              AND (next_attempt_at <= $2 OR EXISTS (SELECT 1 FROM outbound_attempts WHERE delivery_id = $1 AND outcome = 'sending'))
            RETURNING id`,
          [deliveryId, now, holdUntil],
          tx,
        );
        if (!row) return false;
        this.database.query(
          "UPDATE outbound_attempts SET outcome = 'interrupted', finished_at = $2, error = $3 WHERE delivery_id = $1 AND outcome = 'sending'",
          [deliveryId, now, INTERRUPTED],
          tx,
        );
        this.database.query(
          "INSERT INTO outbound_attempts (id, delivery_id, started_at, outcome) VALUES ($1, $2, $3, 'sending')",
          [attemptId, deliveryId, now],
          tx,
        );
        return true;
      });
    } finally {
      if (!claimed) this.unlock(deliveryId);
    }
    return claimed;
  }

  finishAttempt(deliveryId: string, attemptId: string, result: AttemptResult): void {
    try {
      this.database.atomically(undefined, (tx) => {
        const stillOurs =
          this.database.query<{ id: string }>(
            "UPDATE outbound_attempts SET outcome = $2, status_code = $3, error = $4, finished_at = $5 WHERE id = $1 AND outcome = 'sending' RETURNING id",
            [attemptId, result.outcome, result.statusCode, result.error, result.finishedAt],
            tx,
          ).length > 0;
        // Taken over (our connection was lost, so was our lock): the delivery is the new attempt's.
        if (!stillOurs) return;
        const next = result.delivery;
        if (next.status === 'pending')
          this.database.query(
            "UPDATE outbound_deliveries SET status = 'pending', next_attempt_at = $2 WHERE id = $1",
            [deliveryId, next.nextAttemptAt],
            tx,
          );
        else
          this.database.query(
            'UPDATE outbound_deliveries SET status = $2, settled_at = $3 WHERE id = $1',
            [deliveryId, next.status, next.settledAt],
            tx,
          );
      });
    } finally {
      this.unlock(deliveryId);
    }
  }

  interruptSending(now: number): number {
    const sending = this.database.query<{ deliveryId: string }>(
      'SELECT DISTINCT delivery_id AS "deliveryId" FROM outbound_attempts WHERE outcome = \'sending\'',
    );
    let interrupted = 0;
    for (const { deliveryId } of sending) {
      if (!this.lock(deliveryId)) continue; // in flight on a live node
      try {
        interrupted += this.database.atomically(undefined, (tx) => {
          const cut = this.database.query<{ id: string }>(
            "UPDATE outbound_attempts SET outcome = 'interrupted', finished_at = $2, error = $3 WHERE delivery_id = $1 AND outcome = 'sending' RETURNING id",
            [deliveryId, now, INTERRUPTED],
            tx,
          ).length;
          this.database.query(
            "UPDATE outbound_deliveries SET next_attempt_at = $2 WHERE id = $1 AND status = 'pending'",
            [deliveryId, now],
            tx,
          );
          return cut;
        });
      } finally {
        this.unlock(deliveryId);
      }
    }
    return interrupted;
  }

  get(id: string): DeliveryRow | undefined {
    return this.database.query<DeliveryRow>(`SELECT ${DELIVERY_COLUMNS} FROM outbound_deliveries WHERE id = $1`, [id])[0];
  }

  attemptsOf(deliveryIds: readonly string[]): AttemptRow[] {
    if (deliveryIds.length === 0) return [];
    return this.database.query<AttemptRow>(
      `SELECT ${ATTEMPT_COLUMNS} FROM outbound_attempts WHERE delivery_id = ANY($1::text[]) ORDER BY started_at, id`,
      [[...deliveryIds]],
    );
  }

  forEndpoint(kind: DeliveryKind, endpointId: string, limit: number): DeliveryRow[] {
    return this.database.query<DeliveryRow>(
      `SELECT ${DELIVERY_COLUMNS} FROM outbound_deliveries WHERE kind = $1 AND endpoint_id = $2 ORDER BY seq DESC LIMIT $3`,
      [kind, endpointId, limit],
    );
  }

  counts(kind: DeliveryKind): Map<string, { pending: number; failed: number }> {
    const rows = this.database.query<{ endpointId: string; status: string; n: number }>(
      'SELECT endpoint_id AS "endpointId", status, count(*) AS n FROM outbound_deliveries WHERE kind = $1 GROUP BY endpoint_id, status',
      [kind],
    );
    const counts = new Map<string, { pending: number; failed: number }>();
    for (const row of rows) {
      const entry = counts.get(row.endpointId) ?? { pending: 0, failed: 0 };
      if (row.status === 'pending') entry.pending = row.n;
      if (row.status === 'failed') entry.failed = row.n;
      counts.set(row.endpointId, entry);
    }
    return counts;
  }

  resend(id: string, now: number): boolean {
    return (
      this.database.query<{ id: string }>(
        "UPDATE outbound_deliveries SET status = 'pending', next_attempt_at = $2, settled_at = NULL WHERE id = $1 RETURNING id",
        [id, now],
      ).length > 0
    );
  }

  deleteForEndpoint(kind: DeliveryKind, endpointId: string, tx?: Transaction): void {
    this.database.query('DELETE FROM outbound_deliveries WHERE kind = $1 AND endpoint_id = $2', [kind, endpointId], tx);
  }

  private lock(deliveryId: string): boolean {
    const [row] = this.database.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked', [
      LOCK_SPACE,
      deliveryId,
    ]);
    return row?.locked === true;
  }

  private unlock(deliveryId: string): void {
    this.database.query('SELECT pg_advisory_unlock($1, hashtext($2))', [LOCK_SPACE, deliveryId]);
  }
}
