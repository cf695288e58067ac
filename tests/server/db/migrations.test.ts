import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

// Migrations keep what is already recorded: a database from before a migration reads the same after it.

const MIGRATIONS = join(process.cwd(), 'migrations');
let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A copy of the migrations folder holding only the first `count` migrations. */
function migrationsUpTo(count: number): string {
  const folder = join(dir, `migrations-${count}`);
  mkdirSync(join(folder, 'meta'), { recursive: true });
  const journal = JSON.parse(readFileSync(join(MIGRATIONS, 'meta/_journal.json'), 'utf8')) as { entries: { tag: string }[] };
  journal.entries = journal.entries.slice(0, count);
  writeFileSync(join(folder, 'meta/_journal.json'), JSON.stringify(journal));
  for (const { tag } of journal.entries) copyFileSync(join(MIGRATIONS, `${tag}.sql`), join(folder, `${tag}.sql`));
  return folder;
}

describe('migration 0003 (candidate numbering)', () => {
  it("numbers each session's events the candidate could see 1, 2, 3…, leaving staff events unnumbered", () => {
    dir = mkdtempSync(join(tmpdir(), 'atelier-migrate-'));
    const sqlite = new Database(join(dir, 'old.db'));
    const db = drizzle(sqlite);
    migrate(db, { migrationsFolder: migrationsUpTo(3) });
    sqlite.pragma('foreign_keys = OFF');
    const insert = sqlite.prepare(
      'INSERT INTO events (session_id, seq, at, type, actor, data) VALUES (?, ?, 0, ?, \'{"role":"system"}\', \'{}\')',
    );
    const log = ['session.created', 'note.added', 'session.started', 'turn.diagnostic', 'score.set', 'prompt.draft'];
    for (const session of ['a', 'b']) log.forEach((type, i) => insert.run(session, i + 1, type));
    migrate(db, { migrationsFolder: MIGRATIONS });
    const rows = sqlite.prepare("SELECT seq, type, candidate_seq AS n FROM events WHERE session_id = 'b' ORDER BY seq").all();
    expect(rows).toEqual([
      { seq: 1, type: 'session.created', n: 1 },
      { seq: 2, type: 'note.added', n: null },
      { seq: 3, type: 'session.started', n: 2 },
      { seq: 4, type: 'turn.diagnostic', n: null },
      { seq: 5, type: 'score.set', n: null },
      { seq: 6, type: 'prompt.draft', n: 3 },
    ]);
    expect(sqlite.prepare('SELECT count(*) AS n FROM events').get()).toEqual({ n: 12 });
    sqlite.close();
  });
});
