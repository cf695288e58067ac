import { and, count, desc, eq, isNull } from 'drizzle-orm';
import type { Transaction } from './database';
import { apiTokens } from './schema';
import type { Db, SqliteDatabase } from './sqlite';

export type ApiTokenRow = typeof apiTokens.$inferSelect;

/**
 * Personal API tokens of accounts, by the SHA-256 of the token (see the schema). A revoked
 * token's row stays, so that what it did can still be traced to it; it never works again.
 */
export interface ApiTokenStore {
  create(row: ApiTokenRow, tx?: Transaction): void;
  /** The token with this id, revoked or not. */
  byId(id: string): ApiTokenRow | undefined;
  /** The account's tokens that are not revoked, newest first. */
  active(accountId: string): ApiTokenRow[];
  countActive(accountId: string): number;
  /** Revokes one of this account's tokens; false when it has no such token, or it was revoked already. */
  revoke(id: string, accountId: string, at: number, tx?: Transaction): boolean;
  /** Revokes every token of the account (deactivation); returns how many. */
  revokeForAccount(accountId: string, at: number, tx?: Transaction): number;
  touch(id: string, at: number): void;
}

export class SqliteApiTokenStore implements ApiTokenStore {
  private readonly db: Db;

  constructor(private readonly database: SqliteDatabase) {
    this.db = database.db;
  }

  create(row: ApiTokenRow, tx?: Transaction): void {
    this.database.on(tx).insert(apiTokens).values(row).run();
  }

  byId(id: string): ApiTokenRow | undefined {
    return this.db.select().from(apiTokens).where(eq(apiTokens.id, id)).get();
  }

  active(accountId: string): ApiTokenRow[] {
    return this.db
      .select()
      .from(apiTokens)
      .where(and(eq(apiTokens.accountId, accountId), isNull(apiTokens.revokedAt)))
      .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id))
      .all();
  }

  countActive(accountId: string): number {
    return (
      this.db
        .select({ n: count() })
        .from(apiTokens)
        .where(and(eq(apiTokens.accountId, accountId), isNull(apiTokens.revokedAt)))
        .get()?.n ?? 0
    );
  }

  revoke(id: string, accountId: string, at: number, tx?: Transaction): boolean {
    const where = and(eq(apiTokens.id, id), eq(apiTokens.accountId, accountId), isNull(apiTokens.revokedAt));
    return this.database.on(tx).update(apiTokens).set({ revokedAt: at }).where(where).run().changes > 0;
  }

  revokeForAccount(accountId: string, at: number, tx?: Transaction): number {
    const where = and(eq(apiTokens.accountId, accountId), isNull(apiTokens.revokedAt));
    return this.database.on(tx).update(apiTokens).set({ revokedAt: at }).where(where).run().changes;
  }

  touch(id: string, at: number): void {
    this.db.update(apiTokens).set({ lastUsedAt: at }).where(eq(apiTokens.id, id)).run();
  }
}
