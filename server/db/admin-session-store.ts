import { and, eq, gt, lte } from 'drizzle-orm';
import type { Db } from './database';
import { adminSessions } from './schema';

/** Signed-in admin browsers, by the hash their cookie's key is stored as (see the schema). */
export class AdminSessionStore {
  constructor(private readonly db: Db) {}

  open(keyHash: string, createdAt: number, expiresAt: number): void {
    this.db.insert(adminSessions).values({ keyHash, createdAt, expiresAt }).run();
  }

  isOpen(keyHash: string, now: number): boolean {
    return this.db.select({ keyHash: adminSessions.keyHash }).from(adminSessions).where(and(eq(adminSessions.keyHash, keyHash), gt(adminSessions.expiresAt, now))).get() !== undefined;
  }

  close(keyHash: string): void {
    this.db.delete(adminSessions).where(eq(adminSessions.keyHash, keyHash)).run();
  }

  /** Forgets expired sign-ins (and those of a replaced admin token, once they expire). */
  closeExpired(now: number): void {
    this.db.delete(adminSessions).where(lte(adminSessions.expiresAt, now)).run();
  }
}
