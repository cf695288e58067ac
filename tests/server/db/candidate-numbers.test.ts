import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { toRow } from '../../../server/db/event-store';
import { openStorage, type Storage } from '../../../server/db/storage';
import type { SessionEvent } from '../../../shared/events';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-database';

// The candidate's numbers are found from the log's own key (no index on candidate_seq, which
// doubled an append's cost): a resume "after n" and a room's candidate head, on both engines,
// with staff-only events between and after the candidate's, and numbers a candidate made up.

const staff = (seq: number): SessionEvent =>
  ({ seq, at: seq, type: 'note.added', actor: { role: 'system' }, data: { text: `note ${seq}` } }) as SessionEvent;
const seen = (seq: number): SessionEvent =>
  ({ seq, at: seq, type: 'prompt.draft', actor: { role: 'system' }, data: { text: `draft ${seq}` } }) as SessionEvent;

/** seq 1–10: candidate-visible at 1, 2, 5, 6, 9 (candidate seqs 1–5); staff-only at 3, 4, 7, 8, 10. */
function writeLog(storage: Storage): void {
  storage.sessions.create({ id: 's', exerciseId: 'x', exerciseVersion: 1, createdAt: 1 });
  storage.leases.acquire('s');
  const visible = new Set([1, 2, 5, 6, 9]);
  let n = 0;
  const rows = Array.from({ length: 10 }, (_, i) => i + 1).map((seq) =>
    visible.has(seq) ? toRow(seen(seq), ++n) : toRow(staff(seq), null),
  );
  storage.events.append({ sessionId: 's', rows });
}

const engines: [string, () => Promise<{ storage: Storage; done: () => Promise<void> }>][] = [
  [
    'SQLite',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'atelier-numbers-'));
      const storage = openStorage({ file: join(dir, 'atelier.db'), nodeId: 'node-a', leaseTtlMs: 60_000 }, () => 1);
      return { storage, done: async () => (await storage.database.close(), rmSync(dir, { recursive: true, force: true })) };
    },
  ],
  [
    'PostgreSQL',
    async () => {
      const database: TestDatabase = await createTestDatabase();
      const storage = openStorage({ file: '', url: database.url, nodeId: 'node-a', leaseTtlMs: 60_000 }, () => 1);
      return { storage, done: async () => (await storage.database.close(), await database.drop()) };
    },
  ],
];

describe.each(engines)('candidate numbers on %s', (_engine, open) => {
  let done: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await done?.();
    done = undefined;
  });

  it("maps each candidate seq to its log seq, and a number past the candidate's head to the log's head", async () => {
    const opened = await open();
    done = opened.done;
    writeLog(opened.storage);
    const { events } = opened.storage;
    expect([0, 1, 2, 3, 4, 5].map((n) => events.seqOfCandidateSeq('s', n))).toEqual([0, 1, 2, 5, 6, 9]);
    // A resume from a number the candidate never had: the log's head (nothing more to send).
    expect(events.seqOfCandidateSeq('s', 6)).toBe(10);
    expect(events.seqOfCandidateSeq('s', Number.MAX_SAFE_INTEGER)).toBe(10);
    expect(events.seqOfCandidateSeq('unknown', 3)).toBe(0);
  });

  it('reads both heads, past the staff-only events at the end of the log', async () => {
    const opened = await open();
    done = opened.done;
    writeLog(opened.storage);
    expect(opened.storage.events.heads('s')).toEqual({ seq: 10, candidateSeq: 5 });
    expect(opened.storage.events.heads('unknown')).toEqual({ seq: 0, candidateSeq: 0 });
  });
});
