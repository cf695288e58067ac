import { defineConfig } from 'vitest/config';
import base from './vitest.config';

// The server suite again, on PostgreSQL (`npm run test:pg`, part of `npm test`): the same tests,
// each test server on a fresh database (tests/helpers/test-database.ts). Left out: the tests
// that read or break SQLite itself (its file and WAL bytes, triggers, a copied file), and those
// that run on PostgreSQL in both runs anyway (tests/server/db: session-leases, pg-storage,
// db-copy, pg-outbox-claim), the tests that touch no storage (llm/, checks/), and three slow ones whose subject
// is not storage (the judge's grading, the sign-in guard's clock, the event-loop-lag property),
// to keep `npm test` within a few minutes more.
export const NOT_ON_POSTGRES = [
  // no storage at all: the providers and the simulator, the checks' worker
  'tests/server/llm/**',
  'tests/server/checks/**',
  // the live relay over Redis alone
  'tests/server/live/relay.test.ts',
  'tests/server/grading/judge.test.ts',
  'tests/server/sign-in-guard.test.ts',
  'tests/server/hostile-candidate.test.ts',
];

export const SQLITE_ONLY = [
  'tests/server/bulkheads.test.ts',
  'tests/server/http-api.test.ts',
  'tests/server/providers-through-atelier.test.ts',
  'tests/server/session-lifecycle.test.ts',
  'tests/server/sessions/create-session.test.ts',
  'tests/server/api-privacy.test.ts',
  'tests/server/wal-checkpointer.test.ts',
  'tests/server/db/**',
  // reads the account_sessions rows from the SQLite file (raw-sqlite) to prove what is stored
  'tests/server/accounts/password-sign-in.test.ts',
  // on PostgreSQL (and Redis) in the first run already: three node processes each
  'tests/server/failover.test.ts',
  'tests/server/shared-live-limits.test.ts',
  'tests/server/accounts/shared-sign-in.test.ts',
  'tests/server/fanout.test.ts',
  'tests/server/fanout-limits.test.ts',
];

// Not mergeConfig: it would add the base's include (every test) to this one.
export default defineConfig({
  test: {
    ...base.test,
    include: ['tests/server/**/*.test.ts'],
    exclude: [...SQLITE_ONLY, ...NOT_ON_POSTGRES, 'node_modules/**'],
    env: { ATELIER_TEST_DB: 'postgres' },
  },
});
