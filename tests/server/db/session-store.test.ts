import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteEventStore, toRow } from '../../../server/db/event-store';
import { SqliteInviteStore } from '../../../server/db/invite-store';
import { SqliteSessionStore } from '../../../server/db/session-store';
import { openSqlite, type SqliteDatabase } from '../../../server/db/sqlite';
import type { SessionEvent } from '../../../shared/events';

// Erasure in the store: a session goes with its events and invites, counted, in one
// transaction — a failure midway leaves every session as it was.

let dir: string;
let database: SqliteDatabase;
let sessions: SqliteSessionStore;
let invites: SqliteInviteStore;
let events: SqliteEventStore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'atelier-sessions-'));
  database = openSqlite(join(dir, 'atelier.db'));
  sessions = new SqliteSessionStore(database);
  invites = new SqliteInviteStore(database);
  events = new SqliteEventStore(database);
});
afterEach(async () => {
  await database.close();
  rmSync(dir, { recursive: true, force: true });
});

const event = (seq: number, type: 'prompt.draft' | 'note.added'): SessionEvent =>
  ({
    seq,
    at: seq,
    type,
    actor: { role: 'system' },
    data: type === 'note.added' ? { noteId: `n${seq}`, text: 'a note' } : { text: 'a draft' },
  }) as SessionEvent;

/** A session with `drafts` + `notes` events and `inviteCount` invites. */
function seedSession(id: string, counts: { drafts: number; notes: number; invites: number }): void {
  sessions.create({
    id,
    exerciseId: 'x',
    exerciseVersion: 1,
    candidateName: `Candidate ${id}`,
    candidateEmail: `${id}@example.com`,
    createdAt: 1,
  });
  const types = [...Array<'prompt.draft'>(counts.drafts).fill('prompt.draft'), ...Array<'note.added'>(counts.notes).fill('note.added')];
  events.append({ sessionId: id, rows: types.map((type, i) => toRow(event(i + 1, type))) });
  for (let i = 0; i < counts.invites; i++) {
    invites.create({
      id: `${id}-inv${i}`,
      sessionId: id,
      role: 'interviewer',
      tokenHash: `${id}-hash${i}`,
      name: null,
      createdAt: 1,
      expiresAt: 2,
    });
  }
}

describe('SessionStore.erase', () => {
  it('deletes each session with its events and invites, and counts what went', () => {
    seedSession('a', { drafts: 3, notes: 2, invites: 3 });
    seedSession('b', { drafts: 1, notes: 0, invites: 1 });
    seedSession('kept', { drafts: 2, notes: 1, invites: 2 });

    const erased = sessions.erase(['a', 'missing', 'b']);

    expect(erased.map((e) => ({ id: e.session.id, events: e.events, notes: e.notes, invites: e.invites }))).toEqual([
      { id: 'a', events: 5, notes: 2, invites: 3 },
      { id: 'b', events: 1, notes: 0, invites: 1 },
    ]);
    expect(erased[0]!.session).toMatchObject({ candidateName: 'Candidate a', candidateEmail: 'a@example.com', status: 'scheduled' });
    for (const id of ['a', 'b']) {
      expect(sessions.get(id)).toBeUndefined();
      expect(events.all(id)).toEqual([]);
      expect(invites.forSession(id)).toEqual([]);
    }
    expect(events.all('kept')).toHaveLength(3);
    expect(invites.forSession('kept')).toHaveLength(2);
  });

  it('is one transaction: a failure on the second session leaves the first as it was', () => {
    seedSession('a', { drafts: 2, notes: 1, invites: 2 });
    seedSession('b', { drafts: 1, notes: 0, invites: 1 });
    database.sqlite.exec("CREATE TRIGGER fail_b BEFORE DELETE ON sessions WHEN OLD.id = 'b' BEGIN SELECT RAISE(ABORT, 'injected'); END");

    expect(() => sessions.erase(['a', 'b'])).toThrow('injected');

    expect(sessions.get('a')).toBeDefined();
    expect(events.all('a')).toHaveLength(3);
    expect(invites.forSession('a')).toHaveLength(2);
    expect(sessions.get('b')).toBeDefined();
  });

  it("runs inside a caller's transaction when given one, and rolls back with it", () => {
    seedSession('a', { drafts: 1, notes: 1, invites: 1 });
    expect(() =>
      database.transaction((tx) => {
        expect(sessions.erase(['a'], tx)).toHaveLength(1);
        expect(sessions.get('a', tx)).toBeUndefined();
        throw new Error('the caller changed its mind');
      }),
    ).toThrow('the caller changed its mind');
    expect(sessions.get('a')).toBeDefined();
    expect(events.all('a')).toHaveLength(2);
  });
});
