import { AtelierError } from '../../../shared/errors';
import type { Database, Transaction } from '../database';
import { PgSyncClient, type Statement, type StatementResult } from './sync-client';

// The PostgreSQL engine: one connection (see sync-client.ts), drizzle-kit's migrations-pg/
// applied at open. The PostgreSQL stores in this folder run on it.

class PgTransaction implements Transaction {
  active = true;
  constructor(readonly database: PgDatabase) {}
}

export class PgDatabase implements Database {
  private depth = 0;

  constructor(
    readonly client: PgSyncClient,
    migrationsFolder: string,
  ) {
    client.migrate(migrationsFolder);
  }

  get inTransaction(): boolean {
    return this.depth > 0;
  }

  transaction<T>(fn: (tx: Transaction) => T): T {
    const level = this.depth;
    const savepoint = `sp${level}`;
    this.client.run([{ text: level === 0 ? 'BEGIN' : `SAVEPOINT ${savepoint}` }]);
    this.depth++;
    const tx = new PgTransaction(this);
    try {
      const result = fn(tx);
      this.client.run([{ text: level === 0 ? 'COMMIT' : `RELEASE SAVEPOINT ${savepoint}` }]);
      return result;
    } catch (error) {
      try {
        this.client.run([{ text: level === 0 ? 'ROLLBACK' : `ROLLBACK TO SAVEPOINT ${savepoint}` }]);
      } catch {
        // The connection is gone: so is the transaction.
      }
      throw error;
    } finally {
      tx.active = false;
      this.depth = level;
    }
  }

  /** Runs a store's multi-statement write as one: in a transaction of its own, or a savepoint of the caller's `tx`. */
  atomically<T>(tx: Transaction | undefined, fn: (tx: Transaction) => T): T {
    if (tx !== undefined) this.check(tx);
    return this.transaction(fn);
  }

  check(tx: Transaction): void {
    if (!(tx instanceof PgTransaction) || tx.database !== this) throw new Error('A transaction of another database was passed to a store.');
    if (!tx.active) throw new Error('A transaction that has ended was passed to a store.');
  }

  /** One statement's rows (a `tx`, if given, is checked: the connection is already inside it). */
  query<T>(text: string, values: readonly unknown[] = [], tx?: Transaction): T[] {
    if (tx !== undefined) this.check(tx);
    refuseNul(values);
    return this.client.query<T>(text, values);
  }

  run(statements: readonly Statement[]): StatementResult[] {
    for (const s of statements) refuseNul(s.values ?? []);
    return this.client.run(statements);
  }

  /** Dead tuples of erased rows are gone once the tables are vacuumed (WAL archives and backups are the operator's: docs/deploy.md). */
  purgeErased(): Promise<{ complete: boolean }> {
    try {
      this.client.run([{ text: 'VACUUM events, sessions, invites' }]);
      return Promise.resolve({ complete: true });
    } catch {
      return Promise.resolve({ complete: false });
    }
  }

  ping(): void {
    this.client.query('SELECT 1');
  }

  close(): Promise<void> {
    return this.client.close();
  }
}

export function openPostgres(url: string, migrationsFolder: string): PgDatabase {
  return new PgDatabase(new PgSyncClient(url), migrationsFolder);
}

/**
 * PostgreSQL's text cannot hold U+0000, which SQLite stores; a name typed with one is refused
 * as bad input instead of failing as a server error. JSON columns are unaffected:
 * JSON.stringify writes the character as an escape.
 */
function refuseNul(values: readonly unknown[]): void {
  for (const value of values) {
    if (typeof value === 'string' && value.includes('\u0000'))
      throw new AtelierError('invalid_payload', 'Text may not contain the NUL character (U+0000).');
  }
}
