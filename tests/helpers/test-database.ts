import { randomBytes } from 'node:crypto';
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

/** A new, empty PostgreSQL database (the server applies its migrations when it opens it). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `atelier_test_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(TEST_PG_ADMIN_URL);
  url.pathname = `/${name}`;
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
