import type { AppConfig } from './config';
import type { Clock } from './clock';
import { AccountDirectory } from './accounts/account-directory';
import { Access } from './auth/access';
import { ApiTokens } from './auth/api-tokens';
import type { AccountSessionStore } from './db/account-session-store';
import type { AccountStore } from './db/account-store';
import { SYSTEM_ACTION, type AuditStore } from './db/audit-store';
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
import { ParticipantLimits, type ParticipantBudgets } from './live/participant-limits';
import { SessionRooms } from './rooms/session-rooms';
import { SessionLogReader } from './log/session-log-reader';
import { CheckPool } from './checks/check-pool';
import type { ModelCatalog } from './llm/catalog';
import type { OutboxStore } from './db/outbox-store';
import { Dispatcher } from './integrations/dispatcher';
import { Outbox } from './integrations/outbox';
import { sendOutbound } from './integrations/outbound-http';
import { WebhookService, webhookTarget } from './integrations/webhooks';
import type { SelfAddress } from './integrations/address-policy';
import { GreenhouseService } from './integrations/greenhouse/greenhouse';
import { ReportLinks } from './integrations/report-links';
import { InviteMailer } from './integrations/invite-mailer';

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
  /** Personal API tokens of accounts. */
  apiTokens: ApiTokens;
  rooms: SessionRooms;
  /** The live channel's per-participant budgets, shared by all of a participant's sockets. */
  /** Per process; app.ts puts the Redis-shared budgets here when REDIS_URL is set. */
  participantLimits: ParticipantBudgets;
  models: ModelCatalog;
  audit: AuditStore;
  library: ExerciseLibrary;
  privacy: PrivacySettingsService;
  retention: RetentionPurge;
  /** Queues what integrations must hear, in the transaction that made it true. */
  outbox: Outbox;
  outboxStore: OutboxStore;
  /** Sends the outbox, retrying with backoff. */
  dispatcher: Dispatcher;
  webhooks: WebhookService;
  greenhouse: GreenhouseService;
  reportLinks: ReportLinks;
  /** Emails invite links when ATELIER_SMTP_URL is set. */
  mailer: InviteMailer;
  /** The address policy outbound URLs are checked by, and what counts as this server. */
  outboundPolicy: { allowPrivate: boolean };
  self: SelfAddress;
}

/** `reportError` logs failures of background work (a bug or a broken disk, never a user error). */
export function createServices(
  config: AppConfig,
  clock: Clock,
  adminToken: string,
  models: ModelCatalog,
  reportError?: (error: unknown, sessionId: string) => void,
): Services {
  const now = () => clock.now();
  const storage = openStorage(
    { file: config.databaseFile, url: config.databaseUrl, nodeId: config.nodeId, leaseTtlMs: config.leaseTtlMs },
    now,
  );
  const { database, events, sessions, invites, exercises, audit, settings, adminSessions, accounts, accountSessions, leases } = storage;
  const self: SelfAddress = {
    publicUrl: () => config.publicUrl,
    ports: () => [config.port, Number(new URL(config.publicUrl).port)].filter((port) => port > 0),
  };
  const policy = { allowPrivate: config.outbound.allowPrivate };
  const reportLinks = new ReportLinks(storage.reportLinks, settings, clock, config.reportLinkTtlDays * 86_400_000, () => config.publicUrl);
  const greenhouse = new GreenhouseService({
    greenhouse: storage.greenhouse,
    settings,
    exercises,
    sessions,
    outbox: storage.outbox,
    reportLinks,
    clock,
  });
  const outbox = new Outbox({
    webhooks: storage.webhooks,
    outbox: storage.outbox,
    clock,
    publicUrl: () => config.publicUrl,
    extraDeliveries: (sessionId, type, eventId, at, tx) => greenhouse.completionDeliveries(sessionId, type, eventId, at, tx),
  });
  const dispatcher = new Dispatcher({
    outbox: storage.outbox,
    clock,
    targets: { webhook: webhookTarget(storage.webhooks), greenhouse: greenhouse.completionTarget() },
    send: (request, signal) => sendOutbound(request, { timeoutMs: config.outbound.timeoutMs, policy, signal }),
    timeoutMs: config.outbound.timeoutMs,
    concurrency: config.outbound.concurrency,
    reportError: (error) => reportError?.(error, ''),
  });
  outbox.onQueued(() => dispatcher.wake());
  const webhooks = new WebhookService({ database, webhooks: storage.webhooks, outbox: storage.outbox, dispatcher, clock, policy, self });
  seedExercises(exercises, clock.now());
  const apiTokens = new ApiTokens({ tokens: storage.apiTokens, accounts, clock });
  const access = new Access(invites, adminSessions, accounts, accountSessions, apiTokens, adminToken, clock);
  const commits = new GroupCommit(events);
  const log = new SessionLogReader(events, commits);
  const checks = new CheckPool({ timeoutMs: config.checkTimeoutMs });
  const rooms = new SessionRooms({
    events,
    sessions,
    leases,
    exercises,
    commits,
    log,
    checks,
    clock,
    models,
    limits: config.limits,
    coalescing: config.coalescing,
    judgeTimeoutMs: config.judgeTimeoutMs,
    reportError,
    onLifecycle: (sessionId, changes, state, tx) => {
      for (const type of changes) {
        outbox.record(
          sessionId,
          type,
          {
            exerciseId: state.exercise?.id,
            exerciseVersion: state.exercise?.version,
            reason: type === 'session.ended' ? (state.endReason ?? undefined) : undefined,
          },
          tx,
        );
      }
    },
  });
  for (const upgraded of upgradeRetiredPatterns(exercises, now())) {
    audit.record({
      actor: SYSTEM_ACTION,
      action: 'exercise.update',
      target: { type: 'exercise', id: upgraded.id },
      details: { version: upgraded.version, reason: 'linear_time_patterns' },
    });
  }
  // After that upgrade: it may have just brought a library to content an earlier release shipped.
  for (const upgraded of upgradeBuiltIns(exercises, now())) {
    audit.record({
      actor: SYSTEM_ACTION,
      action: 'exercise.update',
      target: { type: 'exercise', id: upgraded.id },
      details: { version: upgraded.version, reason: 'built_in_upgrade' },
    });
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
    outbox,
  });
  const participantLimits = new ParticipantLimits(config.rateLimits);
  const directory = new AccountDirectory({ accounts, accountSessions, apiTokens: storage.apiTokens, rooms, database, clock });
  return {
    config,
    clock,
    database,
    events,
    log,
    checks,
    sessions,
    invites,
    exercises,
    access,
    accounts,
    accountSessions,
    directory,
    apiTokens,
    rooms,
    participantLimits,
    models,
    audit,
    library,
    privacy,
    retention,
    outbox,
    outboxStore: storage.outbox,
    dispatcher,
    webhooks,
    greenhouse,
    reportLinks,
    outboundPolicy: policy,
    self,
    mailer: new InviteMailer(config.smtpUrl, config.mailFrom),
  };
}
