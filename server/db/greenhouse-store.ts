import { asc, desc, eq } from 'drizzle-orm';
import type { Transaction } from './database';
import { greenhouseErrors, greenhouseInterviews, greenhouseKeys } from './schema';
import type { Db, SqliteDatabase } from './sqlite';

export type GreenhouseKeyRow = typeof greenhouseKeys.$inferSelect;
export type GreenhouseInterviewRow = typeof greenhouseInterviews.$inferSelect;
export type GreenhouseErrorRow = typeof greenhouseErrors.$inferSelect;

/**
 * The Greenhouse partner tables: the API keys Atelier issued (hashes only), the tests Greenhouse
 * sent (an interview per session; erased with its session), and the errors it reported.
 */
export interface GreenhouseStore {
  createKey(row: GreenhouseKeyRow, tx?: Transaction): void;
  keys(): GreenhouseKeyRow[];
  keyByHash(keyHash: string): GreenhouseKeyRow | undefined;
  revokeKey(id: string, at: number): boolean;
  touchKey(id: string, at: number): void;
  createInterview(row: GreenhouseInterviewRow, tx?: Transaction): void;
  interview(id: string): GreenhouseInterviewRow | undefined;
  interviewOfSession(sessionId: string, tx?: Transaction): GreenhouseInterviewRow | undefined;
  interviews(limit: number): GreenhouseInterviewRow[];
  recordError(row: Omit<GreenhouseErrorRow, 'id'>): void;
  errors(limit: number): GreenhouseErrorRow[];
}

export class SqliteGreenhouseStore implements GreenhouseStore {
  private readonly db: Db;

  constructor(private readonly database: SqliteDatabase) {
    this.db = database.db;
  }

  createKey(row: GreenhouseKeyRow, tx?: Transaction): void {
    this.database.on(tx).insert(greenhouseKeys).values(row).run();
  }

  keys(): GreenhouseKeyRow[] {
    return this.db.select().from(greenhouseKeys).orderBy(asc(greenhouseKeys.createdAt)).all();
  }

  keyByHash(keyHash: string): GreenhouseKeyRow | undefined {
    return this.db.select().from(greenhouseKeys).where(eq(greenhouseKeys.keyHash, keyHash)).get();
  }

  revokeKey(id: string, at: number): boolean {
    const row = this.db.select().from(greenhouseKeys).where(eq(greenhouseKeys.id, id)).get();
    if (!row) return false;
    if (row.revokedAt === null) this.db.update(greenhouseKeys).set({ revokedAt: at }).where(eq(greenhouseKeys.id, id)).run();
    return true;
  }

  touchKey(id: string, at: number): void {
    this.db.update(greenhouseKeys).set({ lastUsedAt: at }).where(eq(greenhouseKeys.id, id)).run();
  }

  createInterview(row: GreenhouseInterviewRow, tx?: Transaction): void {
    this.database.on(tx).insert(greenhouseInterviews).values(row).run();
  }

  interview(id: string): GreenhouseInterviewRow | undefined {
    return this.db.select().from(greenhouseInterviews).where(eq(greenhouseInterviews.id, id)).get();
  }

  interviewOfSession(sessionId: string, tx?: Transaction): GreenhouseInterviewRow | undefined {
    return this.database.on(tx).select().from(greenhouseInterviews).where(eq(greenhouseInterviews.sessionId, sessionId)).get();
  }

  interviews(limit: number): GreenhouseInterviewRow[] {
    return this.db.select().from(greenhouseInterviews).orderBy(desc(greenhouseInterviews.createdAt)).limit(limit).all();
  }

  recordError(row: Omit<GreenhouseErrorRow, 'id'>): void {
    this.db.insert(greenhouseErrors).values(row).run();
  }

  errors(limit: number): GreenhouseErrorRow[] {
    return this.db.select().from(greenhouseErrors).orderBy(desc(greenhouseErrors.id)).limit(limit).all();
  }
}
