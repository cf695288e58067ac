import { and, asc, count, eq } from 'drizzle-orm';
import type { AccountRole } from '../../shared/roles';
import type { Transaction } from './database';
import { accounts } from './schema';
import type { Db, SqliteDatabase } from './sqlite';

export type AccountRow = typeof accounts.$inferSelect;

export interface AccountChanges {
  name?: string;
  roles?: AccountRole[];
  active?: boolean;
  passwordHash?: string | null;
  oidcIssuer?: string;
  oidcSubject?: string;
}

/** Staff accounts. Rows are never deleted (see the schema). Emails are compared lowercased. */
export interface AccountStore {
  create(row: typeof accounts.$inferInsert, tx?: Transaction): void;
  byId(id: string): AccountRow | undefined;
  byEmail(email: string): AccountRow | undefined;
  byOidcSubject(issuer: string, subject: string): AccountRow | undefined;
  list(): AccountRow[];
  count(): number;
  update(id: string, changes: AccountChanges, at: number, tx?: Transaction): void;
}

export class SqliteAccountStore implements AccountStore {
  private readonly db: Db;

  constructor(private readonly database: SqliteDatabase) {
    this.db = database.db;
  }

  create(row: typeof accounts.$inferInsert, tx?: Transaction): void {
    this.database
      .on(tx)
      .insert(accounts)
      .values({ ...row, email: row.email.toLowerCase() })
      .run();
  }

  byId(id: string): AccountRow | undefined {
    return this.db.select().from(accounts).where(eq(accounts.id, id)).get();
  }

  byEmail(email: string): AccountRow | undefined {
    return this.db.select().from(accounts).where(eq(accounts.email, email.toLowerCase())).get();
  }

  byOidcSubject(issuer: string, subject: string): AccountRow | undefined {
    return this.db
      .select()
      .from(accounts)
      .where(and(eq(accounts.oidcIssuer, issuer), eq(accounts.oidcSubject, subject)))
      .get();
  }

  list(): AccountRow[] {
    return this.db.select().from(accounts).orderBy(asc(accounts.createdAt), asc(accounts.id)).all();
  }

  count(): number {
    return this.db.select({ n: count() }).from(accounts).get()?.n ?? 0;
  }

  update(id: string, changes: AccountChanges, at: number, tx?: Transaction): void {
    this.database
      .on(tx)
      .update(accounts)
      .set({ ...changes, updatedAt: at })
      .where(eq(accounts.id, id))
      .run();
  }
}
