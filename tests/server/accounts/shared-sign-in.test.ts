import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { browser, CLIENT, loginAtProvider, startIdentityProvider, type IdentityProvider } from '../../helpers/identity-provider';
import { startTestServer, type TestServer } from '../../helpers/server';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-database';
import { createAccount, PASSWORD } from './accounts-helpers';

// Staff sign-in state shared between nodes through Redis (REDIS_URL, the real Redis of the test
// machine), two app instances as two nodes: the account lockout counts the wrong passwords of
// both, and a single sign-on started on one node completes on the other. Without Redis each
// node keeps its own.

const REDIS_URL = process.env.ATELIER_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
let servers: TestServer[] = [];
let database: TestDatabase | undefined;
let idp: IdentityProvider | undefined;
let prefix = '';

afterEach(async () => {
  for (const s of servers) await s.close();
  servers = [];
  await database?.drop();
  database = undefined;
  await idp?.close();
  idp = undefined;
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

describe('the account lockout across nodes', () => {
  /** Two nodes on one PostgreSQL database: the account exists on both. */
  async function twoNodes(shared: boolean): Promise<[TestServer, TestServer]> {
    prefix = `atelier-test-${randomBytes(4).toString('hex')}:`;
    database = await createTestDatabase();
    const config = (i: number) => ({
      databaseUrl: database!.url,
      nodeId: `shared-sign-in-${i}-${prefix}`,
      redisUrl: shared ? REDIS_URL : undefined,
      redisPrefix: prefix,
    });
    servers = [await startTestServer({ config: config(0) }), await startTestServer({ config: config(1) })];
    await createAccount(servers[0]!, { email: 'iris@example.com', name: 'Iris', roles: [] });
    return servers as [TestServer, TestServer];
  }
  const attempt = (node: TestServer, password: string, email = 'iris@example.com') =>
    fetch(`${node.url}/api/auth/password`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    }).then((r) => r.status);

  it('locks the account on every node after 5 wrong passwords spread over two nodes when REDIS_URL is set', async () => {
    const [a, b] = await twoNodes(true);
    for (let i = 0; i < 3; i++) expect(await attempt(a, `wrong ${i}`)).toBe(401);
    for (let i = 3; i < 5; i++) expect(await attempt(b, `wrong ${i}`)).toBe(401);
    // Neither node saw 5 failures itself; together they did. The email as typed in another case is the same account.
    expect(await attempt(a, PASSWORD)).toBe(429);
    expect(await attempt(b, PASSWORD, 'IRIS@example.com')).toBe(429);
    // Another account is untouched.
    await createAccount(a, { email: 'rita@example.com', name: 'Rita', roles: [] });
    expect(await attempt(b, PASSWORD, 'rita@example.com')).toBe(200);
    // Redis holds no email in clear.
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}*`);
    await redis.quit();
    expect(keys.some((k) => k.includes('lockout:'))).toBe(true);
    expect(keys.some((k) => k.includes('iris'))).toBe(false);
  }, 60_000);

  it("still locks on the node's own count when Redis does not answer", async () => {
    prefix = `atelier-test-${randomBytes(4).toString('hex')}:`;
    // Nothing listens on port 1: every Redis command fails.
    servers = [await startTestServer({ config: { redisUrl: 'redis://127.0.0.1:1', redisPrefix: prefix } })];
    const [a] = servers as [TestServer];
    await createAccount(a, { email: 'iris@example.com', name: 'Iris', roles: [] });
    expect(await attempt(a, PASSWORD)).toBe(200);
    for (let i = 0; i < 5; i++) expect(await attempt(a, `wrong ${i}`)).toBe(401);
    expect(await attempt(a, PASSWORD)).toBe(429);
  }, 60_000);

  it('counts per node without Redis', async () => {
    const [a, b] = await twoNodes(false);
    for (let i = 0; i < 3; i++) expect(await attempt(a, `wrong ${i}`)).toBe(401);
    for (let i = 3; i < 5; i++) expect(await attempt(b, `wrong ${i}`)).toBe(401);
    expect(await attempt(b, PASSWORD)).toBe(200);
  }, 60_000);
});

describe('single sign-on across nodes', () => {
  /** Two nodes behind one public address (A's): the identity provider knows one redirect URI. */
  async function twoNodes(shared: boolean): Promise<[TestServer, TestServer]> {
    prefix = `atelier-test-${randomBytes(4).toString('hex')}:`;
    idp = await startIdentityProvider({ iris: { email: 'iris@example.com', email_verified: true, name: 'Iris SSO' } });
    const oidc = { issuer: idp.issuer, clientId: CLIENT.id, clientSecret: CLIENT.secret, allowedDomains: [], roleClaim: null };
    const config = { oidc, redisUrl: shared ? REDIS_URL : undefined, redisPrefix: prefix };
    servers = [await startTestServer({ config }), await startTestServer({ config })];
    const [a, b] = servers as [TestServer, TestServer];
    b.app.services.config.publicUrl = a.url;
    idp.register(`${a.url}/api/auth/oidc/callback`);
    return [a, b];
  }

  /** Starts on A, logs in at the provider, and lands the callback (and the state cookie) on B. */
  async function callbackOnB(a: TestServer, b: TestServer): Promise<{ landed: Response; replay: () => Promise<Response> }> {
    const br = browser();
    const start = await br.request(`${a.url}/api/auth/oidc/login`);
    const callback = await loginAtProvider(br, start.headers.get('location')!, 'iris', a.url);
    br.setCookie(b.url, 'atelier_oidc', br.cookie(a.url, 'atelier_oidc')!);
    return { landed: await br.request(callback.replace(a.url, b.url)), replay: () => br.request(callback) };
  }

  it('completes on another node than the one it started on when REDIS_URL is set, once', async () => {
    const [a, b] = await twoNodes(true);
    const { landed, replay } = await callbackOnB(a, b);
    expect(landed.status).toBe(302);
    expect(landed.headers.get('location')).toBe('/me');
    expect(landed.headers.getSetCookie().some((c) => c.startsWith('atelier_account='))).toBe(true);
    // The same callback replayed on the node it started on finds nothing: taken once, everywhere.
    expect((await replay()).status).toBe(401);
  }, 60_000);

  it('fails on the other node without Redis (the login is pending on the first only)', async () => {
    const [a, b] = await twoNodes(false);
    expect((await callbackOnB(a, b)).landed.status).toBe(401);
  }, 60_000);
});
