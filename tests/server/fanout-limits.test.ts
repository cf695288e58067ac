import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { CLOSE_CODES } from '../../shared/protocol';
import { connectLive, type LiveClient } from '../helpers/live-client';
import { startTestServer, type TestServer } from '../helpers/server';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

// The relay between nodes against a hostile participant and a missing Redis (PostgreSQL and
// Redis, nodes in this process). A participant's frame budget is counted where its commands
// run, on the writer, over all its sockets on all nodes; a frame over the size cap closes a
// relayed socket as it does a local one; a node that cannot reach Redis refuses the sockets it
// would have to relay with a clear, retryable close, and serves its own sessions as usual; a
// revocation or an erasure made on any node closes the sockets every node serves or relays.

const REDIS_URL = process.env.ATELIER_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
let database: TestDatabase | undefined;
let nodes: TestServer[] = [];
let prefix = '';
const clients: LiveClient[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.ws.terminate();
  for (const node of nodes) await node.close();
  nodes = [];
  await database?.drop();
  database = undefined;
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

async function startNodes(count: number, framesPerMinute = 1_000_000, redisUrls: string[] = [], leaseTtlMs = 3_000): Promise<TestServer[]> {
  database = await createTestDatabase();
  prefix = `atelier-test-${randomBytes(4).toString('hex')}:`;
  for (let i = 0; i < count; i++) {
    const config = {
      databaseUrl: database.url,
      nodeId: `relay-${i}`,
      redisUrl: redisUrls[i] ?? REDIS_URL,
      redisPrefix: prefix,
      leaseTtlMs,
    };
    nodes.push(await startTestServer({ config: { ...config, rateLimits: { framesPerMinute } } }));
  }
  return nodes;
}

async function join(node: TestServer, sessionId: string, token: string): Promise<LiveClient> {
  const client = await connectLive(node.wsUrl, sessionId, { token });
  clients.push(client);
  await client.hello();
  return client;
}

/** Sends `count` pings one after the other; the answers, in order: 'pong' or the error's code. */
async function pings(client: LiveClient, count: number): Promise<string[]> {
  const answers: string[] = [];
  for (let i = 0; i < count; i++) {
    const start = client.frames.length;
    client.sendRaw(JSON.stringify({ type: 'ping' }));
    const frame = await client.waitFor((c) => c.frames.slice(start).find((f) => f.type === 'pong' || f.type === 'error'), 10_000);
    answers.push(frame.type === 'error' ? frame.code : frame.type);
  }
  return answers;
}

describe('the relay against a hostile participant', () => {
  it("counts a participant's frames once, in the budget every node shares: two relaying nodes bring no double budget, and a relayed socket keeps the whole of it", async () => {
    const [a, b, c] = await startNodes(3, 6);
    const session = await a!.createSession({ candidateName: 'Budget' });
    await join(a!, session.id, session.invites.candidate.token);
    const onB = await join(b!, session.id, session.invites.interviewer.token);
    const onC = await join(c!, session.id, session.invites.interviewer.token);
    // Four frames through B, four through C: the budget lives in Redis and sums both relays'
    // frames, eight of one participant against six; the writer does not count them a second time.
    expect(await pings(onB, 4)).toEqual(['pong', 'pong', 'pong', 'pong']);
    expect(await pings(onC, 4)).toEqual(['pong', 'pong', 'rate_limited', 'rate_limited']);
    // Refused frames are ignored; the sockets stay usable.
    expect(onB.ws.readyState).toBe(onB.ws.OPEN);
  }, 60_000);

  it('closes a relayed socket that sends a frame over the size cap (1009), and nothing reaches the writer', async () => {
    const [a, b] = await startNodes(2);
    const session = await a!.createSession({ candidateName: 'Big frame' });
    const watcher = await join(a!, session.id, session.invites.interviewer.token);
    const relayed = await join(b!, session.id, session.invites.candidate.token);
    const before = watcher.events.length;
    relayed.sendRaw(JSON.stringify({ type: 'command', id: 'big', name: 'message.send', data: { text: 'x'.repeat(300 * 1024) } }));
    expect((await relayed.closed).code).toBe(CLOSE_CODES.frameTooLarge.code);
    // The candidate's last socket closed: the writer records it as gone, and only that.
    await watcher.waitFor((w) => w.events.slice(before).some((e) => e.type === 'participant.left'));
    expect(watcher.events.slice(before).map((e) => e.type)).toEqual(['participant.left']);
  }, 60_000);

  it('refuses sockets it would relay with 4503 on a node without Redis; its own sessions are unaffected', async () => {
    // Node B's Redis is a closed port: it cannot relay, and says so.
    const [a, b] = await startNodes(2, 1_000_000, [REDIS_URL, 'redis://127.0.0.1:1']);
    const elsewhere = await a!.createSession({ candidateName: 'Written by A' });
    await join(a!, elsewhere.id, elsewhere.invites.candidate.token);
    const refused = await connectLive(b!.wsUrl, elsewhere.id, { token: elsewhere.invites.interviewer.token });
    clients.push(refused);
    refused.sendRaw(JSON.stringify({ type: 'hello', lastSeq: 0 }));
    expect(await refused.closed).toMatchObject({ code: CLOSE_CODES.writerUnreachable.code, reason: CLOSE_CODES.writerUnreachable.reason });

    // A session nobody writes yet: B takes it and serves it itself.
    const own = await b!.createSession({ candidateName: 'Written by B' });
    const candidate = await join(b!, own.id, own.invites.candidate.token);
    expect(await candidate.command('session.start')).toMatchObject({ type: 'ack' });
  }, 60_000);

  it('answers a session-scoped REST write on a node that does not write the session with 503 session_elsewhere', async () => {
    const [a, b] = await startNodes(2);
    const session = await a!.createSession({ candidateName: 'REST' });
    await join(a!, session.id, session.invites.candidate.token);
    const put = (node: TestServer) =>
      fetch(`${node.url}/api/sessions/${session.id}/review`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${node.adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ blind: true }),
      });
    const onB = await put(b!);
    expect(onB.status).toBe(503);
    expect(await onB.json()).toMatchObject({ error: { code: 'session_elsewhere' } });
    expect((await put(a!)).status).toBe(200);
  }, 60_000);

  it('closes a relayed socket (4001) when its invite is revoked on a third node, and the writer records the departure', async () => {
    const [a, b, c] = await startNodes(3);
    const session = await a!.createSession({ candidateName: 'Revoked' });
    const candidate = await join(a!, session.id, session.invites.candidate.token);
    const interviewer = await join(b!, session.id, session.invites.interviewer.token);
    // Revoked through C, which neither writes the session nor holds the socket.
    const inviteId = session.participants.find((p) => p.role === 'interviewer')!.inviteId;
    const revoked = await fetch(`${c!.url}/api/invites/${inviteId}/revoke`, {
      method: 'POST',
      headers: { authorization: `Bearer ${c!.adminToken}` },
    });
    expect(revoked.status).toBe(200);
    expect((await interviewer.closed).code).toBe(CLOSE_CODES.unauthorized.code);
    const state = await candidate.waitFor((cl) => {
      const s = cl.state();
      return Object.values(s.participants).some((p) => p.role === 'interviewer' && !p.online) ? s : undefined;
    });
    expect(
      Object.values(state.participants)
        .filter((p) => p.online)
        .map((p) => p.role),
    ).toEqual(['candidate']);
  }, 60_000);

  it('without Redis, answers a hello on a node that does not write the session with session_elsewhere, then a retryable close', async () => {
    const [a, b] = await startNodes(2, 1_000_000, ['', '']);
    const session = await a!.createSession({ candidateName: 'No relay' });
    await join(a!, session.id, session.invites.candidate.token);
    const refused = await connectLive(b!.wsUrl, session.id, { token: session.invites.interviewer.token });
    clients.push(refused);
    refused.sendRaw(JSON.stringify({ type: 'hello', lastSeq: 0 }));
    expect(await refused.nextFrame((f) => f.type === 'error')).toMatchObject({ code: 'session_elsewhere' });
    expect((await refused.closed).code).toBe(CLOSE_CODES.writerUnreachable.code);
  }, 60_000);

  it('closes the sockets of a session erased on a node that neither writes nor relays it (4004)', async () => {
    const [a, b, c] = await startNodes(3);
    const session = await a!.createSession({ candidateName: 'Erased' });
    const onA = await join(a!, session.id, session.invites.candidate.token);
    const onB = await join(b!, session.id, session.invites.interviewer.token);
    const erased = await fetch(`${c!.url}/api/sessions/${session.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${c!.adminToken}` },
    });
    expect(erased.status).toBe(200);
    expect((await onA.closed).code).toBe(CLOSE_CODES.sessionErased.code);
    expect((await onB.closed).code).toBe(CLOSE_CODES.sessionErased.code);
  }, 60_000);

  it('keeps seqs gapless and every ack true while clients on three nodes hammer one session, relayed, and leases are stolen', async () => {
    // Leases of 1 s (renewed every third): a stolen lease is noticed by its writer within that.
    const nodesUp = await startNodes(3, 1_000_000, [], 1_000);
    const session = await nodesUp[0]!.createSession({ candidateName: 'Hammer' });
    const token = session.invites.interviewer.token;
    const acked = new Map<number, string>();
    let welcomes = 0;
    let writes = 0;
    const until = Date.now() + 6_000;
    let chaos = true;
    const stealer = new pg.Client({ connectionString: database!.url });
    await stealer.connect();
    const stealing = (async () => {
      while (chaos) {
        await new Promise((resolve) => setTimeout(resolve, 300 + Math.random() * 300));
        await stealer.query('UPDATE session_leases SET expires_at = 0 WHERE session_id = $1', [session.id]);
      }
    })();
    const worker = async (id: number) => {
      while (Date.now() < until) {
        const client = await connectLive(nodesUp[id % 3]!.wsUrl, session.id, { token });
        client.sendRaw(JSON.stringify({ type: 'hello', lastSeq: 0 }));
        const first = await Promise.race([
          client.nextFrame((f) => f.type === 'welcome' || f.type === 'error', 10_000),
          client.closed.then(() => undefined),
        ]);
        if (first?.type === 'welcome') {
          welcomes++;
          for (let i = 0; i < 10 && Date.now() < until; i++) {
            const text = `w${id} n${writes++}`;
            const answer = await Promise.race([client.command('note.add', { text }, 10_000), client.closed.then(() => undefined)]);
            if (!answer || answer.type !== 'ack') break; // fenced, or its writer lost: reconnect
            for (const seq of answer.seqs) acked.set(seq, text);
          }
        }
        client.ws.terminate();
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    await Promise.all([0, 1, 2, 3, 4, 5].map(worker));
    chaos = false;
    await stealing;
    await stealer.end();
    for (const node of nodesUp) node.app.services.rooms.flush();

    const { rows } = await storedLog(database!.url, session.id);
    expect(rows.map((e) => e.seq)).toEqual(rows.map((_, i) => i + 1));
    const bySeq = new Map(rows.map((e) => [e.seq, e]));
    for (const [seq, text] of acked) {
      expect(bySeq.get(seq)?.type, `acked seq ${seq}`).toBe('note.added');
      expect((JSON.parse(bySeq.get(seq)!.data) as { text: string }).text).toBe(text);
    }
    console.log(`relay under lease thefts: ${welcomes} welcomes, ${acked.size} acked notes, ${rows.length} events`);
    // Clients on every node were served (two of three relay at any moment), and wrote a lot.
    expect(welcomes).toBeGreaterThan(20);
    expect(acked.size).toBeGreaterThan(50);
  }, 90_000);
});

async function storedLog(url: string, sessionId: string): Promise<{ rows: { seq: number; type: string; data: string }[] }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ seq: number; type: string; data: string }>(
      'SELECT seq, type, data FROM events WHERE session_id = $1 ORDER BY seq',
      [sessionId],
    );
    return { rows: rows.map((r) => ({ ...r, seq: Number(r.seq) })) };
  } finally {
    await client.end();
  }
}
