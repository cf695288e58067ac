import { desc, lt } from 'drizzle-orm';
import type { AuditEntry } from '../../shared/api/audit';
import type { Transaction } from './database';
import { auditLog } from './schema';
import type { Db, SqliteDatabase } from './sqlite';

/** Who did it: the bootstrap admin token, a named account (signed in, or through its API token), or the server itself. */
export type AuditActor = { kind: 'admin_token' } | { kind: 'account'; accountId: string; name: string; via: AuditVia } | { kind: 'system' };
export type AuditVia = 'sign_in' | 'api_token';

export const SYSTEM_ACTION: AuditActor = { kind: 'system' };

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
        ...actorColumns(entry.actor),
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
      .map((row) => auditEntryOf(row));
  }
}

/** How an actor is stored: `actor` says which kind; an account's id, name then, and sign-in way beside it. */
export function actorColumns(actor: AuditActor) {
  if (actor.kind === 'account') return { actor: 'account', actorAccountId: actor.accountId, actorName: actor.name, actorVia: actor.via };
  return { actor: actor.kind === 'admin_token' ? 'admin' : 'system', actorAccountId: null, actorName: null, actorVia: null };
}

type StoredEntry = Omit<typeof auditLog.$inferSelect, 'details'> & { details: Record<string, unknown> };

export function auditEntryOf(row: StoredEntry): AuditEntry {
  const account =
    row.actorAccountId !== null && row.actorName !== null
      ? { id: row.actorAccountId, name: row.actorName, via: row.actorVia === 'api_token' ? ('api_token' as const) : ('sign_in' as const) }
      : null;
  return {
    id: row.id,
    at: row.at,
    actor: row.actor,
    account,
    action: row.action,
    target: row.targetType && row.targetId ? { type: row.targetType, id: row.targetId } : null,
    details: row.details,
  };
}
