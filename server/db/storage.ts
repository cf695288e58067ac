import { SqliteAdminSessionStore, type AdminSessionStore } from './admin-session-store';
import { SqliteAuditStore, type AuditStore } from './audit-store';
import type { Database } from './database';
import { SqliteEventStore, type EventStore } from './event-store';
import { SqliteExerciseStore, type ExerciseStore } from './exercise-store';
import { SqliteGreenhouseStore, type GreenhouseStore } from './greenhouse-store';
import { SqliteInviteStore, type InviteStore } from './invite-store';
import { SqliteReportLinkStore, type ReportLinkStore } from './report-link-store';
import { SqliteOutboxStore, type OutboxStore } from './outbox-store';
import { SqliteSessionStore, type SessionStore } from './session-store';
import { SqliteSettingsStore, type SettingsStore } from './settings-store';
import { openSqlite } from './sqlite';
import { SqliteWebhookStore, type WebhookStore } from './webhook-store';

// Where the engine is chosen: the app gets the database and one store per table, as
// interfaces. SQLite is the only engine today.

export interface Storage {
  database: Database;
  /** `events` (and `sessions.head_seq`, the log's head). */
  events: EventStore;
  /** `sessions` (the read model columns included). */
  sessions: SessionStore;
  invites: InviteStore;
  /** `exercises` and `exercise_versions`. */
  exercises: ExerciseStore;
  audit: AuditStore;
  settings: SettingsStore;
  adminSessions: AdminSessionStore;
  webhooks: WebhookStore;
  /** `outbound_deliveries` and `outbound_attempts`. */
  outbox: OutboxStore;
  /** `greenhouse_keys`, `greenhouse_interviews`, `greenhouse_errors`. */
  greenhouse: GreenhouseStore;
  reportLinks: ReportLinkStore;
}

export function openStorage(file: string, now: () => number): Storage {
  const database = openSqlite(file);
  return {
    database,
    events: new SqliteEventStore(database),
    sessions: new SqliteSessionStore(database),
    invites: new SqliteInviteStore(database),
    exercises: new SqliteExerciseStore(database),
    audit: new SqliteAuditStore(database, now),
    settings: new SqliteSettingsStore(database, now),
    adminSessions: new SqliteAdminSessionStore(database),
    webhooks: new SqliteWebhookStore(database),
    outbox: new SqliteOutboxStore(database),
    greenhouse: new SqliteGreenhouseStore(database),
    reportLinks: new SqliteReportLinkStore(database),
  };
}
