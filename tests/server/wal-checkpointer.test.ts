import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { openSqlite, type SqliteDatabase } from '../../server/db/sqlite';
import { startWalCheckpointer } from '../../server/db/wal-checkpointer';

// WAL checkpoints run on a worker thread, never inside a commit of the server's connection:
// the WAL must still be recycled (it would otherwise grow with every write), and the server's
// connection must take checkpointing back when the worker stops.

let dir: string;
let database: SqliteDatabase | undefined;
afterEach(async () => {
  await database?.close();
  database = undefined;
  rmSync(dir, { recursive: true, force: true });
});

const PAGE = 'x'.repeat(4000);

function writePages(db: SqliteDatabase, pages: number): void {
  const insert = db.sqlite.prepare('INSERT INTO filler (text) VALUES (?)');
  // One commit per row, as the group commit does under load: each adds frames to the WAL.
  for (let i = 0; i < pages; i++) insert.run(PAGE);
}

describe('WAL checkpoints', () => {
  it('are off the server connection, and the worker keeps the WAL from growing', async () => {
    dir = mkdtempSync(join(tmpdir(), 'atelier-wal-'));
    const file = join(dir, 'atelier.db');
    database = openSqlite(file);
    expect(database.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    database.sqlite.exec('CREATE TABLE filler (text TEXT NOT NULL)');
    writePages(database, 1500);
    // The worker checkpoints every second; the next commit then starts the WAL over, writing
    // from its start again, so the file stops growing (it never shrinks: its size is the most it
    // ever held). On a busy machine the worker may start late: give it a few rounds; a WAL nobody
    // checkpoints grows by a whole batch every round.
    const batch = statSync(`${file}-wal`).size;
    let before = batch;
    let reused = false;
    for (let round = 0; round < 8 && !reused; round++) {
      await new Promise((r) => setTimeout(r, 1200));
      writePages(database, 1500);
      const after = statSync(`${file}-wal`).size;
      reused = after - before < batch * 0.3;
      before = after;
    }
    expect(reused).toBe(true);
  }, 30_000);

  it('hands checkpointing back to the server connection once the worker stops', async () => {
    dir = mkdtempSync(join(tmpdir(), 'atelier-wal-'));
    const file = join(dir, 'atelier.db');
    const sqlite = new Database(file);
    sqlite.pragma('journal_mode = WAL');
    try {
      const checkpointer = startWalCheckpointer(sqlite, file);
      expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
      await checkpointer.stop();
      expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    } finally {
      sqlite.close();
    }
  });
});
