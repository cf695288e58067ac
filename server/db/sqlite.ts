import BetterSqlite3 from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database, Transaction } from './database';
import * as schema from './schema';
import { startWalCheckpointer, type WalCheckpointer } from './wal-checkpointer';

// The embedded engine: one better-sqlite3 connection, WAL, migrations applied at open. The
// SQLite stores in this folder run on it; nothing outside server/db/ sees it (tests that check
// stored bytes or inject faults reach it through tests/helpers/raw-sqlite.ts).

export type Db = BetterSQLite3Database<typeof schema>;

const MIGRATIONS = join(dirname(fileURLToPath(import.meta.url)), '../../migrations');

class SqliteTransaction implements Transaction {
  active = true;
  constructor(readonly database: SqliteDatabase) {}
}

export class SqliteDatabase implements Database {
  readonly db: Db;
  private readonly checkpointer: WalCheckpointer | null;

  constructor(
    readonly sqlite: BetterSqlite3.Database,
    file: string,
  ) {
    this.db = drizzle(sqlite, { schema });
    migrate(this.db, { migrationsFolder: MIGRATIONS });
    this.checkpointer = file === ':memory:' ? null : startWalCheckpointer(sqlite, file);
  }

  transaction<T>(fn: (tx: Transaction) => T): T {
    return this.transactional(fn)();
  }

  /**
   * `fn` as a function that runs in a transaction of its own each time it is called (a savepoint
   * inside an open one), with the transaction's handle first. Built once, for the hot path.
   */
  transactional<A extends unknown[], T>(fn: (tx: Transaction, ...args: A) => T): (...args: A) => T {
    const run = this.sqlite.transaction((tx: SqliteTransaction, args: A) => fn(tx, ...args));
    return (...args: A) => {
      const tx = new SqliteTransaction(this);
      try {
        return run(tx, args);
      } finally {
        tx.active = false;
      }
    };
  }

  /**
   * What a store method runs its queries on. A caller's `tx` is checked (this database's, still
   * open) and then needs nothing more: there is one connection, and while a transaction is
   * open every statement on it is inside that transaction.
   */
  on(tx: Transaction | undefined): Db {
    if (tx !== undefined) this.check(tx);
    return this.db;
  }

  /** Runs a store's multi-statement write as one: in a transaction of its own, or a savepoint of the caller's `tx`. */
  atomically<T>(tx: Transaction | undefined, fn: (tx: Transaction) => T): T {
    if (tx !== undefined) this.check(tx);
    return this.transaction(fn);
  }

  check(tx: Transaction): void {
    if (!(tx instanceof SqliteTransaction) || tx.database !== this)
      throw new Error('A transaction of another database was passed to a store.');
    if (!tx.active) throw new Error('A transaction that has ended was passed to a store.');
  }

  /**
   * `secure_delete` zeroed the freed pages; a TRUNCATE checkpoint copies them over and empties
   * the WAL. While the worker runs a checkpoint of its own, ours fails at once (SQLite does not
   * wait for the checkpoint lock, busy_timeout or not), so it is tried again.
   */
  async purgeErased(): Promise<{ complete: boolean }> {
    const complete = await untilDone(() => {
      const [result] = this.sqlite.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
      return result !== undefined && result.busy === 0;
    });
    return { complete };
  }

  ping(): void {
    this.sqlite.prepare('SELECT 1').get();
  }

  close(): Promise<void> {
    const stopped = this.checkpointer?.stop() ?? Promise.resolve();
    if (this.sqlite.open) this.sqlite.close();
    // The checkpoint worker has a connection of its own: the files are free once it has exited.
    return stopped;
  }
}

/** Calls `attempt` until it returns true, `tries` times at most, `everyMs` apart; whether it did. */
export async function untilDone(attempt: () => boolean, { tries = 100, everyMs = 10 } = {}): Promise<boolean> {
  for (let i = 1; ; i++) {
    if (attempt()) return true;
    if (i >= tries) return false;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

export function openSqlite(file: string): SqliteDatabase {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma('journal_mode = WAL');
  // NORMAL is durable across process crashes under WAL (only an OS crash can lose the last
  // commits); a commit happens before any broadcast, which is what write-before-broadcast needs.
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Erased text must not linger in free pages (GDPR erasure).
  sqlite.pragma('secure_delete = ON');
  return new SqliteDatabase(sqlite, file);
}
