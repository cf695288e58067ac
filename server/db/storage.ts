import { SqliteAccountSessionStore, type AccountSessionStore } from './account-session-store';
import { SqliteAccountStore, type AccountStore } from './account-store';
import { SqliteAdminSessionStore, type AdminSessionStore } from './admin-session-store';
import { SqliteAuditStore, type AuditStore } from './audit-store';
import type { Database } from './database';
import { SqliteEventStore, type EventStore } from './event-store';
import { SqliteExerciseStore, type ExerciseStore } from './exercise-store';
import { SqliteInviteStore, type InviteStore } from './invite-store';
import { SqliteSessionStore, type SessionStore } from './session-store';
import { SqliteSettingsStore, type SettingsStore } from './settings-store';
import { openSqlite } from './sqlite';

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
  accounts: AccountStore;
  accountSessions: AccountSessionStore;
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
    accounts: new SqliteAccountStore(database),
    accountSessions: new SqliteAccountSessionStore(database),
  };
}
