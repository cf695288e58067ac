import { and, asc, count, desc, eq, inArray, lte, min, sql } from 'drizzle-orm';
import type { Transaction } from './database';
import { outboundAttempts, outboundDeliveries } from './schema';
import type { Db, SqliteDatabase } from './sqlite';

export type DeliveryRow = typeof outboundDeliveries.$inferSelect;
export type AttemptRow = typeof outboundAttempts.$inferSelect;
export type DeliveryKind = DeliveryRow['kind'];
export type NewDelivery = Pick<DeliveryRow, 'id' | 'kind' | 'endpointId' | 'sessionId' | 'eventId' | 'eventType' | 'body' | 'createdAt'>;

/** How an attempt ended, and what becomes of its delivery. */
export interface AttemptResult {
  outcome: Exclude<AttemptRow['outcome'], 'sending'>;
  statusCode: number | null;
  error: string | null;
  finishedAt: number;
  /** The delivery's new state: delivered, failed for good, or pending until `nextAttemptAt`. */
  delivery: { status: 'delivered' | 'failed'; settledAt: number } | { status: 'pending'; nextAttemptAt: number };
}

/** The outbox (outbound_deliveries and their outbound_attempts). */
export interface OutboxStore {
  enqueue(rows: readonly NewDelivery[], tx?: Transaction): void;
  /**
   * Pending deliveries due at `now`, oldest first, each the first unsettled one of its endpoint
   * and session (order per session), leaving out `busy` ones.
   */
  due(now: number, limit: number, busy: ReadonlySet<string>): DeliveryRow[];
  /** When the next pending delivery is due; undefined when none is pending. */
  nextDueAt(): number | undefined;
  /**
   * Records attempt `attemptId` as being sent, before any byte leaves: a crash afterwards finds it
   * 'sending' and never sends that id again. The delivery is held until `holdUntil`.
   * A claim: false (and nothing written) when the delivery is no longer pending and due, so two
   * senders (nodes sharing a database) never both send it (pg/pg-outbox-store.ts for PostgreSQL).
   */
  startAttempt(deliveryId: string, attemptId: string, now: number, holdUntil: number): boolean;
  finishAttempt(deliveryId: string, attemptId: string, result: AttemptResult): void;
  /** At start: attempts a crash left 'sending' become 'interrupted', their deliveries due at `now`. */
  interruptSending(now: number): number;
  get(id: string): DeliveryRow | undefined;
  attemptsOf(deliveryIds: readonly string[]): AttemptRow[];
  /** Newest first. */
  forEndpoint(kind: DeliveryKind, endpointId: string, limit: number): DeliveryRow[];
  counts(kind: DeliveryKind): Map<string, { pending: number; failed: number }>;
  /** Sends a delivery again (a new attempt), whatever its state. */
  resend(id: string, now: number): boolean;
  deleteForEndpoint(kind: DeliveryKind, endpointId: string, tx?: Transaction): void;
}

/** No earlier pending delivery to the same endpoint about the same session (order per session). */
const FIRST_UNSETTLED = sql`NOT EXISTS (SELECT 1 FROM outbound_deliveries AS earlier WHERE earlier.kind = outbound_deliveries.kind AND earlier.endpoint_id = outbound_deliveries.endpoint_id AND earlier.session_id = outbound_deliveries.session_id AND earlier.status = 'pending' AND earlier.seq < outbound_deliveries.seq)`;

export class SqliteOutboxStore implements OutboxStore {
  private readonly db: Db;

  constructor(private readonly database: SqliteDatabase) {
    this.db = database.db;
  }

  enqueue(rows: readonly NewDelivery[], tx?: Transaction): void {
    if (rows.length === 0) return;
    this.database
      .on(tx)
      .insert(outboundDeliveries)
      .values(rows.map((row) => ({ ...row, status: 'pending' as const, attempts: 0, nextAttemptAt: row.createdAt })))
      .run();
  }

  due(now: number, limit: number, busy: ReadonlySet<string>): DeliveryRow[] {
    const rows = this.db
      .select()
      .from(outboundDeliveries)
      .where(and(eq(outboundDeliveries.status, 'pending'), lte(outboundDeliveries.nextAttemptAt, now), FIRST_UNSETTLED))
      .orderBy(asc(outboundDeliveries.seq))
      .limit(limit + busy.size)
      .all();
    return rows.filter((row) => !busy.has(row.id)).slice(0, limit);
  }

  nextDueAt(): number | undefined {
    const row = this.db
      .select({ at: min(outboundDeliveries.nextAttemptAt) })
      .from(outboundDeliveries)
      .where(and(eq(outboundDeliveries.status, 'pending'), FIRST_UNSETTLED))
      .get();
    return row?.at ?? undefined;
  }

  startAttempt(deliveryId: string, attemptId: string, now: number, holdUntil: number): boolean {
    return this.database.atomically(undefined, (tx) => {
      const db = this.database.on(tx);
      const claimed = db
        .update(outboundDeliveries)
        .set({ attempts: sql`${outboundDeliveries.attempts} + 1`, nextAttemptAt: holdUntil })
        .where(
          and(eq(outboundDeliveries.id, deliveryId), eq(outboundDeliveries.status, 'pending'), lte(outboundDeliveries.nextAttemptAt, now)),
        )
        .run().changes;
      if (claimed === 0) return false;
      db.insert(outboundAttempts).values({ id: attemptId, deliveryId, startedAt: now, outcome: 'sending' }).run();
      return true;
    });
  }

  finishAttempt(deliveryId: string, attemptId: string, result: AttemptResult): void {
    this.database.atomically(undefined, (tx) => {
      const db = this.database.on(tx);
      db.update(outboundAttempts)
        .set({ outcome: result.outcome, statusCode: result.statusCode, error: result.error, finishedAt: result.finishedAt })
        .where(eq(outboundAttempts.id, attemptId))
        .run();
      const next = result.delivery;
      db.update(outboundDeliveries)
        .set(
          next.status === 'pending'
            ? { status: 'pending', nextAttemptAt: next.nextAttemptAt }
            : { status: next.status, settledAt: next.settledAt },
        )
        .where(eq(outboundDeliveries.id, deliveryId))
        .run();
    });
  }

  interruptSending(now: number): number {
    return this.database.atomically(undefined, (tx) => {
      const db = this.database.on(tx);
      const sending = db
        .select({ id: outboundAttempts.id, deliveryId: outboundAttempts.deliveryId })
        .from(outboundAttempts)
        .where(eq(outboundAttempts.outcome, 'sending'))
        .all();
      if (sending.length === 0) return 0;
      db.update(outboundAttempts)
        .set({ outcome: 'interrupted', finishedAt: now, error: 'The server stopped before the answer came.' })
        .where(
          inArray(
            outboundAttempts.id,
            sending.map((a) => a.id),
          ),
        )
        .run();
      db.update(outboundDeliveries)
        .set({ nextAttemptAt: now })
        .where(
          and(
            inArray(
              outboundDeliveries.id,
              sending.map((a) => a.deliveryId),
            ),
            eq(outboundDeliveries.status, 'pending'),
          ),
        )
        .run();
      return sending.length;
    });
  }

  get(id: string): DeliveryRow | undefined {
    return this.db.select().from(outboundDeliveries).where(eq(outboundDeliveries.id, id)).get();
  }

  attemptsOf(deliveryIds: readonly string[]): AttemptRow[] {
    if (deliveryIds.length === 0) return [];
    return this.db
      .select()
      .from(outboundAttempts)
      .where(inArray(outboundAttempts.deliveryId, [...deliveryIds]))
      .orderBy(asc(outboundAttempts.startedAt), asc(outboundAttempts.id))
      .all();
  }

  forEndpoint(kind: DeliveryKind, endpointId: string, limit: number): DeliveryRow[] {
    return this.db
      .select()
      .from(outboundDeliveries)
      .where(and(eq(outboundDeliveries.kind, kind), eq(outboundDeliveries.endpointId, endpointId)))
      .orderBy(desc(outboundDeliveries.seq))
      .limit(limit)
      .all();
  }

  counts(kind: DeliveryKind): Map<string, { pending: number; failed: number }> {
    const rows = this.db
      .select({ endpointId: outboundDeliveries.endpointId, status: outboundDeliveries.status, n: count() })
      .from(outboundDeliveries)
      .where(eq(outboundDeliveries.kind, kind))
      .groupBy(outboundDeliveries.endpointId, outboundDeliveries.status)
      .all();
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
      this.db
        .update(outboundDeliveries)
        .set({ status: 'pending', nextAttemptAt: now, settledAt: null })
        .where(eq(outboundDeliveries.id, id))
        .run().changes > 0
    );
  }

  deleteForEndpoint(kind: DeliveryKind, endpointId: string, tx?: Transaction): void {
    this.database
      .on(tx)
      .delete(outboundDeliveries)
      .where(and(eq(outboundDeliveries.kind, kind), eq(outboundDeliveries.endpointId, endpointId)))
      .run();
  }
}
