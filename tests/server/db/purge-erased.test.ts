import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteEventStore, toRow } from '../../../server/db/event-store';
import { SqliteSessionStore } from '../../../server/db/session-store';
import { openSqlite, untilDone, type SqliteDatabase } from '../../../server/db/sqlite';
import type { SessionEvent } from '../../../shared/events';

// After an erasure the erased text is in neither the database file nor the WAL, even while
// another connection checkpoints (the WAL worker does, every second): SQLite refuses a second
// checkpoint at once rather than waiting for the first, so the purge must try again.

let dir: string;
let database: SqliteDatabase | undefined;
afterEach(async () => {
  await database?.close();
  database = undefined;
  rmSync(dir, { recursive: true, force: true });
});

/** Another connection running PASSIVE checkpoints back to back until `stop`. */
function startCheckpointing(file: string): { started: Promise<void>; stop(): Promise<void> } {
  const flags = new Int32Array(new SharedArrayBuffer(8));
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(
    `const { workerData } = require('node:worker_threads');
     const db = new (require(workerData.driver))(workerData.file);
     Atomics.store(workerData.flags, 1, 1);
     while (Atomics.load(workerData.flags, 0) === 0) db.pragma('wal_checkpoint(PASSIVE)');
     db.close();`,
    { eval: true, workerData: { file, driver, flags } },
  );
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    started: untilDone(() => Atomics.load(flags, 1) === 1, { tries: 500 }).then(() => undefined),
    stop() {
      Atomics.store(flags, 0, 1);
      return exited;
    },
  };
}

describe('purgeErased', () => {
  it('leaves erased text in neither file while another connection keeps checkpointing', async () => {
    dir = mkdtempSync(join(tmpdir(), 'atelier-purge-'));
    const file = join(dir, 'atelier.db');
    database = openSqlite(file);
    const sessions = new SqliteSessionStore(database);
    const events = new SqliteEventStore(database);
    const rivals = startCheckpointing(file);
    try {
      await rivals.started;
      for (let round = 0; round < 20; round++) {
        const marker = `erased-marker-${round}-${Math.random().toString(36).slice(2)}`;
        const id = `s${round}`;
        sessions.create({ id, exerciseId: 'x', exerciseVersion: 1, candidateName: marker, createdAt: 1 });
        const draft = { seq: 1, at: 1, type: 'prompt.draft', actor: { role: 'candidate' }, data: { text: marker } } as SessionEvent;
        events.append({ sessionId: id, rows: [toRow(draft, 1)] });
        sessions.erase([id]);
        expect(await database.purgeErased()).toEqual({ complete: true });
        const wal = existsSync(`${file}-wal`) ? readFileSync(`${file}-wal`) : Buffer.alloc(0);
        expect(readFileSync(file).includes(marker), `${marker} in the database file`).toBe(false);
        expect(wal.includes(marker), `${marker} in the WAL`).toBe(false);
      }
    } finally {
      await rivals.stop();
    }
  }, 30_000);

  it('tries again until the attempt succeeds, and gives up after `tries`', async () => {
    let calls = 0;
    expect(await untilDone(() => ++calls === 3, { everyMs: 1 })).toBe(true);
    expect(calls).toBe(3);
    calls = 0;
    expect(await untilDone(() => (calls++, false), { tries: 4, everyMs: 1 })).toBe(false);
    expect(calls).toBe(4);
  });
});
