import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { Actor, EventType, SessionEvent } from '../../shared/events';
import type { ExerciseContent } from '../../shared/exercise';
import type { AccountRole as AccountRoleName } from '../../shared/roles';

// The tables. `events` is the session's truth and is append-only; `sessions` carries a few
// columns rebuilt from events (status, totals) so that lists need no replay. Each table is
// written by one store only (storage.ts says which); `sessions.head_seq` is the one exception.

export const exercises = sqliteTable(
  'exercises',
  {
    id: text('id').primaryKey(),
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    language: text('language').notNull(),
    currentVersion: integer('current_version').notNull(),
    archived: integer('archived', { mode: 'boolean' }).notNull().default(false),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [uniqueIndex('exercises_slug').on(t.slug)],
);

/** Every saved version of an exercise, kept so that a session can point at the one it ran. */
export const exerciseVersions = sqliteTable(
  'exercise_versions',
  {
    exerciseId: text('exercise_id')
      .notNull()
      .references(() => exercises.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    /** The whole exercise definition, as JSON; validated against ExerciseContent before it is written. */
    content: text('content', { mode: 'json' }).$type<ExerciseContent>().notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.exerciseId, t.version] })],
);

export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    exerciseId: text('exercise_id').notNull(),
    exerciseVersion: integer('exercise_version').notNull(),
    candidateName: text('candidate_name'),
    candidateEmail: text('candidate_email'),
    status: text('status', { enum: ['scheduled', 'live', 'ended'] })
      .notNull()
      .default('scheduled'),
    createdAt: integer('created_at').notNull(),
    startedAt: integer('started_at'),
    deadline: integer('deadline'),
    endedAt: integer('ended_at'),
    /**
     * The log's last seq on PostgreSQL, where every append checks and moves it (the fence between
     * nodes; db:copy sets it from the log). SQLite has one writing process and leaves it at 0:
     * an UPDATE per session per commit on the hot path, read by nothing (EventStore.head reads the log).
     */
    headSeq: integer('head_seq').notNull().default(0),
    turns: integer('turns').notNull().default(0),
    inputTokens: integer('input_tokens').notNull().default(0),
    outputTokens: integer('output_tokens').notNull().default(0),
    costMicroUsd: integer('cost_micro_usd').notNull().default(0),
    /** When the session is planned to take place (informational; invites are valid from creation). */
    scheduledFor: integer('scheduled_for'),
    /** When the last assigned reviewer submitted (null until all did); with status `ended` it makes the session "reviewed". */
    reviewedAt: integer('reviewed_at'),
    /** Mean of every rubric level given so far (all scorers), for the review queue's filters. */
    scoreMean: real('score_mean'),
  },
  (t) => [index('sessions_status').on(t.status, t.createdAt), index('sessions_ended').on(t.endedAt)],
);

export const invites = sqliteTable(
  'invites',
  {
    id: text('id').primaryKey(),
    sessionId: text('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['candidate', 'interviewer', 'reviewer'] }).notNull(),
    /** SHA-256 of the token, hex; the token itself is never stored. */
    tokenHash: text('token_hash').notNull(),
    name: text('name'),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    revokedAt: integer('revoked_at'),
    /**
     * The staff account this invite was scheduled for, if any: the account then opens the
     * session by signing in, and the invite stops working when the account is deactivated.
     * Not a foreign key: accounts are never deleted, only deactivated.
     */
    accountId: text('account_id'),
    /**
     * The person this invite is for, as the session's events name them: null for the invite's
     * own id. A re-sent invite (a new link for the same person) keeps the participant id of the
     * one it replaces, so their notes, scores and review stay theirs.
     */
    participantId: text('participant_id'),
    /** The invite that replaced this one when it was re-sent (this one is then revoked). */
    replacedBy: text('replaced_by'),
  },
  (t) => [
    uniqueIndex('invites_token_hash').on(t.tokenHash),
    index('invites_session').on(t.sessionId),
    index('invites_account').on(t.accountId),
  ],
);

export const events = sqliteTable(
  'events',
  {
    sessionId: text('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    at: integer('at').notNull(),
    type: text('type').$type<EventType>().notNull(),
    actor: text('actor', { mode: 'json' }).$type<Actor>().notNull(),
    data: text('data', { mode: 'json' }).$type<SessionEvent['data']>().notNull(),
    /**
     * The event's number in the candidate's view: 1, 2, 3… over the events everyone may see;
     * null for staff-only events. The candidate is only ever shown this one, so the gaps that
     * staff activity leaves in `seq` never reach them (docs/protocol.md, "Sequence numbers").
     */
    candidateSeq: integer('candidate_seq'),
  },
  // The primary key is the only index: a second one (on candidate_seq) doubled an append's cost
  // (docs/benchmarks.md, row 5), and the candidate's numbers are found from `seq` (EventStore).
  (t) => [primaryKey({ columns: [t.sessionId, t.seq] })],
);

export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: integer('updated_at')
    .notNull()
    .default(sql`(unixepoch() * 1000)`),
});

/**
 * Admin actions, newest last. Entries name sessions and exercises by id only: no candidate
 * name or email, so that erasing a candidate leaves nothing about them here.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at').notNull(),
    /** `admin` (the bootstrap admin token), `account` (a signed-in account or its API token), or `system`. */
    actor: text('actor').notNull(),
    /** The account that acted, and its name then; null for the admin token and the system. */
    actorAccountId: text('actor_account_id'),
    actorName: text('actor_name'),
    /** How the account was signed in: `sign_in` (a browser) or `api_token`. */
    actorVia: text('actor_via'),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    details: text('details', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  },
  (t) => [index('audit_log_at').on(t.at)],
);

/**
 * Signed-in admin browsers. The admin cookie holds a random id; the row is keyed by a hash of
 * that id and the admin token, so signing out deletes it and changing the token signs every
 * admin out (no row matches any more). Neither the id nor the token is stored.
 */
export const adminSessions = sqliteTable(
  'admin_sessions',
  {
    keyHash: text('key_hash').primaryKey(),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [index('admin_sessions_expires').on(t.expiresAt)],
);

/**
 * Staff accounts (admins, interviewers, reviewers). Never deleted: a deactivated account keeps
 * its id and name, so the notes and scores it wrote stay attributed. `email` is stored
 * lowercased. `passwordHash` is null for accounts that sign in through the identity provider.
 */
export const accounts = sqliteTable(
  'accounts',
  {
    id: text('id').primaryKey(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    /** A JSON array of `admin` | `interviewer` | `reviewer`; empty until an admin grants one. */
    roles: text('roles', { mode: 'json' }).$type<AccountRoleName[]>().notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    /** `scrypt$N$r$p$salt$hash` (server/auth/passwords.ts). */
    passwordHash: text('password_hash'),
    /** The identity provider's `iss` and `sub`, once the account has signed in through it. */
    oidcIssuer: text('oidc_issuer'),
    oidcSubject: text('oidc_subject'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [uniqueIndex('accounts_email').on(t.email), uniqueIndex('accounts_oidc').on(t.oidcIssuer, t.oidcSubject)],
);

/**
 * Signed-in browsers of accounts: server-side records, keyed by the SHA-256 of the random id
 * the cookie carries (the id itself is not stored). Sign-out deletes the row; deactivation
 * deletes all of an account's rows.
 */
export const accountSessions = sqliteTable(
  'account_sessions',
  {
    keyHash: text('key_hash').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    /** How it was opened: `password`, `oidc` or `setup` (the first admin). */
    method: text('method').notNull(),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [index('account_sessions_account').on(t.accountId), index('account_sessions_expires').on(t.expiresAt)],
);

/** Personal API tokens of accounts, stored as SHA-256 hashes; shown once when created. */
export const apiTokens = sqliteTable(
  'api_tokens',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    label: text('label').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: integer('created_at').notNull(),
    lastUsedAt: integer('last_used_at'),
    revokedAt: integer('revoked_at'),
  },
  (t) => [uniqueIndex('api_tokens_hash').on(t.tokenHash), index('api_tokens_account').on(t.accountId)],
);

/**
 * Outbound webhook endpoints the admin registered. The secret is kept as given: every delivery
 * is signed with it (HMAC), so it cannot be a hash; the API never shows it again.
 */
export const webhooks = sqliteTable('webhooks', {
  id: text('id').primaryKey(),
  url: text('url').notNull(),
  secret: text('secret').notNull(),
  /** The event types it receives (shared/api/webhooks.ts WEBHOOK_EVENTS). */
  events: text('events', { mode: 'json' }).$type<string[]>().notNull(),
  createdAt: integer('created_at').notNull(),
});

/**
 * The outbox: one row per message to send (a webhook event for one endpoint, or a Greenhouse
 * "test completed" PATCH), written in the transaction that made it true, so a committed event
 * is never without its deliveries and a rolled-back one never has any. `seq` orders them:
 * per endpoint and session, one is sent only once every earlier one is settled.
 */
export const outboundDeliveries = sqliteTable(
  'outbound_deliveries',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    id: text('id').notNull(),
    kind: text('kind', { enum: ['webhook', 'greenhouse'] }).notNull(),
    /** The webhook's id, or the Greenhouse interview's. */
    endpointId: text('endpoint_id').notNull(),
    sessionId: text('session_id').notNull(),
    eventId: text('event_id').notNull(),
    eventType: text('event_type').notNull(),
    /** The exact bytes sent (signed as they are); empty for a Greenhouse PATCH. Ids and links only. */
    body: text('body').notNull(),
    status: text('status', { enum: ['pending', 'delivered', 'failed'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    createdAt: integer('created_at').notNull(),
    nextAttemptAt: integer('next_attempt_at').notNull(),
    settledAt: integer('settled_at'),
  },
  (t) => [
    uniqueIndex('outbound_deliveries_id').on(t.id),
    index('outbound_deliveries_due').on(t.status, t.nextAttemptAt),
    index('outbound_deliveries_endpoint').on(t.kind, t.endpointId, t.seq),
  ],
);

/** Each try of a delivery. An attempt id is sent at most once: it is written before the request leaves. */
export const outboundAttempts = sqliteTable(
  'outbound_attempts',
  {
    id: text('id').primaryKey(),
    deliveryId: text('delivery_id')
      .notNull()
      .references(() => outboundDeliveries.id, { onDelete: 'cascade' }),
    startedAt: integer('started_at').notNull(),
    finishedAt: integer('finished_at'),
    outcome: text('outcome', {
      enum: ['sending', 'delivered', 'http_error', 'timeout', 'network_error', 'refused', 'interrupted'],
    }).notNull(),
    statusCode: integer('status_code'),
    error: text('error'),
  },
  (t) => [index('outbound_attempts_delivery').on(t.deliveryId, t.startedAt)],
);

/** API keys Atelier issued to Greenhouse (HTTP Basic username); only their hash is kept. */
export const greenhouseKeys = sqliteTable(
  'greenhouse_keys',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    keyHash: text('key_hash').notNull(),
    createdAt: integer('created_at').notNull(),
    revokedAt: integer('revoked_at'),
    lastUsedAt: integer('last_used_at'),
  },
  (t) => [uniqueIndex('greenhouse_keys_hash').on(t.keyHash)],
);

/** A test Greenhouse sent (send_test): its session, and the URL to PATCH when it is complete. */
export const greenhouseInterviews = sqliteTable(
  'greenhouse_interviews',
  {
    id: text('id').primaryKey(),
    sessionId: text('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    keyId: text('key_id').notNull(),
    partnerTestId: text('partner_test_id').notNull(),
    url: text('url').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('greenhouse_interviews_session').on(t.sessionId)],
);

/** Errors Greenhouse reported about our answers (response_error); no candidate email is kept. */
export const greenhouseErrors = sqliteTable('greenhouse_errors', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  at: integer('at').notNull(),
  keyId: text('key_id').notNull(),
  apiCall: text('api_call').notNull(),
  errors: text('errors', { mode: 'json' }).$type<string[]>().notNull(),
  partnerTestId: text('partner_test_id'),
  partnerInterviewId: text('partner_interview_id'),
});

/** Report links readable without an account (Greenhouse's partner_profile_url): signed, expiring, revocable. */
export const reportLinks = sqliteTable(
  'report_links',
  {
    id: text('id').primaryKey(),
    sessionId: text('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    revokedAt: integer('revoked_at'),
  },
  (t) => [index('report_links_session').on(t.sessionId)],
);
