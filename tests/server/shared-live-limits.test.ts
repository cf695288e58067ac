import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { LIMITS } from '../../shared/limits';
import { CLOSE_CODES } from '../../shared/protocol';
import { SharedParticipantLimits } from '../../server/live/shared-participant-limits';
import { connectLive, handshakeStatus, type LiveClient } from '../helpers/live-client';
import { startTestServer, type TestServer } from '../helpers/server';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

// The live channel's participant budgets across nodes (REDIS_URL, the real Redis of the test
// machine): two app instances on one PostgreSQL database, as two nodes behind a balancer. A
// candidate spreading its sockets over both has one cap on open sockets and one handshake
// budget; without Redis each node counts alone.

const REDIS_URL = process.env.ATELIER_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
let servers: TestServer[] = [];
let database: TestDatabase | undefined;
const open: LiveClient[] = [];
const redisClients: Redis[] = [];
let prefix = '';

afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
  for (const s of servers) await s.close();
  servers = [];
  await database?.drop();
  database = undefined;
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
  for (const client of redisClients.splice(0)) await client.quit();
});

async function twoNodes(shared: boolean, rateLimits: { handshakesPerMinute?: number } = {}): Promise<[TestServer, TestServer]> {
  prefix = `atelier-test-${randomBytes(4).toString('hex')}:`;
  database = await createTestDatabase();
  const config = (i: number) => ({
    databaseUrl: database!.url,
    nodeId: `shared-live-${i}-${prefix}`,
    redisUrl: shared ? REDIS_URL : undefined,
    redisPrefix: prefix,
    rateLimits,
  });
  servers = [await startTestServer({ config: config(0) }), await startTestServer({ config: config(1) })];
  return servers as [TestServer, TestServer];
}

async function socket(node: TestServer, sessionId: string, token: string): Promise<LiveClient> {
  const client = await connectLive(node.wsUrl, sessionId, { token });
  open.push(client);
  return client;
}

/** Whether a socket is closed for holding too many, within a moment of opening. */
async function refusedAsTooMany(client: LiveClient): Promise<boolean> {
  const outcome = await Promise.race([client.closed, new Promise((resolve) => setTimeout(() => resolve(null), 1_000))]);
  return (outcome as { code: number } | null)?.code === CLOSE_CODES.tooManySockets.code;
}

describe('open sockets per participant across nodes', () => {
  it('gives a candidate one cap over both nodes when REDIS_URL is set, and frees a slot when a socket closes', async () => {
    const [a, b] = await twoNodes(true);
    const session = await a.createSession();
    const token = session.invites.candidate.token;
    const onA: LiveClient[] = [];
    for (let i = 0; i < LIMITS.socketsPerParticipant - 1; i++) {
      const client = await socket(a, session.id, token);
      await client.hello();
      onA.push(client);
    }
    // The fifth socket, on the other node, is within the cap.
    const fifth = await socket(b, session.id, token);
    expect(await refusedAsTooMany(fifth)).toBe(false);
    // The sixth is refused, on either node: the cap counts both.
    expect(await refusedAsTooMany(await socket(b, session.id, token))).toBe(true);
    expect(await refusedAsTooMany(await socket(a, session.id, token))).toBe(true);
    // A socket closed on A frees a slot that B may give.
    await onA[0]!.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await refusedAsTooMany(await socket(b, session.id, token))).toBe(false);
  }, 60_000);

  it('counts per node without Redis', async () => {
    const [a, b] = await twoNodes(false);
    const session = await a.createSession();
    const token = session.invites.candidate.token;
    for (let i = 0; i < LIMITS.socketsPerParticipant; i++) await (await socket(a, session.id, token)).hello();
    expect(await refusedAsTooMany(await socket(a, session.id, token))).toBe(true);
    expect(await refusedAsTooMany(await socket(b, session.id, token))).toBe(false);
  }, 60_000);
});

describe('handshakes per participant across nodes', () => {
  const status = (node: TestServer, sessionId: string, token: string) =>
    handshakeStatus(node.wsUrl, sessionId, { authorization: `Bearer ${token}` });

  it('refuses the handshake past the budget whichever node it reaches when REDIS_URL is set', async () => {
    const [a, b] = await twoNodes(true, { handshakesPerMinute: 3 });
    const session = await a.createSession();
    const token = session.invites.candidate.token;
    expect([await status(a, session.id, token), await status(b, session.id, token), await status(a, session.id, token)]).toEqual([
      101, 101, 101,
    ]);
    expect(await status(b, session.id, token)).toBe(429);
    // Another participant's budget is its own.
    expect(await status(b, session.id, session.invites.interviewer.token)).toBe(101);
  }, 60_000);

  it('counts per node without Redis', async () => {
    const [a, b] = await twoNodes(false, { handshakesPerMinute: 3 });
    const session = await a.createSession();
    const token = session.invites.candidate.token;
    for (let i = 0; i < 3; i++) expect(await status(a, session.id, token)).toBe(101);
    expect(await status(a, session.id, token)).toBe(429);
    expect(await status(b, session.id, token)).toBe(101);
  }, 60_000);
});

describe('frames per participant across nodes', () => {
  it('refuses the frame past the budget on the node that did not see the others', async () => {
    prefix = `atelier-test-${randomBytes(4).toString('hex')}:`;
    const rates = { framesPerMinute: 10, frameCharsPerMinute: 1_000_000, handshakesPerMinute: 30 };
    const nodes = [0, 1].map(() => {
      const client = new Redis(REDIS_URL);
      redisClients.push(client);
      return new SharedParticipantLimits(rates, { client, prefix });
    });
    const [a, b] = nodes as [SharedParticipantLimits, SharedParticipantLimits];
    const now = Date.now();
    for (let i = 0; i < 6; i++) expect(a.hitFrame('invite-1', 10, now)).toBeNull();
    await a.settled();
    // B learns of A's frames from Redis's answers to its own first ones.
    for (let i = 0; i < 2; i++) expect(b.hitFrame('invite-1', 10, now)).toBeNull();
    await b.settled();
    expect(b.hitFrame('invite-1', 10, now)).toBeNull(); // the 9th
    expect(b.hitFrame('invite-1', 10, now)).toBeNull(); // the 10th
    expect(b.hitFrame('invite-1', 10, now)).toBe('frames');
    await b.settled();
    // A has not sent since, so it still knows only its own 6: its next frame goes through (the
    // budget holds within one frame per node per round trip), and Redis's answer to it stops A too.
    expect(a.hitFrame('invite-1', 10, now)).toBeNull();
    await a.settled();
    expect(a.hitFrame('invite-1', 10, now)).toBe('frames');
    expect(Number(await redisClients[0]!.hget(`${prefix}live-frames:invite-1:${Math.floor(now / 60_000)}`, 'count'))).toBe(11);
    // Another participant is not touched.
    expect(b.hitFrame('invite-2', 10, now)).toBeNull();
    for (const node of nodes) node.close();
  });
});
