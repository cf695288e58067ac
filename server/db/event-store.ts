import type Database from 'better-sqlite3';
import type { EventType, SessionEvent } from '../../shared/events';
import type { PendingAppend } from './group-commit';

// The append-only log. Raw prepared statements on the hot path (every streamed delta goes
// through here); the schema itself lives in schema.ts with the other tables.

/** An event as stored: actor and data are JSON text. */
export interface EventRow {
  seq: number;
  at: number;
  type: EventType;
  actor: string;
  data: string;
}

export class EventStore {
  private readonly insert: Database.Statement;
  private readonly selectAfter: Database.Statement<[string, number], EventRow>;
  private readonly selectNonDeltasAfter: Database.Statement<[string, number], EventRow>;
  private readonly selectTurnBounds: Database.Statement<[string], { seq: number; type: EventType; turnId: string }>;
  private readonly selectDeltasOfTurns: Database.Statement<[{ session: string; after: number; turns: string }], EventRow>;
  private readonly selectOfTypes: Database.Statement<[string, string], EventRow>;
  private readonly countAfterStatement: Database.Statement<[string, number], { n: number }>;
  private readonly selectHead: Database.Statement<[string], { head: number | null }>;
  private readonly setHead: Database.Statement;
  private readonly appendEvents: (sessionId: string, events: readonly SessionEvent[]) => void;
  private readonly appendMany: (batch: readonly Pick<PendingAppend, 'sessionId' | 'events' | 'alsoInTransaction'>[]) => void;

  constructor(private readonly sqlite: Database.Database) {
    this.insert = sqlite.prepare('INSERT INTO events (session_id, seq, at, type, actor, data) VALUES (?, ?, ?, ?, ?, ?)');
    this.selectAfter = sqlite.prepare('SELECT seq, at, type, actor, data FROM events WHERE session_id = ? AND seq > ? ORDER BY seq');
    // For reads that leave settled deltas out (see rowsAfterWithoutSettledDeltas). Three narrow
    // scans: testing every delta's turn id in one query costs a JSON parse per delta.
    this.selectNonDeltasAfter = sqlite.prepare("SELECT seq, at, type, actor, data FROM events WHERE session_id = ? AND seq > ? AND type != 'turn.delta' ORDER BY seq");
    this.selectTurnBounds = sqlite.prepare(
      "SELECT seq, type, json_extract(data, '$.turnId') AS turnId FROM events WHERE session_id = ? AND type IN ('turn.started', 'turn.completed', 'turn.failed', 'turn.cancelled')",
    );
    this.selectDeltasOfTurns = sqlite.prepare(
      "SELECT seq, at, type, actor, data FROM events WHERE session_id = @session AND seq > @after AND type = 'turn.delta' AND json_extract(data, '$.turnId') IN (SELECT value FROM json_each(@turns)) ORDER BY seq",
    );
    // The types come as one JSON array: a statement per type count is not needed.
    this.selectOfTypes = sqlite.prepare('SELECT seq, at, type, actor, data FROM events WHERE session_id = ? AND type IN (SELECT value FROM json_each(?)) ORDER BY seq');
    this.countAfterStatement = sqlite.prepare('SELECT count(*) AS n FROM events WHERE session_id = ? AND seq > ?');
    this.selectHead = sqlite.prepare('SELECT max(seq) AS head FROM events WHERE session_id = ?');
    this.setHead = sqlite.prepare('UPDATE sessions SET head_seq = ? WHERE id = ?');
    this.appendEvents = (sessionId, events) => {
      for (const e of events) {
        const row = toRow(e);
        this.insert.run(sessionId, row.seq, row.at, row.type, row.actor, row.data);
      }
      const last = events[events.length - 1];
      if (last) this.setHead.run(last.seq, sessionId);
    };
    this.appendMany = sqlite.transaction((batch) => {
      for (const entry of batch) {
        this.appendEvents(entry.sessionId, entry.events);
        entry.alsoInTransaction?.();
      }
    });
  }

  /** Commits the events in one transaction; returns only once they are durable in the WAL. */
  append(sessionId: string, events: readonly SessionEvent[], alsoInTransaction?: () => void): void {
    this.appendMany([{ sessionId, events, alsoInTransaction }]);
  }

  /** Commits several sessions' appends in one transaction (group commit). */
  appendBatch(batch: readonly Pick<PendingAppend, 'sessionId' | 'events' | 'alsoInTransaction'>[]): void {
    this.appendMany(batch);
  }

  after(sessionId: string, seq: number): SessionEvent[] {
    return this.rowsAfter(sessionId, seq).map(toEvent);
  }

  /** The stored rows after `seq`, unparsed: for readers that forward the recorded JSON as it is. */
  rowsAfter(sessionId: string, seq: number): EventRow[] {
    return this.selectAfter.all(sessionId, seq);
  }

  /**
   * `rowsAfter` without the deltas of turns that have ended: a turn's end event carries its whole
   * text. What stays: every other event, and the deltas of answers still streaming.
   */
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

  /** Only the events of these types, in seq order. */
  ofTypes(sessionId: string, types: readonly EventType[]): SessionEvent[] {
    return this.selectOfTypes.all(sessionId, JSON.stringify(types)).map(toEvent);
  }

  all(sessionId: string): SessionEvent[] {
    return this.after(sessionId, 0);
  }

  head(sessionId: string): number {
    return this.selectHead.get(sessionId)?.head ?? 0;
  }
}

/** Two seq-ordered lists as one. */
function mergeBySeq(a: readonly EventRow[], b: readonly EventRow[]): EventRow[] {
  const merged: EventRow[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i]!.seq < b[j]!.seq)) merged.push(a[i++]!);
    else merged.push(b[j++]!);
  }
  return merged;
}

export function toRow(event: SessionEvent): EventRow {
  return { seq: event.seq, at: event.at, type: event.type, actor: JSON.stringify(event.actor), data: JSON.stringify(event.data) };
}

export function toEvent(row: EventRow): SessionEvent {
  // Rows are only ever written by `append` from typed events, so the shape holds.
  return { seq: row.seq, at: row.at, type: row.type, actor: JSON.parse(row.actor), data: JSON.parse(row.data) } as SessionEvent;
}
