// What the app above server/db/ sees of the storage engine: a way to group store calls into
// one transaction, and a lifecycle. No driver type crosses this line; the stores in this folder
// (one per table, each an interface with the SQLite implementation beside it) are the only
// code that speaks SQL. The engine is opened in storage.ts.
//
// Synchronous, like better-sqlite3 and the hot path built on it. An engine whose driver is
// asynchronous (PostgreSQL, a later issue) needs these and the store methods to return promises.

/**
 * A transaction in progress, handed out by `Database.transaction`. Store methods that take one
 * run inside it; what is inside is the engine's business.
 */
export interface Transaction {
  /** False once the transaction's function has returned or thrown; stores refuse it then. */
  readonly active: boolean;
}

export interface Database {
  /**
   * Runs `fn` in one transaction: whatever the stores do with `tx` commits together, or not at
   * all if `fn` throws. A transaction opened inside another is a savepoint of it.
   */
  transaction<T>(fn: (tx: Transaction) => T): T;
  /**
   * After an erasure: leaves the deleted rows in none of the engine's files (GDPR erasure).
   * `complete` is false if something kept part of the work from being done now.
   */
  purgeErased(): Promise<{ complete: boolean }>;
  /** One trivial round trip to the engine (readiness): throws when it cannot answer. */
  ping(): void;
  /** Closes the database; resolves once the engine has let go of its files. */
  close(): Promise<void>;
}
