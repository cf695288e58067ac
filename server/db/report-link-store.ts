import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import { reportLinks } from './schema';
import type { Db, SqliteDatabase } from './sqlite';

export type ReportLinkRow = typeof reportLinks.$inferSelect;

/** Report links readable without an account (erased with their session). */
export interface ReportLinkStore {
  create(row: ReportLinkRow): void;
  get(id: string): ReportLinkRow | undefined;
  /** Links of a session, oldest first. */
  forSession(sessionId: string): ReportLinkRow[];
  /** The link of this session that stays valid longest past `after`, if any. */
  activeFor(sessionId: string, after: number): ReportLinkRow | undefined;
  revoke(id: string, at: number): boolean;
}

export class SqliteReportLinkStore implements ReportLinkStore {
  private readonly db: Db;

  constructor(database: SqliteDatabase) {
    this.db = database.db;
  }

  create(row: ReportLinkRow): void {
    this.db.insert(reportLinks).values(row).run();
  }

  get(id: string): ReportLinkRow | undefined {
    return this.db.select().from(reportLinks).where(eq(reportLinks.id, id)).get();
  }

  forSession(sessionId: string): ReportLinkRow[] {
    return this.db.select().from(reportLinks).where(eq(reportLinks.sessionId, sessionId)).orderBy(asc(reportLinks.createdAt)).all();
  }

  activeFor(sessionId: string, after: number): ReportLinkRow | undefined {
    const rows = this.db
      .select()
      .from(reportLinks)
      .where(and(eq(reportLinks.sessionId, sessionId), isNull(reportLinks.revokedAt), gt(reportLinks.expiresAt, after)))
      .all();
    return rows.sort((a, b) => b.expiresAt - a.expiresAt)[0];
  }

  revoke(id: string, at: number): boolean {
    return (
      this.db
        .update(reportLinks)
        .set({ revokedAt: at })
        .where(and(eq(reportLinks.id, id), isNull(reportLinks.revokedAt)))
        .run().changes > 0
    );
  }
}
