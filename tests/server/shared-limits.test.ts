import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server';

// Rate limits shared between nodes through Redis (REDIS_URL, the real Redis of the test
// machine): one address spreading its requests over two nodes gets the limit once, not twice.
// Without Redis each node counts alone.

const REDIS_URL = process.env.ATELIER_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
let servers: TestServer[] = [];
let prefix = '';

afterEach(async () => {
  for (const s of servers) await s.close();
  servers = [];
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

async function twoNodes(redisUrl: string | undefined): Promise<[TestServer, TestServer]> {
  prefix = `atelier-test-${randomBytes(4).toString('hex')}:`;
  const config = { redisUrl, redisPrefix: prefix, rateLimits: { requestsPerMinute: 5 } };
  servers = [await startTestServer({ config }), await startTestServer({ config })];
  return servers as [TestServer, TestServer];
}

async function statuses(server: TestServer, count: number): Promise<number[]> {
  const result: number[] = [];
  for (let i = 0; i < count; i++)
    result.push((await fetch(`${server.url}/api/exercises`, { headers: { authorization: `Bearer ${server.adminToken}` } })).status);
  return result;
}

describe('rate limits across nodes', () => {
  it('counts an address once across nodes when REDIS_URL is set', async () => {
    const [a, b] = await twoNodes(REDIS_URL);
    expect(await statuses(a, 3)).toEqual([200, 200, 200]);
    expect(await statuses(b, 3)).toEqual([200, 200, 429]);
    expect(await statuses(a, 1)).toEqual([429]);
  });

  it('counts per node without Redis', async () => {
    const [a, b] = await twoNodes(undefined);
    expect(await statuses(a, 3)).toEqual([200, 200, 200]);
    expect(await statuses(b, 3)).toEqual([200, 200, 200]);
  });
});

describe('the sign-in guard across nodes', () => {
  async function guardedNodes(redisUrl: string | undefined): Promise<[TestServer, TestServer]> {
    prefix = `atelier-test-${randomBytes(4).toString('hex')}:`;
    const config = { redisUrl, redisPrefix: prefix, limits: { maxConcurrentTurns: 4, turnsPerMinute: 30, failedJoinsPerMinute: 3 } };
    servers = [await startTestServer({ config }), await startTestServer({ config })];
    return servers as [TestServer, TestServer];
  }
  const guess = (server: TestServer) =>
    fetch(`${server.url}/api/sessions`, { headers: { authorization: 'Bearer not-the-admin-token' } }).then((r) => r.status);
  const admin = (server: TestServer) =>
    fetch(`${server.url}/api/sessions`, { headers: { authorization: `Bearer ${server.adminToken}` } }).then((r) => r.status);

  it('refuses an address on every node once its failures on all of them reach the limit', async () => {
    const [a, b] = await guardedNodes(REDIS_URL);
    expect([await guess(a), await guess(a), await guess(b)]).toEqual([401, 401, 401]);
    // Three failures in all, two of them elsewhere: B refuses even the right token now, and so does A.
    await expect.poll(() => admin(b)).toBe(429);
    expect(await admin(a)).toBe(429);
  });

  it('counts per node without Redis', async () => {
    const [a, b] = await guardedNodes(undefined);
    expect([await guess(a), await guess(a), await guess(b)]).toEqual([401, 401, 401]);
    expect(await admin(b)).toBe(200);
  });
});
