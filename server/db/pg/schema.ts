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
    status: text('status', { enum: ['scheduled', 'live', 'ended'] }).notNull().default('scheduled'),
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
  },
  (t) => [uniqueIndex('invites_token_hash').on(t.tokenHash), index('invites_session').on(t.sessionId), index('invites_account').on(t.accountId)],
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
  (t) => [primaryKey({ columns: [t.sessionId, t.seq] }), index('events_candidate_seq').on(t.sessionId, t.candidateSeq)],
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
