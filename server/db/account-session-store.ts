import { and, eq, gt, lte } from 'drizzle-orm';
import type { Transaction } from './database';
import { accountSessions } from './schema';
import type { Db, SqliteDatabase } from './sqlite';

export type AccountSessionRow = typeof accountSessions.$inferSelect;

/** Signed-in browsers of accounts, by the hash of their cookie's id (see the schema). */
export interface AccountSessionStore {
  open(row: AccountSessionRow, tx?: Transaction): void;
  /** The open sign-in with this key, if it has not expired. */
  get(keyHash: string, now: number): AccountSessionRow | undefined;
  close(keyHash: string, tx?: Transaction): void;
  /** Signs an account out everywhere (deactivation, a new password). */
  closeForAccount(accountId: string, tx?: Transaction): number;
  closeExpired(now: number, tx?: Transaction): void;
}

export class SqliteAccountSessionStore implements AccountSessionStore {
  private readonly db: Db;

  constructor(private readonly database: SqliteDatabase) {
    this.db = database.db;
  }

  open(row: AccountSessionRow, tx?: Transaction): void {
    this.database.on(tx).insert(accountSessions).values(row).run();
  }

  get(keyHash: string, now: number): AccountSessionRow | undefined {
    return this.db
      .select()
      .from(accountSessions)
      .where(and(eq(accountSessions.keyHash, keyHash), gt(accountSessions.expiresAt, now)))
      .get();
  }

  close(keyHash: string, tx?: Transaction): void {
    this.database.on(tx).delete(accountSessions).where(eq(accountSessions.keyHash, keyHash)).run();
  }

  closeForAccount(accountId: string, tx?: Transaction): number {
    return this.database.on(tx).delete(accountSessions).where(eq(accountSessions.accountId, accountId)).run().changes;
  }

  closeExpired(now: number, tx?: Transaction): void {
    this.database.on(tx).delete(accountSessions).where(lte(accountSessions.expiresAt, now)).run();
  }
}
