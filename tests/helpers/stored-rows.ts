import { PgDatabase } from '../../server/db/pg/pg-database';
import { SqliteDatabase } from '../../server/db/sqlite';
import type { TestServer } from './server';

/**
 * Every row of a table as the server's database holds it, on either engine: for tests of what is
 * stored (no key, no candidate field kept), which must hold on SQLite and PostgreSQL alike.
 */
export function storedRows(server: TestServer, table: string): Record<string, unknown>[] {
  if (!/^[a-z_]+$/.test(table)) throw new Error(`Not a table name: ${table}`);
  const { database } = server.app.services;
  if (database instanceof SqliteDatabase) return database.sqlite.prepare(`SELECT * FROM ${table}`).all() as Record<string, unknown>[];
  if (database instanceof PgDatabase) return database.query<Record<string, unknown>>(`SELECT * FROM ${table}`);
  throw new Error('The server runs an engine this helper does not know.');
}
