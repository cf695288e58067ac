import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as schema from './schema';
import { startWalCheckpointer } from './wal-checkpointer';

// Opening the database: the one place that knows it is SQLite. Everything above talks to the
// stores in this folder, so PostgreSQL can later take SQLite's place behind them.

export type Db = BetterSQLite3Database<typeof schema>;

export interface DatabaseHandle {
  sqlite: Database.Database;
  db: Db;
  /** Copies the WAL into the database file and truncates it, so erased text is left in neither. */
  checkpoint(): { complete: boolean };
  close(): void;
}

const MIGRATIONS = join(dirname(fileURLToPath(import.meta.url)), '../../migrations');

export function openDatabase(file: string): DatabaseHandle {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  // NORMAL is durable across process crashes under WAL (only an OS crash can lose the last
  // commits); a commit happens before any broadcast, which is what write-before-broadcast needs.
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Erased text must not linger in free pages (GDPR erasure).
  sqlite.pragma('secure_delete = ON');
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: MIGRATIONS });
  const checkpointer = file === ':memory:' ? null : startWalCheckpointer(sqlite, file);
  return {
    sqlite,
    db,
    checkpoint() {
      const [result] = sqlite.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
      return { complete: result !== undefined && result.busy === 0 };
    },
    close() {
      void checkpointer?.stop();
      if (sqlite.open) sqlite.close();
    },
  };
}
