import { SqliteAccountSessionStore, type AccountSessionStore } from './account-session-store';
import { SqliteAccountStore, type AccountStore } from './account-store';
import { SqliteAdminSessionStore, type AdminSessionStore } from './admin-session-store';
import { SqliteApiTokenStore, type ApiTokenStore } from './api-token-store';
import { SqliteAuditStore, type AuditStore } from './audit-store';
import type { Database } from './database';
import { SqliteEventStore, type EventStore } from './event-store';
import { SqliteExerciseStore, type ExerciseStore } from './exercise-store';
import { SqliteGreenhouseStore, type GreenhouseStore } from './greenhouse-store';
import { SqliteInviteStore, type InviteStore } from './invite-store';
import { LocalLeases, type SessionLeases } from './leases';
import { PgAccountSessionStore, PgAccountStore } from './pg/pg-account-stores';
import { PgApiTokenStore } from './pg/pg-api-token-store';
import { PgEventStore } from './pg/pg-event-store';
import { PgGreenhouseStore, PgReportLinkStore, PgWebhookStore } from './pg/pg-integration-stores';
import { PgOutboxStore } from './pg/pg-outbox-store';
import { openPostgres } from './pg/pg-database';
import { PgLeases } from './pg/pg-leases';
import { PgSessionStore } from './pg/pg-session-store';
import { PgAdminSessionStore, PgAuditStore, PgExerciseStore, PgInviteStore, PgSettingsStore } from './pg/pg-small-stores';
import { SqliteOutboxStore, type OutboxStore } from './outbox-store';
import { SqliteReportLinkStore, type ReportLinkStore } from './report-link-store';
import { SqliteSessionStore, type SessionStore } from './session-store';
import { SqliteSettingsStore, type SettingsStore } from './settings-store';
import { openSqlite } from './sqlite';
import { SqliteWebhookStore, type WebhookStore } from './webhook-store';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Resolved here, two levels under the repository like sqlite.ts: the same path from the bundle.
const PG_MIGRATIONS = join(dirname(fileURLToPath(import.meta.url)), '../../migrations-pg');

// Where the engine is chosen: the app gets the database and one store per table, as
// interfaces. SQLite (a file) unless a PostgreSQL URL is given.

export interface Storage {
  database: Database;
  /** `events` (and on PostgreSQL `sessions.head_seq`, the log's head that fences appends). */
  events: EventStore;
  /** `sessions` (the read model columns included). */
  sessions: SessionStore;
  invites: InviteStore;
  /** `exercises` and `exercise_versions`. */
  exercises: ExerciseStore;
  audit: AuditStore;
  settings: SettingsStore;
  adminSessions: AdminSessionStore;
  accounts: AccountStore;
  accountSessions: AccountSessionStore;
  apiTokens: ApiTokenStore;
  /** Which sessions this node may append to (always all of them on SQLite). */
  leases: SessionLeases;
  webhooks: WebhookStore;
  /** `outbound_deliveries` and `outbound_attempts`. */
  outbox: OutboxStore;
  /** `greenhouse_keys`, `greenhouse_interviews`, `greenhouse_errors`. */
  greenhouse: GreenhouseStore;
  reportLinks: ReportLinkStore;
}

export interface StorageOptions {
  /** The SQLite file, used when `url` is unset. */
  file: string;
  /** `postgres://…`: PostgreSQL instead of the file. */
  url?: string;
  /** This node's name in leases (PostgreSQL). */
  nodeId: string;
  /** How long a session's lease lasts unless renewed: the failover time after a node dies. */
  leaseTtlMs: number;
}

export function openStorage(options: StorageOptions, now: () => number): Storage {
  if (options.url) return openPostgresStorage(options.url, options, now);
  const database = openSqlite(options.file);
  return {
    database,
    events: new SqliteEventStore(database),
    sessions: new SqliteSessionStore(database),
    invites: new SqliteInviteStore(database),
    exercises: new SqliteExerciseStore(database),
    audit: new SqliteAuditStore(database, now),
    settings: new SqliteSettingsStore(database, now),
    adminSessions: new SqliteAdminSessionStore(database),
    accounts: new SqliteAccountStore(database),
    accountSessions: new SqliteAccountSessionStore(database),
    apiTokens: new SqliteApiTokenStore(database),
    webhooks: new SqliteWebhookStore(database),
    outbox: new SqliteOutboxStore(database),
    greenhouse: new SqliteGreenhouseStore(database),
    reportLinks: new SqliteReportLinkStore(database),
    leases: new LocalLeases(),
  };
}

function openPostgresStorage(url: string, options: StorageOptions, now: () => number): Storage {
  const database = openPostgres(url, PG_MIGRATIONS);
  const leases = new PgLeases(database, options.nodeId, options.leaseTtlMs);
  const close = database.close.bind(database);
  // Leases go back before the connection closes, so another node may take them at once.
  database.close = () => {
    leases.close();
    return close();
  };
  return {
    database,
    events: new PgEventStore(database, leases),
    sessions: new PgSessionStore(database),
    invites: new PgInviteStore(database),
    exercises: new PgExerciseStore(database),
    audit: new PgAuditStore(database, now),
    settings: new PgSettingsStore(database, now),
    adminSessions: new PgAdminSessionStore(database),
    accounts: new PgAccountStore(database),
    accountSessions: new PgAccountSessionStore(database),
    apiTokens: new PgApiTokenStore(database),
    leases,
    webhooks: new PgWebhookStore(database),
    outbox: new PgOutboxStore(database),
    greenhouse: new PgGreenhouseStore(database),
    reportLinks: new PgReportLinkStore(database),
  };
}
