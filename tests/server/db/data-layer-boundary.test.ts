import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// The data layer is the only place that speaks SQL: outside server/db/, no code holds the
// driver, the ORM or the schema, prepares a statement or opens a transaction of its own.
// Store calls are grouped with `database.transaction((tx) => …)`, the engine-neutral way.

const ROOT = process.cwd();
const DATA_LAYER = join(ROOT, 'server/db');

const RULES: { pattern: RegExp; what: string }[] = [
  { pattern: /from ['"](better-sqlite3|drizzle-orm)(\/[^'"]*)?['"]/, what: 'imports the driver or the ORM' },
  { pattern: /from ['"](\.\.?\/)+(server\/)?db\/(schema|sqlite)['"]/, what: 'imports the schema or the SQLite engine' },
  { pattern: /\.prepare\s*[<(]/, what: 'prepares a statement' },
  { pattern: /\.sqlite\b/, what: 'reaches for the SQLite connection' },
  { pattern: /\.pragma\s*[<(]/, what: 'runs a pragma' },
  { pattern: /\bsql`/, what: 'writes SQL with the ORM' },
  { pattern: /(?<![Dd]atabase)\.transaction\s*[<(]/, what: 'opens a transaction other than through Database.transaction' },
  { pattern: /\b(SELECT|INSERT INTO|DELETE FROM|PRAGMA)\b|\bUPDATE \w+ SET\b/, what: 'holds SQL text' },
];

/** The lines of `source` that break a rule, as `line: text (what…)`; comment lines are prose and not read. */
function offendingLines(source: string): string[] {
  return source.split('\n').flatMap((text, i) => {
    if (/^\s*(\/\/|\/?\*)/.test(text)) return [];
    const broken = RULES.filter((rule) => rule.pattern.test(text)).map((rule) => rule.what);
    return broken.length > 0 ? [`${i + 1}: ${text.trim()} (${broken.join('; ')})`] : [];
  });
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return path === DATA_LAYER ? [] : sourceFiles(path);
    return /\.(ts|js|mjs)$/.test(entry.name) ? [path] : [];
  });
}

describe('the data layer boundary', () => {
  it('finds no SQL, driver, schema or raw transaction in server/ outside server/db/, nor in shared/', () => {
    const files = [...sourceFiles(join(ROOT, 'server')), ...sourceFiles(join(ROOT, 'shared'))];
    expect(files.length).toBeGreaterThan(50);
    const offenders = files.flatMap((file) => offendingLines(readFileSync(file, 'utf8')).map((line) => `${relative(ROOT, file)}:${line}`));
    expect(offenders, `SQL outside server/db/ — move it into a store:\n${offenders.join('\n')}`).toEqual([]);
  });

  it('would catch what erasure and session creation did before the stores owned it', () => {
    const before = [
      "import type Database from 'better-sqlite3';",
      "import { sessions } from '../db/schema';",
      "const countAll = database.sqlite.prepare<[string], { n: number }>('SELECT count(*) AS n FROM events WHERE session_id = ?');",
      'database.sqlite.transaction(() => {',
      'const rows = db.select().from(sessions).where(sql`lower(${sessions.candidateName}) = ${name}`).all();',
      "sqlite.pragma('wal_checkpoint(TRUNCATE)');",
    ].join('\n');
    const found = offendingLines(before);
    expect(found.map((line) => Number(line.split(':')[0]))).toEqual([1, 2, 3, 4, 5, 6]);
    expect(found[2]).toContain('(prepares a statement; reaches for the SQLite connection; holds SQL text)');
    expect(found[3]).toContain('opens a transaction other than through Database.transaction');
    expect(offendingLines('database.transaction((tx) => sessions.create(row, tx));')).toEqual([]);
  });
});
