import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';

// Which engine the server tests run on: SQLite files by default, PostgreSQL with
// ATELIER_TEST_DB=postgres (`npm test` runs the server suite both ways). Each test server gets
// a database of its own, created empty here and dropped when the test closes it.

/** The PostgreSQL server the tests use; a database in it they may connect to for CREATE/DROP. */
export const TEST_PG_ADMIN_URL = process.env.ATELIER_TEST_PG_URL ?? 'postgres://root@127.0.0.1:5432/test';

export function testsOnPostgres(): boolean {
  return process.env.ATELIER_TEST_DB === 'postgres';
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const MIGRATIONS = fileURLToPath(new URL('../../migrations-pg', import.meta.url));

function urlOf(name: string): string {
  const url = new URL(TEST_PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

let template: Promise<string> | undefined;

/**
 * A database with the current migrations applied, to copy (CREATE DATABASE … TEMPLATE is far
 * quicker than migrating each one). Named by the migrations' content: test processes share it,
 * and a changed migration makes a new one. Built under a name of its own, then renamed, so that
 * nobody copies it half-built.
 */
function migratedTemplate(): Promise<string> {
  template ??= (async () => {
    const hash = createHash('sha256');
    for (const file of readdirSync(MIGRATIONS, { recursive: true }).map(String).sort()) {
      if (file.endsWith('.sql') || file.endsWith('.json')) hash.update(file).update(readFileSync(join(MIGRATIONS, file)));
    }
    const name = `atelier_tpl_${hash.digest('hex').slice(0, 16)}`;
    const exists = await admin(async (c) => (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1);
    if (exists) return name;
    const building = `${name}_${randomBytes(4).toString('hex')}`;
    await admin((c) => c.query(`CREATE DATABASE ${building}`));
    const client = new pg.Client({ connectionString: urlOf(building) });
    await client.connect();
    await migrate(drizzle(client), { migrationsFolder: MIGRATIONS });
    await client.end();
    await admin(async (c) => {
      try {
        await c.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
      } catch {
        await c.query(`DROP DATABASE ${building}`); // another test process built it first
      }
    });
    return name;
  })();
  return template;
}

/** A new PostgreSQL database with the schema and nothing else (the server checks its migrations when it opens it). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const source = await migratedTemplate();
  const name = `atelier_test_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${source} STRATEGY wal_log`));
  const url = { toString: () => urlOf(name) };
  let dropped = false;
  return {
    url: url.toString(),
    async drop() {
      if (dropped) return;
      dropped = true;
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/** For test servers: a fresh database when the suite runs on PostgreSQL, else nothing (SQLite in the data directory). */
export async function testDatabaseForServer(): Promise<TestDatabase | undefined> {
  return testsOnPostgres() ? createTestDatabase() : undefined;
}
