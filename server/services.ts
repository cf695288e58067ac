import type { AppConfig } from './config';
import type { Clock } from './clock';
import { AccountDirectory } from './accounts/account-directory';
import { Access } from './auth/access';
import type { AccountSessionStore } from './db/account-session-store';
import type { AccountStore } from './db/account-store';
import type { AuditStore } from './db/audit-store';
import type { Database } from './db/database';
import type { EventStore } from './db/event-store';
import { GroupCommit } from './db/group-commit';
import type { ExerciseStore } from './db/exercise-store';
import type { InviteStore } from './db/invite-store';
import type { SessionStore } from './db/session-store';
import { openStorage } from './db/storage';
import { seedExercises, upgradeBuiltIns, upgradeRetiredPatterns } from './exercises/seed';
import { ExerciseLibrary } from './exercises/exercise-library';
import { PrivacySettingsService } from './privacy/privacy-settings';
import { RetentionPurge } from './privacy/retention';
import { ParticipantLimits } from './live/participant-limits';
import { SessionRooms } from './rooms/session-rooms';
import { SessionLogReader } from './log/session-log-reader';
import { CheckPool } from './checks/check-pool';
import type { ModelCatalog } from './llm/catalog';

// The app's services, built once in dependency order. Routes read them from `app.services`.

export interface Services {
  config: AppConfig;
  clock: Clock;
  database: Database;
  events: EventStore;
  /** Reads of a session's log as a viewer may see it, without opening a room. */
  log: SessionLogReader;
  /** Checks answers against test cases on a worker thread. */
  checks: CheckPool;
  sessions: SessionStore;
  invites: InviteStore;
  exercises: ExerciseStore;
  access: Access;
  /** Staff accounts and their sign-ins. */
  accounts: AccountStore;
  accountSessions: AccountSessionStore;
  directory: AccountDirectory;
  rooms: SessionRooms;
  /** The live channel's per-participant budgets, shared by all of a participant's sockets. */
  participantLimits: ParticipantLimits;
  models: ModelCatalog;
  audit: AuditStore;
  library: ExerciseLibrary;
  privacy: PrivacySettingsService;
  retention: RetentionPurge;
}

/** `reportError` logs failures of background work (a bug or a broken disk, never a user error). */
export function createServices(config: AppConfig, clock: Clock, adminToken: string, models: ModelCatalog, reportError?: (error: unknown, sessionId: string) => void): Services {
  const now = () => clock.now();
  const { database, events, sessions, invites, exercises, audit, settings, adminSessions, accounts, accountSessions, leases } = openStorage(
    { file: config.databaseFile, url: config.databaseUrl, nodeId: config.nodeId, leaseTtlMs: config.leaseTtlMs },
    now,
  );
  seedExercises(exercises, clock.now());
  const access = new Access(invites, adminSessions, accounts, accountSessions, adminToken, clock);
  const commits = new GroupCommit(events);
  const log = new SessionLogReader(events, commits);
  const checks = new CheckPool({ timeoutMs: config.checkTimeoutMs });
  const rooms = new SessionRooms({ events, sessions, leases, exercises, commits, log, checks, clock, models, limits: config.limits, coalescing: config.coalescing, judgeTimeoutMs: config.judgeTimeoutMs, reportError });
  for (const upgraded of upgradeRetiredPatterns(exercises, now())) {
    audit.record({ actor: 'system', action: 'exercise.update', target: { type: 'exercise', id: upgraded.id }, details: { version: upgraded.version, reason: 'linear_time_patterns' } });
  }
  // After that upgrade: it may have just brought a library to content an earlier release shipped.
  for (const upgraded of upgradeBuiltIns(exercises, now())) {
    audit.record({ actor: 'system', action: 'exercise.update', target: { type: 'exercise', id: upgraded.id }, details: { version: upgraded.version, reason: 'built_in_upgrade' } });
  }
  const library = new ExerciseLibrary(exercises, audit, now, (schemas) => checks.schemaIssues('library', schemas));
  const privacy = new PrivacySettingsService(settings);
  const retention = new RetentionPurge({
    clock,
    database,
    sessions,
    rooms,
    privacy,
    audit,
  });
  const participantLimits = new ParticipantLimits(config.rateLimits);
  const directory = new AccountDirectory({ accounts, accountSessions, rooms, database, clock });
  return { config, clock, database, events, log, checks, sessions, invites, exercises, access, accounts, accountSessions, directory, rooms, participantLimits, models, audit, library, privacy, retention };
}
