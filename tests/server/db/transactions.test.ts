import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Transaction } from '../../../server/db/database';
import { SqliteEventStore, toRow } from '../../../server/db/event-store';
import { SqliteExerciseStore } from '../../../server/db/exercise-store';
import { SqliteInviteStore } from '../../../server/db/invite-store';
import { SqliteSessionStore } from '../../../server/db/session-store';
import { openSqlite, type SqliteDatabase } from '../../../server/db/sqlite';
import { BUILT_IN_EXERCISES } from '../../../server/exercises/built-in';
import type { SessionEvent } from '../../../shared/events';
import { initialState } from '../../../shared/state';

// A transaction is opened by Database.transaction and passed in to the stores: what they do
// with it commits together or not at all, and a store refuses a transaction it cannot be in.

let dir: string;
let database: SqliteDatabase;
let sessions: SqliteSessionStore;
let invites: SqliteInviteStore;
let events: SqliteEventStore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'atelier-tx-'));
  database = openSqlite(join(dir, 'atelier.db'));
  sessions = new SqliteSessionStore(database);
  invites = new SqliteInviteStore(database);
  events = new SqliteEventStore(database);
});
afterEach(async () => {
  await database.close();
  rmSync(dir, { recursive: true, force: true });
});

const draft = (seq: number): SessionEvent =>
  ({ seq, at: seq, type: 'prompt.draft', actor: { role: 'system' }, data: { text: `draft ${seq}` } }) as SessionEvent;

/** A session, an invite and its first event, as createSession writes them. */
function writeSession(id: string, tx: Transaction): void {
  sessions.create({ id, exerciseId: 'x', exerciseVersion: 1, createdAt: 1 }, tx);
  invites.create(
    { id: `${id}-inv`, sessionId: id, role: 'candidate', tokenHash: `${id}-hash`, name: null, createdAt: 1, expiresAt: 2 },
    tx,
  );
  events.append({ sessionId: id, rows: [toRow(draft(1), 1)] }, tx);
}

describe('Database.transaction', () => {
  it("commits every store's writes made with the transaction together", () => {
    database.transaction((tx) => writeSession('s', tx));
    expect(sessions.get('s')).toBeDefined();
    expect(invites.forSession('s')).toHaveLength(1);
    expect(events.all('s').map((e) => e.seq)).toEqual([1]);
  });

  it('rolls every store back when the function throws', () => {
    expect(() =>
      database.transaction((tx) => {
        writeSession('s', tx);
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(sessions.get('s')).toBeUndefined();
    expect(invites.byId('s-inv')).toBeUndefined();
    expect(events.all('s')).toEqual([]);
  });

  it('makes a transaction opened inside another a savepoint of it', () => {
    database.transaction((tx) => {
      writeSession('outer', tx);
      expect(() =>
        database.transaction((inner) => {
          writeSession('inner', inner);
          throw new Error('inner fails');
        }),
      ).toThrow('inner fails');
    });
    expect(sessions.get('outer')).toBeDefined();
    expect(sessions.get('inner')).toBeUndefined();
  });

  it("hands an append's alsoInTransaction the transaction, so the read model commits or rolls back with the rows", () => {
    sessions.create({ id: 's', exerciseId: 'x', exerciseVersion: 1, createdAt: 1 });
    const live = { ...initialState(), status: 'live' as const, startedAt: 5 };
    events.append({ sessionId: 's', rows: [toRow(draft(1), 1)], alsoInTransaction: (tx) => sessions.syncReadModel('s', live, tx) });
    expect(sessions.get('s')).toMatchObject({ status: 'live', startedAt: 5 });

    const failing = () =>
      events.append({
        sessionId: 's',
        rows: [toRow(draft(2), 2)],
        alsoInTransaction: (tx) => {
          sessions.syncReadModel('s', { ...live, status: 'ended' }, tx);
          throw new Error('read model failed');
        },
      });
    expect(failing).toThrow('read model failed');
    expect(sessions.get('s')).toMatchObject({ status: 'live' });
    expect(events.all('s').map((e) => e.seq)).toEqual([1]);
  });

  it("saves an exercise in the caller's transaction when given one", () => {
    const exercises = new SqliteExerciseStore(database);
    const { id, content } = BUILT_IN_EXERCISES[0]!;
    expect(() =>
      database.transaction((tx) => {
        exercises.save(id, content, 1, tx);
        throw new Error('not this time');
      }),
    ).toThrow('not this time');
    expect(exercises.row(id)).toBeUndefined();
    expect(exercises.save(id, content, 1).version).toBe(1);
    expect(exercises.current(id)?.content.title).toBe(content.title);
  });

  it('never has a group commit inside it: the group commit broadcasts what it commits', () => {
    sessions.create({ id: 's', exerciseId: 'x', exerciseVersion: 1, createdAt: 1 });
    expect(() => database.transaction(() => events.appendBatch([{ sessionId: 's', rows: [toRow(draft(1), 1)] }]))).toThrow(
      'inside a transaction',
    );
    expect(events.all('s')).toEqual([]);
  });

  it('is refused by the stores once it has ended, and when it belongs to another database', async () => {
    let ended: Transaction | undefined;
    database.transaction((tx) => {
      ended = tx;
    });
    expect(ended?.active).toBe(false);
    expect(() => sessions.create({ id: 'late', exerciseId: 'x', exerciseVersion: 1, createdAt: 1 }, ended)).toThrow('has ended');
    expect(() => events.append({ sessionId: 'late', rows: [] }, ended)).toThrow('has ended');

    const other = openSqlite(join(dir, 'other.db'));
    try {
      other.transaction((foreign) => {
        expect(() => sessions.create({ id: 'stray', exerciseId: 'x', exerciseVersion: 1, createdAt: 1 }, foreign)).toThrow(
          'another database',
        );
      });
    } finally {
      await other.close();
    }
    expect(sessions.get('late')).toBeUndefined();
    expect(sessions.get('stray')).toBeUndefined();
  });
});
