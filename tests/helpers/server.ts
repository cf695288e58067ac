import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppOptions } from '../../server/app';
import { loadConfig, type AppConfig } from '../../server/config';
import type { CreatedSession } from '../../server/sessions/create-session';
import { testDatabaseForServer, type TestDatabase } from './test-database';

export interface TestServer {
  url: string;
  wsUrl: string;
  adminToken: string;
  app: FastifyInstance;
  dataDir: string;
  /** Creates a session through the API, as an integration would. */
  createSession(body?: { exercise?: string; candidateName?: string }): Promise<CreatedSession>;
  /** Stops the server; the data directory is kept until `cleanup`. */
  stop(): Promise<void>;
  /** Starts a new server on the same data directory (a restart). */
  restart(): Promise<TestServer>;
  close(): Promise<void>;
}

export interface TestServerOptions extends Partial<Omit<AppOptions, 'config'>> {
  /** `rateLimits` is merged into the generous test defaults; every other setting replaces its default. */
  config?: Partial<Omit<AppConfig, 'rateLimits'>> & { rateLimits?: Partial<AppConfig['rateLimits']> };
  dataDir?: string;
  /** The PostgreSQL database of a restarted server (ATELIER_TEST_DB=postgres). */
  testDatabase?: TestDatabase;
}

/** Tests make many requests and frames from one address and one invite; the limits have their own tests. */
const GENEROUS_RATES: AppConfig['rateLimits'] = {
  requestsPerMinute: 1_000_000,
  signInsPerMinute: 1_000_000,
  framesPerMinute: 1_000_000,
  frameCharsPerMinute: 1_000_000_000,
  handshakesPerMinute: 1_000_000,
};

/** The real app on 127.0.0.1, a free port and a temp SQLite file; the simulator streams instantly unless told otherwise. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'atelier-test-'));
  const base = loadConfig({ ATELIER_DATA_DIR: dataDir });
  // On PostgreSQL, a database per test server, kept across its restarts like the data directory.
  const testDatabase = options.config?.databaseUrl ? undefined : (options.testDatabase ?? (await testDatabaseForServer()));
  const config: AppConfig = {
    ...base,
    port: 0,
    host: '127.0.0.1',
    simulator: { paceMs: 0, firstTokenMs: 0 },
    coalescing: { intervalMs: 0, maxChars: 2048 },
    fetchModelLists: false,
    // Many tests fail authentication on purpose; the guard has its own test.
    limits: { ...base.limits, failedJoinsPerMinute: 10_000 },
    ...(testDatabase ? { databaseUrl: testDatabase.url, nodeId: `test-node-${dataDir}` } : {}),
    ...options.config,
    rateLimits: { ...GENEROUS_RATES, ...options.config?.rateLimits },
  };
  const adminToken = options.adminToken ?? 'test-admin-token-0123456789';
  const app = await buildApp({
    env: {},
    logger: false,
    cookieSecret: 'test-cookie-secret-0123456789abcdef',
    ...options,
    config,
    adminToken,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  const url = `http://127.0.0.1:${address.port}`;
  // The port is known only now; invite links and the Origin check read the same config object.
  app.services.config.publicUrl = url;
  let stopped = false;
  const server: TestServer = {
    url,
    wsUrl: url.replace('http', 'ws'),
    adminToken,
    app,
    dataDir,
    async createSession(body = {}) {
      const response = await fetch(`${url}/api/sessions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (response.status !== 201) throw new Error(`createSession: ${response.status} ${await response.text()}`);
      return (await response.json()) as CreatedSession;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await app.close();
    },
    async restart() {
      await server.stop();
      return startTestServer({ ...options, dataDir, adminToken, testDatabase });
    },
    async close() {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
      await testDatabase?.drop();
    },
  };
  return server;
}
