import type BetterSqlite3 from 'better-sqlite3';
import { SqliteDatabase } from '../../server/db/sqlite';
import type { TestServer } from './server';

/**
 * The server's SQLite connection, for tests of what is stored byte for byte (no token, no key)
 * or of injected faults (triggers, a crash copy). The app itself only goes through the stores.
 */
export function rawSqlite(server: TestServer): BetterSqlite3.Database {
  const { database } = server.app.services;
  if (!(database instanceof SqliteDatabase)) throw new Error('This test reads SQLite itself; the server runs another engine.');
  return database.sqlite;
}
