import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config';

// The server suite again, on PostgreSQL (`npm run test:pg`, part of `npm test`): the same tests,
// each test server on a fresh database (tests/helpers/test-database.ts). Left out: the tests
// that read or break SQLite itself (its file and WAL bytes, triggers, a copied file), and those
// that run on PostgreSQL in both runs anyway (session-leases).
export const SQLITE_ONLY = [
  'tests/server/bulkheads.test.ts',
  'tests/server/http-api.test.ts',
  'tests/server/providers-through-atelier.test.ts',
  'tests/server/session-lifecycle.test.ts',
  'tests/server/sessions/create-session.test.ts',
  'tests/server/api-privacy.test.ts',
  'tests/server/wal-checkpointer.test.ts',
  'tests/server/db/**',
];

export default mergeConfig(
  base,
  defineConfig({
    test: {
      include: ['tests/server/**/*.test.ts'],
      exclude: [...SQLITE_ONLY, 'node_modules/**'],
      env: { ATELIER_TEST_DB: 'postgres' },
    },
  }),
);
