import BetterSqlite3 from 'better-sqlite3';
import { getTableColumns, getTableName, is, Table } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as pgSchema from './pg/schema';
import * as sqliteSchema from './schema';

// Moving an install from SQLite to PostgreSQL (`npm run db:copy`, docs/deploy.md): every table
// of the SQLite file, row by row, into a PostgreSQL database that has no sessions yet, in one
// transaction; then the number of events of every session is compared on both sides, and the
// copy is rolled back if one differs. The server must be stopped while it runs.

/** Parents before children (foreign keys). Every SQLite table must be here: a new one fails the copy until it is added. */
const ORDER = [
  'exercises',
  'exercise_versions',
  'sessions',
  'invites',
  'events',
  'settings',
  'audit_log',
  'admin_sessions',
  'accounts',
  'account_sessions',
  'api_tokens',
  'webhooks',
  'outbound_deliveries',
  'outbound_attempts',
  'greenhouse_keys',
  'greenhouse_interviews',
  'greenhouse_errors',
  'report_links',
];
const BATCH = 500;

export interface CopyReport {
  tables: Record<string, number>;
  sessions: number;
  events: number;
}

function tablesOf(schema: Record<string, unknown>): Map<string, Table> {
  const tables = new Map<string, Table>();
  for (const value of Object.values(schema)) if (is(value, Table)) tables.set(getTableName(value), value);
  return tables;
}

export async function copySqliteToPostgres(file: string, url: string, migrationsFolder: string): Promise<CopyReport> {
  const source = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  const target = new pg.Client({ connectionString: url });
  await target.connect();
  try {
    const sqliteTables = tablesOf(sqliteSchema);
    const pgTables = tablesOf(pgSchema);
    const missing = [...sqliteTables.keys()].filter((t) => !ORDER.includes(t));
    if (missing.length > 0) throw new Error(`db:copy does not know the tables ${missing.join(', ')} yet.`);
    await migrate(drizzle(target), { migrationsFolder });
    const { rows } = await target.query<{ n: string }>('SELECT count(*) AS n FROM sessions');
    if (Number(rows[0]!.n) > 0) throw new Error('The PostgreSQL database already holds sessions: copy into an empty one.');
    const report: CopyReport = { tables: {}, sessions: 0, events: 0 };
    await target.query('BEGIN');
    try {
      // The built-in exercises a migration or a first start may have seeded: the file's own replace them.
      for (const table of [...ORDER].reverse()) await target.query(`DELETE FROM ${table}`);
      for (const name of ORDER) {
        const pgTable = pgTables.get(name);
        if (!pgTable || !sqliteTables.has(name)) continue;
        const columns = Object.values(getTableColumns(pgTable));
        const names = columns.map((c) => c.name);
        const booleans = new Set(columns.filter((c) => c.columnType === 'PgBoolean').map((c) => c.name));
        let count = 0;
        let batch: unknown[][] = [];
        const flush = async () => {
          if (batch.length === 0) return;
          const values = batch.flat();
          const tuples = batch.map((_, r) => `(${names.map((_, c) => `$${r * names.length + c + 1}`).join(', ')})`);
          await target.query(`INSERT INTO ${name} (${names.map((n) => `"${n}"`).join(', ')}) VALUES ${tuples.join(', ')}`, values);
          batch = [];
        };
        for (const row of source.prepare(`SELECT ${names.map((n) => `"${n}"`).join(', ')} FROM ${name}`).iterate() as IterableIterator<
          Record<string, unknown>
        >) {
          batch.push(names.map((n) => (booleans.has(n) ? row[n] === 1 : row[n])));
          count++;
          if (batch.length >= BATCH) await flush();
        }
        await flush();
        report.tables[name] = count;
      }
      // PostgreSQL's appends are fenced on `sessions.head_seq`, which SQLite does not keep: set it from the log.
      await target.query('UPDATE sessions s SET head_seq = COALESCE((SELECT max(seq) FROM events e WHERE e.session_id = s.id), 0)');
      // Serial ids were copied as they were: each sequence continues after the last one.
      for (const [table, column] of [
        ['audit_log', 'id'],
        ['outbound_deliveries', 'seq'],
        ['greenhouse_errors', 'id'],
      ]) {
        await target.query(
          `SELECT setval(pg_get_serial_sequence('${table}', '${column}'), GREATEST((SELECT max(${column}) FROM ${table}), 1))`,
        );
      }
      const expected = new Map(
        (
          source.prepare('SELECT s.id AS id, (SELECT count(*) FROM events e WHERE e.session_id = s.id) AS n FROM sessions s').all() as {
            id: string;
            n: number;
          }[]
        ).map((r) => [r.id, r.n]),
      );
      const copied = new Map(
        (
          await target.query<{ id: string; n: string }>(
            'SELECT s.id, (SELECT count(*) FROM events e WHERE e.session_id = s.id) AS n FROM sessions s',
          )
        ).rows.map((r) => [r.id, Number(r.n)]),
      );
      for (const [id, n] of expected) {
        if (copied.get(id) !== n) throw new Error(`Session ${id}: ${n} events in SQLite, ${copied.get(id) ?? 0} copied.`);
      }
      if (copied.size !== expected.size) throw new Error(`${expected.size} sessions in SQLite, ${copied.size} copied.`);
      report.sessions = expected.size;
      report.events = [...expected.values()].reduce((a, b) => a + b, 0);
      await target.query('COMMIT');
      return report;
    } catch (error) {
      await target.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  } finally {
    source.close();
    await target.end();
  }
}
