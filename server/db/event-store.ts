import type Database from 'better-sqlite3';
import type { EventType, SessionEvent } from '../../shared/events';
import type { Transaction } from './database';
import type { SqliteDatabase } from './sqlite';

// The append-only log. Raw prepared statements on the hot path (every streamed delta goes
// through here; bench/recording.ts measures why not the query builder); the schema itself lives
// in schema.ts with the other tables. Besides `events`, an append writes whatever the entry's
// `alsoInTransaction` writes through its own store (on PostgreSQL also `sessions.head_seq`, the fence).

/** An event as stored: actor and data are JSON text, serialized once when the event was made. */
export interface EventRow {
  seq: number;
  at: number;
  type: EventType;
  actor: string;
  data: string;
  /** The event's number in the candidate's view; null for staff-only events. */
  candidateSeq: number | null;
}

/** One session's rows for a commit, with more writes for the same transaction (read models). */
export interface SessionAppend {
  sessionId: string;
  rows: readonly EventRow[];
  /** Runs inside the append's transaction, after its rows: `tx` goes to the other stores' methods. */
  alsoInTransaction?: (tx: Transaction) => void;
}

export interface EventStore {
  /**
   * Commits one session's rows in one transaction: the caller's if it passes one (then durable
   * when that commits), else its own (durable once this returns).
   */
  append(entry: SessionAppend, tx?: Transaction): void;
  /**
   * Commits several sessions' appends in one transaction of its own (group commit): all or
   * nothing, durable once this returns. Never inside a caller's transaction: the group commit
   * broadcasts what it committed as soon as this returns.
   */
  appendBatch(batch: readonly SessionAppend[]): void;
  after(sessionId: string, seq: number): SessionEvent[];
  /** The stored rows after `seq`, unparsed: for readers that forward the recorded JSON as it is. */
  rowsAfter(sessionId: string, seq: number): EventRow[];
  /**
   * `rowsAfter` without the deltas of turns that have ended: a turn's end event carries its whole
   * text. What stays: every other event, and the deltas of answers still streaming.
   */
  rowsAfterWithoutSettledDeltas(sessionId: string, seq: number): EventRow[];
  countAfter(sessionId: string, seq: number): number;
  /** Only the events of these types, in seq order. */
  ofTypes(sessionId: string, types: readonly EventType[]): SessionEvent[];
  all(sessionId: string): SessionEvent[];
  head(sessionId: string): number;
  /** The log's head and the candidate's: what a room continues numbering from. */
  heads(sessionId: string): { seq: number; candidateSeq: number };
  /**
   * The log seq of the candidate's `candidateSeq`-th event, so a candidate's "after n" can be read
   * as the log's "after seq". 0 stays 0; a number past the candidate's head gives the log's head.
   */
  seqOfCandidateSeq(sessionId: string, candidateSeq: number): number;
}

const COLUMNS = 'seq, at, type, actor, data, candidate_seq AS candidateSeq';

/**
 * The log seq of a candidate seq, without an index of its own: candidate seqs number a subset of
 * the log in the same order, so the event is at or after `seq = n`, past as many rows as there are
 * staff-only events before it (notes, scores: the staff's activity, never the candidate's).
 */
const CANDIDATE_SEQ_TO_SEQ = 'SELECT seq FROM events WHERE session_id = @session AND seq >= @n AND candidate_seq = @n ORDER BY seq LIMIT 1';

export class SqliteEventStore implements EventStore {
  private readonly insert: Database.Statement;
  private readonly selectAfter: Database.Statement<[string, number], EventRow>;
  private readonly selectNonDeltasAfter: Database.Statement<[string, number], EventRow>;
  private readonly selectTurnBounds: Database.Statement<[string], { seq: number; type: EventType; turnId: string }>;
  private readonly selectDeltasOfTurns: Database.Statement<[{ session: string; after: number; turns: string }], EventRow>;
  private readonly selectOfTypes: Database.Statement<[string, string], EventRow>;
  private readonly countAfterStatement: Database.Statement<[string, number], { n: number }>;
  private readonly selectHead: Database.Statement<[{ session: string }], { head: number | null; candidateHead: number | null }>;
  private readonly selectSeqOfCandidateSeq: Database.Statement<[{ session: string; n: number }], { seq: number }>;
  private readonly appendMany: (batch: readonly SessionAppend[]) => void;

  constructor(private readonly database: SqliteDatabase) {
    const { sqlite } = database;
    this.insert = sqlite.prepare('INSERT INTO events (session_id, seq, at, type, actor, data, candidate_seq) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.selectAfter = sqlite.prepare(`SELECT ${COLUMNS} FROM events WHERE session_id = ? AND seq > ? ORDER BY seq`);
    // For reads that leave settled deltas out (see rowsAfterWithoutSettledDeltas). Three narrow
    // scans: testing every delta's turn id in one query costs a JSON parse per delta.
    this.selectNonDeltasAfter = sqlite.prepare(
      `SELECT ${COLUMNS} FROM events WHERE session_id = ? AND seq > ? AND type != 'turn.delta' ORDER BY seq`,
    );
    this.selectTurnBounds = sqlite.prepare(
      "SELECT seq, type, json_extract(data, '$.turnId') AS turnId FROM events WHERE session_id = ? AND type IN ('turn.started', 'turn.completed', 'turn.failed', 'turn.cancelled')",
    );
    this.selectDeltasOfTurns = sqlite.prepare(
      `SELECT ${COLUMNS} FROM events WHERE session_id = @session AND seq > @after AND type = 'turn.delta' AND json_extract(data, '$.turnId') IN (SELECT value FROM json_each(@turns)) ORDER BY seq`,
    );
    // The types come as one JSON array: a statement per type count is not needed.
    this.selectOfTypes = sqlite.prepare(
      `SELECT ${COLUMNS} FROM events WHERE session_id = ? AND type IN (SELECT value FROM json_each(?)) ORDER BY seq`,
    );
    this.countAfterStatement = sqlite.prepare('SELECT count(*) AS n FROM events WHERE session_id = ? AND seq > ?');
    // Both heads from the primary key: the candidate's is that of the last event they may see,
    // a backward scan past the few staff-only events at the end of the log.
    this.selectHead = sqlite.prepare(
      `SELECT (SELECT max(seq) FROM events WHERE session_id = @session) AS head,
        (SELECT candidate_seq FROM events WHERE session_id = @session AND candidate_seq IS NOT NULL ORDER BY seq DESC LIMIT 1) AS candidateHead`,
    );
    this.selectSeqOfCandidateSeq = sqlite.prepare(CANDIDATE_SEQ_TO_SEQ);
    this.appendMany = database.transactional((tx, batch: readonly SessionAppend[]) => {
      for (const entry of batch) {
        for (const row of entry.rows) this.insert.run(entry.sessionId, row.seq, row.at, row.type, row.actor, row.data, row.candidateSeq);
        entry.alsoInTransaction?.(tx);
      }
    });
  }

  append(entry: SessionAppend, tx?: Transaction): void {
    // Inside the caller's transaction, this one is a savepoint of it (one connection).
    if (tx !== undefined) this.database.check(tx);
    this.appendMany([entry]);
  }

  appendBatch(batch: readonly SessionAppend[]): void {
    if (this.database.sqlite.inTransaction)
      throw new Error('A group commit inside a transaction: it would broadcast what may still roll back.');
    this.appendMany(batch);
  }

  after(sessionId: string, seq: number): SessionEvent[] {
    return this.rowsAfter(sessionId, seq).map(toEvent);
  }

  rowsAfter(sessionId: string, seq: number): EventRow[] {
    return this.selectAfter.all(sessionId, seq);
  }

  rowsAfterWithoutSettledDeltas(sessionId: string, seq: number): EventRow[] {
    const others = this.selectNonDeltasAfter.all(sessionId, seq);
    const startedAt = new Map<string, number>();
    const ended = new Set<string>();
    for (const bound of this.selectTurnBounds.all(sessionId)) {
      if (bound.type === 'turn.started') startedAt.set(bound.turnId, bound.seq);
      else ended.add(bound.turnId);
    }
    const streaming = [...startedAt].filter(([turnId]) => !ended.has(turnId));
    if (streaming.length === 0) return others;
    const after = Math.max(seq, Math.min(...streaming.map(([, startSeq]) => startSeq)));
    const deltas = this.selectDeltasOfTurns.all({ session: sessionId, after, turns: JSON.stringify(streaming.map(([turnId]) => turnId)) });
    return mergeBySeq(others, deltas);
  }

  countAfter(sessionId: string, seq: number): number {
    return this.countAfterStatement.get(sessionId, seq)?.n ?? 0;
  }

  ofTypes(sessionId: string, types: readonly EventType[]): SessionEvent[] {
    return this.selectOfTypes.all(sessionId, JSON.stringify(types)).map(toEvent);
  }

  all(sessionId: string): SessionEvent[] {
    return this.after(sessionId, 0);
  }

  head(sessionId: string): number {
    return this.selectHead.get({ session: sessionId })?.head ?? 0;
  }

  heads(sessionId: string): { seq: number; candidateSeq: number } {
    const row = this.selectHead.get({ session: sessionId });
    return { seq: row?.head ?? 0, candidateSeq: row?.candidateHead ?? 0 };
  }

  seqOfCandidateSeq(sessionId: string, candidateSeq: number): number {
    if (candidateSeq <= 0) return 0;
    return this.selectSeqOfCandidateSeq.get({ session: sessionId, n: candidateSeq })?.seq ?? this.head(sessionId);
  }
}

/** Two seq-ordered lists as one. */
export function mergeBySeq(a: readonly EventRow[], b: readonly EventRow[]): EventRow[] {
  const merged: EventRow[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i]!.seq < b[j]!.seq)) merged.push(a[i++]!);
    else merged.push(b[j++]!);
  }
  return merged;
}

/** Serializes an event for the log. The actor's role is its first key (visible-log-json reads it without a parse). */
export function toRow(event: SessionEvent, candidateSeq: number | null = null): EventRow {
  return {
    seq: event.seq,
    at: event.at,
    type: event.type,
    actor: JSON.stringify(event.actor),
    data: JSON.stringify(event.data),
    candidateSeq,
  };
}

export function toEvent(row: EventRow): SessionEvent {
  // Rows are only ever written by `append` from typed events, so the shape holds.
  return { seq: row.seq, at: row.at, type: row.type, actor: JSON.parse(row.actor), data: JSON.parse(row.data) } as SessionEvent;
}
