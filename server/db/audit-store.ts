import { desc, lt } from 'drizzle-orm';
import type { AuditEntry } from '../../shared/api/audit';
import type { Db } from './database';
import { auditLog } from './schema';

export type AuditActor = 'admin' | 'system';

export interface AuditRecord {
  actor: AuditActor;
  action: string;
  target?: { type: string; id: string };
  /** Ids and counts only: never a candidate's name, email or work. */
  details?: Record<string, unknown>;
}

export class AuditStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {}

  record(entry: AuditRecord): void {
    this.db
      .insert(auditLog)
      .values({ at: this.now(), actor: entry.actor, action: entry.action, targetType: entry.target?.type ?? null, targetId: entry.target?.id ?? null, details: entry.details ?? {} })
      .run();
  }

  /** Newest first; `before` is an entry id from a previous page. */
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
        details: row.details as Record<string, unknown>,
      }));
  }
}
