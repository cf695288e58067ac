import type { AuditEntry } from '../../../shared/api/audit';
import type { ExerciseVersionInfo } from '../../../shared/api/exercises';
import type { ExerciseContent } from '../../../shared/exercise';
import type { AdminSessionStore } from '../admin-session-store';
import { actorColumns, auditEntryOf, type AuditRecord, type AuditStore } from '../audit-store';
import type { Transaction } from '../database';
import type { ExerciseRow, ExerciseStore, ExerciseVersion } from '../exercise-store';
import type { InviteRow, InviteStore } from '../invite-store';
import type { invites as sqliteInvites } from '../schema';
import type { SettingsStore } from '../settings-store';
import { insertOf, selectList } from './columns';
import type { PgDatabase } from './pg-database';
import { auditLog, exercises, invites } from './schema';

// The PostgreSQL twins of the small stores (invites, exercises, audit, settings, admin
// sign-ins): each the same interface as its SQLite sibling, one class per table.

const INVITE_COLUMNS = selectList(invites);
const EXERCISE_COLUMNS = selectList(exercises);

export class PgInviteStore implements InviteStore {
  constructor(private readonly database: PgDatabase) {}

  create(row: typeof sqliteInvites.$inferInsert, tx?: Transaction): void {
    const insert = insertOf(invites, 'invites', row);
    this.database.query(insert.text, insert.values, tx);
  }

  byTokenHash(tokenHash: string): InviteRow | undefined {
    return this.database.query<InviteRow>(`SELECT ${INVITE_COLUMNS} FROM invites WHERE token_hash = $1`, [tokenHash])[0];
  }

  byId(id: string): InviteRow | undefined {
    return this.database.query<InviteRow>(`SELECT ${INVITE_COLUMNS} FROM invites WHERE id = $1`, [id])[0];
  }

  forSession(sessionId: string): InviteRow[] {
    return this.database.query<InviteRow>(`SELECT ${INVITE_COLUMNS} FROM invites WHERE session_id = $1 ORDER BY created_at`, [sessionId]);
  }

  forAccount(accountId: string): InviteRow[] {
    return this.database.query<InviteRow>(`SELECT ${INVITE_COLUMNS} FROM invites WHERE account_id = $1 ORDER BY created_at`, [accountId]);
  }

  revoke(id: string, at: number, tx?: Transaction): void {
    this.database.query('UPDATE invites SET revoked_at = $2 WHERE id = $1', [id, at], tx);
  }

  markReplaced(id: string, by: string, at: number, tx?: Transaction): void {
    this.database.query('UPDATE invites SET revoked_at = COALESCE(revoked_at, $3), replaced_by = $2 WHERE id = $1', [id, by, at], tx);
  }
}

export class PgExerciseStore implements ExerciseStore {
  constructor(private readonly database: PgDatabase) {}

  list(options: { includeArchived?: boolean } = {}): ExerciseRow[] {
    return this.database.query<ExerciseRow>(
      `SELECT ${EXERCISE_COLUMNS} FROM exercises ${options.includeArchived ? '' : 'WHERE NOT archived'} ORDER BY title COLLATE "C"`,
    );
  }

  row(idOrSlug: string): ExerciseRow | undefined {
    return this.database.query<ExerciseRow>(`SELECT ${EXERCISE_COLUMNS} FROM exercises WHERE id = $1 OR slug = $1 LIMIT 1`, [idOrSlug])[0];
  }

  current(idOrSlug: string): ExerciseVersion | undefined {
    const row = this.row(idOrSlug);
    return row ? this.version(row.id, row.currentVersion) : undefined;
  }

  version(id: string, version: number): ExerciseVersion | undefined {
    const [row] = this.database.query<{ content: string }>(
      'SELECT content FROM exercise_versions WHERE exercise_id = $1 AND version = $2',
      [id, version],
    );
    return row ? { id, version, content: JSON.parse(row.content) as ExerciseContent } : undefined;
  }

  versions(id: string): ExerciseVersionInfo[] {
    return this.database
      .query<{ version: number; content: string; createdAt: number }>(
        'SELECT version, content, created_at AS "createdAt" FROM exercise_versions WHERE exercise_id = $1 ORDER BY version',
        [id],
      )
      .map((row) => ({ version: row.version, title: (JSON.parse(row.content) as ExerciseContent).title, createdAt: row.createdAt }));
  }

  slugTaken(slug: string, exceptId?: string): boolean {
    return (
      this.database.query('SELECT id FROM exercises WHERE (slug = $1 OR id = $1) AND id IS DISTINCT FROM $2 LIMIT 1', [
        slug,
        exceptId ?? null,
      ]).length > 0
    );
  }

  setArchived(id: string, archived: boolean, now: number, tx?: Transaction): void {
    this.database.query('UPDATE exercises SET archived = $2, updated_at = $3 WHERE id = $1', [id, archived, now], tx);
  }

  save(id: string, content: ExerciseContent, now: number, tx?: Transaction): ExerciseVersion {
    return this.database.atomically(tx, () => {
      const [existing] = this.database.query<{ currentVersion: number }>(
        'SELECT current_version AS "currentVersion" FROM exercises WHERE id = $1 FOR UPDATE',
        [id],
      );
      const version = existing ? existing.currentVersion + 1 : 1;
      this.database.run([
        existing
          ? {
              text: 'UPDATE exercises SET slug = $2, title = $3, language = $4, current_version = $5, updated_at = $6 WHERE id = $1',
              values: [id, content.slug, content.title, content.language, version, now],
            }
          : {
              text: 'INSERT INTO exercises (id, slug, title, language, current_version, created_at, updated_at) VALUES ($1, $2, $3, $4, 1, $5, $5)',
              values: [id, content.slug, content.title, content.language, now],
            },
        {
          text: 'INSERT INTO exercise_versions (exercise_id, version, content, created_at) VALUES ($1, $2, $3, $4)',
          values: [id, version, JSON.stringify(content), now],
        },
      ]);
      return { id, version, content };
    });
  }
}

export class PgAuditStore implements AuditStore {
  constructor(
    private readonly database: PgDatabase,
    private readonly now: () => number,
  ) {}

  record(entry: AuditRecord, tx?: Transaction): void {
    const insert = insertOf(auditLog, 'audit_log', {
      at: this.now(),
      ...actorColumns(entry.actor),
      action: entry.action,
      targetType: entry.target?.type ?? null,
      targetId: entry.target?.id ?? null,
      details: JSON.stringify(entry.details ?? {}),
    });
    this.database.query(insert.text, insert.values, tx);
  }

  page(limit: number, before?: number): AuditEntry[] {
    const rows = this.database.query<Omit<typeof auditLog.$inferSelect, 'details'> & { details: string }>(
      `SELECT ${selectList(auditLog)} FROM audit_log ${before !== undefined ? 'WHERE id < $2' : ''} ORDER BY id DESC LIMIT $1`,
      before !== undefined ? [limit, before] : [limit],
    );
    return rows.map((row) => auditEntryOf({ ...row, details: JSON.parse(row.details) as Record<string, unknown> }));
  }
}

export class PgSettingsStore implements SettingsStore {
  constructor(
    private readonly database: PgDatabase,
    private readonly now: () => number,
  ) {}

  get(key: string): unknown {
    const [row] = this.database.query<{ value: string }>('SELECT value FROM settings WHERE key = $1', [key]);
    return row ? JSON.parse(row.value) : undefined;
  }

  set(key: string, value: unknown, tx?: Transaction): void {
    this.database.query(
      'INSERT INTO settings (key, value, updated_at) VALUES ($1, $2, $3) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at',
      [key, JSON.stringify(value), this.now()],
      tx,
    );
  }
}

export class PgAdminSessionStore implements AdminSessionStore {
  constructor(private readonly database: PgDatabase) {}

  open(keyHash: string, createdAt: number, expiresAt: number, tx?: Transaction): void {
    this.database.query(
      'INSERT INTO admin_sessions (key_hash, created_at, expires_at) VALUES ($1, $2, $3)',
      [keyHash, createdAt, expiresAt],
      tx,
    );
  }

  isOpen(keyHash: string, now: number): boolean {
    return this.database.query('SELECT 1 FROM admin_sessions WHERE key_hash = $1 AND expires_at > $2', [keyHash, now]).length > 0;
  }

  close(keyHash: string, tx?: Transaction): void {
    this.database.query('DELETE FROM admin_sessions WHERE key_hash = $1', [keyHash], tx);
  }

  closeExpired(now: number, tx?: Transaction): void {
    this.database.query('DELETE FROM admin_sessions WHERE expires_at <= $1', [now], tx);
  }
}
