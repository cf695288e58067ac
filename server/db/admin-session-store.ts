import { and, eq, gt, lte } from 'drizzle-orm';
import type { Transaction } from './database';
import { adminSessions } from './schema';
import type { Db, SqliteDatabase } from './sqlite';

/** Signed-in admin browsers, by the hash their cookie's key is stored as (see the schema). */
export interface AdminSessionStore {
  open(keyHash: string, createdAt: number, expiresAt: number, tx?: Transaction): void;
  isOpen(keyHash: string, now: number): boolean;
  close(keyHash: string, tx?: Transaction): void;
  /** Forgets expired sign-ins (and those of a replaced admin token, once they expire). */
  closeExpired(now: number, tx?: Transaction): void;
}

export class SqliteAdminSessionStore implements AdminSessionStore {
  private readonly db: Db;

  constructor(private readonly database: SqliteDatabase) {
    this.db = database.db;
  }

  open(keyHash: string, createdAt: number, expiresAt: number, tx?: Transaction): void {
    this.database.on(tx).insert(adminSessions).values({ keyHash, createdAt, expiresAt }).run();
  }

  isOpen(keyHash: string, now: number): boolean {
    return (
      this.db
        .select({ keyHash: adminSessions.keyHash })
        .from(adminSessions)
        .where(and(eq(adminSessions.keyHash, keyHash), gt(adminSessions.expiresAt, now)))
        .get() !== undefined
    );
  }

  close(keyHash: string, tx?: Transaction): void {
    this.database.on(tx).delete(adminSessions).where(eq(adminSessions.keyHash, keyHash)).run();
  }

  closeExpired(now: number, tx?: Transaction): void {
    this.database.on(tx).delete(adminSessions).where(lte(adminSessions.expiresAt, now)).run();
  }
}
