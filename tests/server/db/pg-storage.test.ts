import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Transaction } from '../../../server/db/database';
import { toRow } from '../../../server/db/event-store';
import { FencedError } from '../../../server/db/leases';
import { openStorage, type Storage } from '../../../server/db/storage';
import type { SessionEvent } from '../../../shared/events';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-database';

// The PostgreSQL engine under the store interfaces, on a real server: transactions and
// savepoints as on SQLite, the fence, and hostile text (U+0000) handled as bad input.

let database: TestDatabase;
let storage: Storage;
let other: Storage | undefined;

beforeEach(async () => {
  database = await createTestDatabase();
  storage = openStorage({ file: '', url: database.url, nodeId: 'node-a', leaseTtlMs: 60_000 }, () => 1);
});
afterEach(async () => {
  await storage.database.close();
  await other?.database.close();
  other = undefined;
  await database.drop();
});

const event = (seq: number, data: Record<string, unknown>, type = 'prompt.draft'): SessionEvent =>
  ({ seq, at: seq, type, actor: { role: 'system' }, data }) as SessionEvent;

function writeSession(id: string, tx?: Transaction): void {
  storage.sessions.create({ id, exerciseId: 'x', exerciseVersion: 1, createdAt: 1 }, tx);
  storage.invites.create(
    { id: `${id}-inv`, sessionId: id, role: 'candidate', tokenHash: `${id}-hash`, name: null, createdAt: 1, expiresAt: 2 },
    tx,
  );
  expect(storage.leases.acquire(id)).toBe(true);
  storage.events.append({ sessionId: id, rows: [toRow(event(1, { text: 'draft 1' }), 1)] }, tx);
}

describe('PostgreSQL storage', () => {
  it('commits a transaction together and rolls it back whole when it throws', () => {
    storage.database.transaction((tx) => writeSession('kept', tx));
    expect(() =>
      storage.database.transaction((tx) => {
        writeSession('lost', tx);
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(storage.sessions.get('kept')?.headSeq).toBe(1);
    expect(storage.events.all('kept').map((e) => e.seq)).toEqual([1]);
    expect(storage.sessions.get('lost')).toBeUndefined();
    expect(storage.invites.forSession('lost')).toEqual([]);
  });

  it('rolls a nested transaction back to its savepoint, keeping the outer one', () => {
    storage.database.transaction((tx) => {
      writeSession('outer', tx);
      expect(() =>
        storage.database.transaction((inner) => {
          storage.invites.create(
            { id: 'inner-inv', sessionId: 'outer', role: 'reviewer', tokenHash: 'inner', name: null, createdAt: 1, expiresAt: 2 },
            inner,
          );
          throw new Error('inner');
        }),
      ).toThrow('inner');
    });
    expect(storage.invites.forSession('outer').map((i) => i.id)).toEqual(['outer-inv']);
  });

  it('refuses a transaction that has ended', () => {
    let ended: Transaction | undefined;
    storage.database.transaction((tx) => (ended = tx));
    expect(() => storage.sessions.create({ id: 'late', exerciseId: 'x', exerciseVersion: 1, createdAt: 1 }, ended)).toThrow(/ended/);
  });

  it('refuses an append that does not continue the log, and one from a node without the lease', () => {
    writeSession('s');
    expect(() => storage.events.append({ sessionId: 's', rows: [toRow(event(3, { text: 'gap' }), 3)] })).toThrow(/head/);
    other = openStorage({ file: '', url: database.url, nodeId: 'node-b', leaseTtlMs: 60_000 }, () => 1);
    expect(other.leases.acquire('s')).toBe(false);
    expect(() => other!.events.append({ sessionId: 's', rows: [toRow(event(2, { text: 'intruder' }), 2)] })).toThrow(FencedError);
    expect(storage.events.all('s').map((e) => e.seq)).toEqual([1]);
  });

  it('stores and reads back event text holding U+0000, and refuses it in a plain text column', () => {
    writeSession('s');
    const turnId = 't1';
    storage.events.append({
      sessionId: 's',
      rows: [
        toRow(event(2, { turnId, request: { system: 'a\u0000b' } }, 'turn.started'), 2),
        toRow(event(3, { turnId, text: 'x\u0000y' }, 'turn.delta'), 3),
      ],
    });
    expect(storage.events.rowsAfterWithoutSettledDeltas('s', 0).map((r) => r.seq)).toEqual([1, 2, 3]);
    expect((storage.events.all('s')[2]!.data as { text: string }).text).toBe('x\u0000y');
    expect(() =>
      storage.sessions.create({ id: 'nul', exerciseId: 'x', exerciseVersion: 1, createdAt: 1, candidateName: 'Eve\u0000' }),
    ).toThrow(/NUL/);
    expect(storage.sessions.get('nul')).toBeUndefined();
  });
});
