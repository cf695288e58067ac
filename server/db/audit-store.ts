import { desc, lt } from 'drizzle-orm';
import type { AuditEntry } from '../../shared/api/audit';
import type { Transaction } from './database';
import { auditLog } from './schema';
import type { Db, SqliteDatabase } from './sqlite';

export type AuditActor = 'admin' | 'system';

export interface AuditRecord {
  actor: AuditActor;
  action: string;
  target?: { type: string; id: string };
  /** Ids and counts only: never a candidate's name, email or work. */
  details?: Record<string, unknown>;
}

/** The audit log: append and page, nothing else (entries are never edited or deleted). */
export interface AuditStore {
  record(entry: AuditRecord, tx?: Transaction): void;
  /** Newest first; `before` is an entry id from a previous page. */
  page(limit: number, before?: number): AuditEntry[];
}

export class SqliteAuditStore implements AuditStore {
  private readonly db: Db;

  constructor(
    private readonly database: SqliteDatabase,
    private readonly now: () => number,
  ) {
    this.db = database.db;
  }

  record(entry: AuditRecord, tx?: Transaction): void {
    this.database
      .on(tx)
      .insert(auditLog)
      .values({
        at: this.now(),
        actor: entry.actor,
        action: entry.action,
        targetType: entry.target?.type ?? null,
        targetId: entry.target?.id ?? null,
        details: entry.details ?? {},
      })
      .run();
  }

  page(limit: number, before?: number): AuditEntry[] {
    return this.db
      .select()
      .from(auditLog)
      .where(before !== undefined ? lt(auditLog.id, before) : undefined)
      .orderBy(desc(auditLog.id))
      .limit(limit)
      .all()
      .map((row) => ({
        id: row.id,
        at: row.at,
        actor: row.actor,
        action: row.action,
        target: row.targetType && row.targetId ? { type: row.targetType, id: row.targetId } : null,
        details: row.details,
      }));
  }
}
