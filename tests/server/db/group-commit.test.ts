import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteEventStore, toRow, type EventStore } from '../../../server/db/event-store';
import { GroupCommit, type PendingAppend } from '../../../server/db/group-commit';
import { openSqlite, type SqliteDatabase } from '../../../server/db/sqlite';
import type { SessionEvent } from '../../../shared/events';

// One batch, many sessions: a failure in one session's rows must not cost the others theirs.

let dir: string;
let database: SqliteDatabase;
let store: EventStore;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'atelier-commit-'));
  database = openSqlite(join(dir, 'atelier.db'));
  database.sqlite.pragma('foreign_keys = OFF');
  for (const id of ['a', 'b', 'c'])
    database.sqlite.prepare("INSERT INTO sessions (id, exercise_id, exercise_version, created_at) VALUES (?, 'x', 1, 0)").run(id);
  store = new SqliteEventStore(database);
});
afterEach(async () => {
  await database.close();
  rmSync(dir, { recursive: true, force: true });
});

const delta = (seq: number): SessionEvent =>
  ({ seq, at: seq, type: 'turn.delta', actor: { role: 'system' }, data: { turnId: 't', text: `chunk ${seq}` } }) as SessionEvent;

function entry(sessionId: string, seq: number, outcome: { committed: string[]; failed: string[] }): PendingAppend {
  return {
    sessionId,
    rows: [toRow(delta(seq), seq)],
    afterCommit: () => outcome.committed.push(`${sessionId}${seq}`),
    onFailure: () => outcome.failed.push(`${sessionId}${seq}`),
  };
}

/** A group commit with entries queued in the order given: 'a1 b1' is session a's seq 1, then b's. */
function queued(order: string) {
  const commits = new GroupCommit(store);
  const outcome = { committed: [] as string[], failed: [] as string[] };
  for (const name of order.split(' ')) commits.enqueue(entry(name[0]!, Number(name.slice(1)), outcome));
  return { commits, outcome };
}

describe('group commit', () => {
  it("commits the other sessions' events when one session's rows fail, and drops all of that session's entries", () => {
    database.sqlite.exec(
      "CREATE TRIGGER fail_b BEFORE INSERT ON events WHEN NEW.session_id = 'b' AND NEW.seq = 2 BEGIN SELECT RAISE(ABORT, 'injected'); END",
    );
    const commits = new GroupCommit(store);
    const outcome = { committed: [] as string[], failed: [] as string[] };
    for (const seq of [1, 2, 3]) for (const id of ['a', 'b', 'c']) commits.enqueue(entry(id, seq, outcome));
    commits.flush();
    // b1 was fine on its own, but b2 failed: b3 after it would leave a gap, so b loses the batch.
    expect(outcome.failed).toEqual(['b1', 'b2', 'b3']);
    expect(outcome.committed).toEqual(['a1', 'c1', 'a2', 'c2', 'a3', 'c3']);
    expect(store.all('a').map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(store.all('c').map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(store.all('b')).toEqual([]);
  });

  it('commits a healthy batch in one transaction, callbacks in order', () => {
    const commits = new GroupCommit(store);
    const outcome = { committed: [] as string[], failed: [] as string[] };
    for (const id of ['a', 'b']) commits.enqueue(entry(id, 1, outcome));
    commits.flush();
    expect(outcome).toEqual({ committed: ['a1', 'b1'], failed: [] });
  });

  it("commits one session's entries at once, in their order, and leaves the others' for the batch", () => {
    const { commits, outcome } = queued('a1 b1 a2 c1');
    commits.commitNow('a');
    expect(outcome.committed).toEqual(['a1', 'a2']);
    expect(store.all('a').map((e) => e.seq)).toEqual([1, 2]);
    expect(store.all('b')).toEqual([]);
    commits.commitNow('a'); // nothing of a's is left: a no-op
    commits.flush();
    expect(outcome).toEqual({ committed: ['a1', 'a2', 'b1', 'c1'], failed: [] });
  });

  it("fails only that session's entries when committing them at once fails", () => {
    database.sqlite.exec(
      "CREATE TRIGGER fail_a BEFORE INSERT ON events WHEN NEW.session_id = 'a' BEGIN SELECT RAISE(ABORT, 'injected'); END",
    );
    const { commits, outcome } = queued('a1 b1 a2');
    commits.commitNow('a');
    expect(outcome).toEqual({ committed: [], failed: ['a1', 'a2'] });
    commits.flush();
    expect(outcome.committed).toEqual(['b1']);
    expect(store.all('b').map((e) => e.seq)).toEqual([1]);
  });
});
