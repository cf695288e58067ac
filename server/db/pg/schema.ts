import { sql } from 'drizzle-orm';
import { bigint, boolean, bigserial, doublePrecision, index, integer, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import type { EventType } from '../../../shared/events';

// The PostgreSQL twin of ../schema.ts: the same tables and columns (tests/server/db/schema-drift
// fails when they differ), with PostgreSQL's types. Times are ms since the epoch (bigint, read
// back as numbers). JSON stays `text`: the log's rows are forwarded as recorded, and readers
// rely on the key order they were written with (jsonb would reorder them). Drizzle-kit generates
// migrations-pg/ from this file (drizzle.pg.config.ts).

const ms = (name: string) => bigint(name, { mode: 'number' });

export const exercises = pgTable(
  'exercises',
  {
    id: text('id').primaryKey(),
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    language: text('language').notNull(),
    currentVersion: integer('current_version').notNull(),
    archived: boolean('archived').notNull().default(false),
    createdAt: ms('created_at').notNull(),
    updatedAt: ms('updated_at').notNull(),
  },
  (t) => [uniqueIndex('exercises_slug').on(t.slug)],
);

export const exerciseVersions = pgTable(
  'exercise_versions',
  {
    exerciseId: text('exercise_id')
      .notNull()
      .references(() => exercises.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    content: text('content').notNull(),
    createdAt: ms('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.exerciseId, t.version] })],
);

export const sessions = pgTable(
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
    createdAt: ms('created_at').notNull(),
    startedAt: ms('started_at'),
    deadline: ms('deadline'),
    endedAt: ms('ended_at'),
    /** The log's last seq; every append checks and moves it in its transaction (no gap, no overlap). */
    headSeq: integer('head_seq').notNull().default(0),
    turns: integer('turns').notNull().default(0),
    inputTokens: bigint('input_tokens', { mode: 'number' }).notNull().default(0),
    outputTokens: bigint('output_tokens', { mode: 'number' }).notNull().default(0),
    costMicroUsd: bigint('cost_micro_usd', { mode: 'number' }).notNull().default(0),
    scheduledFor: ms('scheduled_for'),
    reviewedAt: ms('reviewed_at'),
    scoreMean: doublePrecision('score_mean'),
  },
  (t) => [index('sessions_status').on(t.status, t.createdAt), index('sessions_ended').on(t.endedAt)],
);

export const invites = pgTable(
  'invites',
  {
    id: text('id').primaryKey(),
    sessionId: text('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['candidate', 'interviewer', 'reviewer'] }).notNull(),
    tokenHash: text('token_hash').notNull(),
    name: text('name'),
    createdAt: ms('created_at').notNull(),
    expiresAt: ms('expires_at').notNull(),
    revokedAt: ms('revoked_at'),
    accountId: text('account_id'),
    participantId: text('participant_id'),
    replacedBy: text('replaced_by'),
  },
  (t) => [
    uniqueIndex('invites_token_hash').on(t.tokenHash),
    index('invites_session').on(t.sessionId),
    index('invites_account').on(t.accountId),
  ],
);

export const events = pgTable(
  'events',
  {
    sessionId: text('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    at: ms('at').notNull(),
    type: text('type').$type<EventType>().notNull(),
    actor: text('actor').notNull(),
    data: text('data').notNull(),
    candidateSeq: integer('candidate_seq'),
  },
  // The primary key is the only index: a second one (on candidate_seq) doubled an append's cost
  // (docs/benchmarks.md, row 5), and the candidate's numbers are found from `seq` (EventStore).
  (t) => [primaryKey({ columns: [t.sessionId, t.seq] })],
);

export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: ms('updated_at')
    .notNull()
    .default(sql`(extract(epoch from now()) * 1000)::bigint`),
});

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: ms('at').notNull(),
    actor: text('actor').notNull(),
    actorAccountId: text('actor_account_id'),
    actorName: text('actor_name'),
    actorVia: text('actor_via'),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    details: text('details').notNull(),
  },
  (t) => [index('audit_log_at').on(t.at)],
);

export const adminSessions = pgTable(
  'admin_sessions',
  {
    keyHash: text('key_hash').primaryKey(),
    createdAt: ms('created_at').notNull(),
    expiresAt: ms('expires_at').notNull(),
  },
  (t) => [index('admin_sessions_expires').on(t.expiresAt)],
);

/**
 * PostgreSQL only (one SQLite file has one writer by construction): which node may append to a
 * session. `token` grows by one at every takeover; an append commits only while the row still
 * holds the token its node took (checked under a row lock in the append's transaction), so a
 * node that paused past its lease can never write after another took over.
 */
export const sessionLeases = pgTable('session_leases', {
  sessionId: text('session_id')
    .primaryKey()
    .references(() => sessions.id, { onDelete: 'cascade' }),
  nodeId: text('node_id').notNull(),
  token: bigint('token', { mode: 'number' }).notNull(),
  /** By the database's clock, so that nodes' clocks need not agree. */
  expiresAt: ms('expires_at').notNull(),
});

export const accounts = pgTable(
  'accounts',
  {
    id: text('id').primaryKey(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    /** A JSON array of roles, as on SQLite. */
    roles: text('roles').notNull(),
    active: boolean('active').notNull().default(true),
    passwordHash: text('password_hash'),
    oidcIssuer: text('oidc_issuer'),
    oidcSubject: text('oidc_subject'),
    createdAt: ms('created_at').notNull(),
    updatedAt: ms('updated_at').notNull(),
  },
  (t) => [uniqueIndex('accounts_email').on(t.email), uniqueIndex('accounts_oidc').on(t.oidcIssuer, t.oidcSubject)],
);

export const accountSessions = pgTable(
  'account_sessions',
  {
    keyHash: text('key_hash').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    method: text('method').notNull(),
    createdAt: ms('created_at').notNull(),
    expiresAt: ms('expires_at').notNull(),
  },
  (t) => [index('account_sessions_account').on(t.accountId), index('account_sessions_expires').on(t.expiresAt)],
);

export const apiTokens = pgTable(
  'api_tokens',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    label: text('label').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: ms('created_at').notNull(),
    lastUsedAt: ms('last_used_at'),
    revokedAt: ms('revoked_at'),
  },
  (t) => [uniqueIndex('api_tokens_hash').on(t.tokenHash), index('api_tokens_account').on(t.accountId)],
);

// Integrations (issue 19): see ../schema.ts for what each table holds.

export const webhooks = pgTable('webhooks', {
  id: text('id').primaryKey(),
  url: text('url').notNull(),
  secret: text('secret').notNull(),
  events: text('events').notNull(),
  createdAt: ms('created_at').notNull(),
});

export const outboundDeliveries = pgTable(
  'outbound_deliveries',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    // A unique constraint rather than an index (as on SQLite): PostgreSQL wants one for the
    // attempts' foreign key, and drizzle-kit creates foreign keys before indexes.
    id: text('id').notNull().unique('outbound_deliveries_id'),
    kind: text('kind', { enum: ['webhook', 'greenhouse'] }).notNull(),
    endpointId: text('endpoint_id').notNull(),
    sessionId: text('session_id').notNull(),
    eventId: text('event_id').notNull(),
    eventType: text('event_type').notNull(),
    body: text('body').notNull(),
    status: text('status', { enum: ['pending', 'delivered', 'failed'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    createdAt: ms('created_at').notNull(),
    nextAttemptAt: ms('next_attempt_at').notNull(),
    settledAt: ms('settled_at'),
  },
  (t) => [
    index('outbound_deliveries_due').on(t.status, t.nextAttemptAt),
    index('outbound_deliveries_endpoint').on(t.kind, t.endpointId, t.seq),
  ],
);

export const outboundAttempts = pgTable(
  'outbound_attempts',
  {
    id: text('id').primaryKey(),
    deliveryId: text('delivery_id')
      .notNull()
      .references(() => outboundDeliveries.id, { onDelete: 'cascade' }),
    startedAt: ms('started_at').notNull(),
    finishedAt: ms('finished_at'),
    outcome: text('outcome', {
      enum: ['sending', 'delivered', 'http_error', 'timeout', 'network_error', 'refused', 'interrupted'],
    }).notNull(),
    statusCode: integer('status_code'),
    error: text('error'),
  },
  (t) => [index('outbound_attempts_delivery').on(t.deliveryId, t.startedAt)],
);

export const greenhouseKeys = pgTable(
  'greenhouse_keys',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    keyHash: text('key_hash').notNull(),
    createdAt: ms('created_at').notNull(),
    revokedAt: ms('revoked_at'),
    lastUsedAt: ms('last_used_at'),
  },
  (t) => [uniqueIndex('greenhouse_keys_hash').on(t.keyHash)],
);

export const greenhouseInterviews = pgTable(
  'greenhouse_interviews',
  {
    id: text('id').primaryKey(),
    sessionId: text('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    keyId: text('key_id').notNull(),
    partnerTestId: text('partner_test_id').notNull(),
    url: text('url').notNull(),
    createdAt: ms('created_at').notNull(),
  },
  (t) => [uniqueIndex('greenhouse_interviews_session').on(t.sessionId)],
);

export const greenhouseErrors = pgTable('greenhouse_errors', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  at: ms('at').notNull(),
  keyId: text('key_id').notNull(),
  apiCall: text('api_call').notNull(),
  errors: text('errors').notNull(),
  partnerTestId: text('partner_test_id'),
  partnerInterviewId: text('partner_interview_id'),
});

export const reportLinks = pgTable(
  'report_links',
  {
    id: text('id').primaryKey(),
    sessionId: text('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    createdAt: ms('created_at').notNull(),
    expiresAt: ms('expires_at').notNull(),
    revokedAt: ms('revoked_at'),
  },
  (t) => [index('report_links_session').on(t.sessionId)],
);
