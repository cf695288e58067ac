import type Database from 'better-sqlite3';
import type { SessionEvent } from '../../shared/events';
import type { PendingAppend } from './group-commit';

// The append-only log. Raw prepared statements on the hot path (every streamed delta goes
// through here); the schema itself lives in schema.ts with the other tables.

interface EventRow {
  seq: number;
  at: number;
  type: string;
  actor: string;
  data: string;
}

export class EventStore {
  private readonly insert: Database.Statement;
  private readonly selectAfter: Database.Statement<[string, number], EventRow>;
  private readonly selectHead: Database.Statement<[string], { head: number | null }>;
  private readonly setHead: Database.Statement;
  private readonly appendEvents: (sessionId: string, events: readonly SessionEvent[]) => void;
  private readonly appendMany: (batch: readonly Pick<PendingAppend, 'sessionId' | 'events' | 'alsoInTransaction'>[]) => void;

  constructor(private readonly sqlite: Database.Database) {
    this.insert = sqlite.prepare('INSERT INTO events (session_id, seq, at, type, actor, data) VALUES (?, ?, ?, ?, ?, ?)');
    this.selectAfter = sqlite.prepare('SELECT seq, at, type, actor, data FROM events WHERE session_id = ? AND seq > ? ORDER BY seq');
    this.selectHead = sqlite.prepare('SELECT max(seq) AS head FROM events WHERE session_id = ?');
    this.setHead = sqlite.prepare('UPDATE sessions SET head_seq = ? WHERE id = ?');
    this.appendEvents = (sessionId, events) => {
      for (const e of events) {
        this.insert.run(sessionId, e.seq, e.at, e.type, JSON.stringify(e.actor), JSON.stringify(e.data));
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
    return this.selectAfter.all(sessionId, seq).map(toEvent);
  }

  all(sessionId: string): SessionEvent[] {
    return this.after(sessionId, 0);
  }

  head(sessionId: string): number {
    return this.selectHead.get(sessionId)?.head ?? 0;
  }
}

function toEvent(row: EventRow): SessionEvent {
  // Rows are only ever written by `append` from typed events, so the shape holds.
  return { seq: row.seq, at: row.at, type: row.type, actor: JSON.parse(row.actor), data: JSON.parse(row.data) } as SessionEvent;
}
