import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
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

describe('closing the database in a process with nothing else to wait on', () => {
  it('waits for the checkpoint worker to exit: a script that closes its database runs to its end', async () => {
    dir = mkdtempSync(join(tmpdir(), 'atelier-wal-'));
    // The bench's rows and db:copy are such scripts: the worker is unref'd while it runs, and a
    // close that awaited it unref'd left the process nothing alive, so it exited mid-await (13).
    const script = [
      `import { openSqlite } from ${JSON.stringify(resolve('server/db/sqlite.ts'))};`,
      `const db = openSqlite(${JSON.stringify(join(dir, 'script.db'))});`,
      'await db.close();',
      "console.log('closed');",
    ].join('\n');
    const { stdout, code } = await new Promise<{ stdout: string; code: number | null }>((done) => {
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.on('exit', (exitCode) => done({ stdout: out, code: exitCode }));
    });
    expect({ stdout: stdout.trim(), code }).toEqual({ stdout: 'closed', code: 0 });
  }, 60_000);
});
