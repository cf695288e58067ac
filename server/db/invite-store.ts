import { asc, eq, sql } from 'drizzle-orm';
import type { Transaction } from './database';
import { invites } from './schema';
import type { Db, SqliteDatabase } from './sqlite';

export type InviteRow = typeof invites.$inferSelect;

/** The invites table (a session's erasure deletes its invites with it: SessionStore.erase). */
export interface InviteStore {
  create(row: typeof invites.$inferInsert, tx?: Transaction): void;
  byTokenHash(tokenHash: string): InviteRow | undefined;
  byId(id: string): InviteRow | undefined;
  forSession(sessionId: string): InviteRow[];
  /** The invites scheduled for an account, across sessions. */
  forAccount(accountId: string): InviteRow[];
  revoke(id: string, at: number, tx?: Transaction): void;
  /** Re-sent: revoked (if it was not already) and pointing at the invite that replaced it. */
  markReplaced(id: string, by: string, at: number, tx?: Transaction): void;
}

export class SqliteInviteStore implements InviteStore {
  private readonly db: Db;

  constructor(private readonly database: SqliteDatabase) {
    this.db = database.db;
  }

  create(row: typeof invites.$inferInsert, tx?: Transaction): void {
    this.database.on(tx).insert(invites).values(row).run();
  }

  byTokenHash(tokenHash: string): InviteRow | undefined {
    return this.db.select().from(invites).where(eq(invites.tokenHash, tokenHash)).get();
  }

  byId(id: string): InviteRow | undefined {
    return this.db.select().from(invites).where(eq(invites.id, id)).get();
  }

  forSession(sessionId: string): InviteRow[] {
    return this.db.select().from(invites).where(eq(invites.sessionId, sessionId)).orderBy(asc(invites.createdAt)).all();
  }

  forAccount(accountId: string): InviteRow[] {
    return this.db.select().from(invites).where(eq(invites.accountId, accountId)).orderBy(asc(invites.createdAt)).all();
  }

  revoke(id: string, at: number, tx?: Transaction): void {
    this.database.on(tx).update(invites).set({ revokedAt: at }).where(eq(invites.id, id)).run();
  }

  markReplaced(id: string, by: string, at: number, tx?: Transaction): void {
    this.database
      .on(tx)
      .update(invites)
      .set({ revokedAt: sql`coalesce(${invites.revokedAt}, ${at})`, replacedBy: by })
      .where(eq(invites.id, id))
      .run();
  }
}
