import { asc, eq } from 'drizzle-orm';
import type { Db } from './database';
import { invites } from './schema';

export type InviteRow = typeof invites.$inferSelect;

export class InviteStore {
  constructor(private readonly db: Db) {}

  create(row: typeof invites.$inferInsert): void {
    this.db.insert(invites).values(row).run();
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

  revoke(id: string, at: number): void {
    this.db.update(invites).set({ revokedAt: at }).where(eq(invites.id, id)).run();
  }
}
