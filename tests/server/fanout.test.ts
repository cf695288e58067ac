import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../shared/events';
import { CLOSE_CODES } from '../../shared/protocol';
import { chatTurns, connectLive, type LiveClient } from '../helpers/live-client';
import { startAtelier, type AtelierProcess } from '../helpers/server-process';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

// Any node serves any participant (PostgreSQL + Redis, three real node processes). The node that
// first opens a session writes it (its lease); a socket reaching another node is relayed to the
// writer over Redis pub/sub: the same stream, token by token and seq by seq, on every node;
// commands answered on the socket they came from; resume from any node; and when the writer is
// killed, relayed clients are closed with 4503, reconnect and carry on with nothing lost.

const REDIS_URL = process.env.ATELIER_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const TTL_MS = 2_000;
const prefix = `atelier-test-${randomBytes(4).toString('hex')}:`;
let database: TestDatabase | undefined;
let nodes: [AtelierProcess, AtelierProcess, AtelierProcess];
const clients: LiveClient[] = [];

interface CreatedSession {
  id: string;
  invites: { candidate: { token: string }; interviewer: { token: string }; reviewer: { token: string } };
}

beforeAll(async () => {
  database = await createTestDatabase();
  const started: AtelierProcess[] = [];
  for (let i = 0; i < 3; i++) {
    started.push(
      await startAtelier({
        env: {
          DATABASE_URL: database.url,
          REDIS_URL,
          ATELIER_REDIS_PREFIX: prefix,
          ATELIER_NODE_ID: `fan-${i}`,
          ATELIER_LEASE_TTL_MS: String(TTL_MS),
          ATELIER_SIMULATOR_PACE_MS: '20',
          ATELIER_SIMULATOR_FIRST_TOKEN_MS: '0',
          ATELIER_DELTA_INTERVAL_MS: '20',
        },
      }),
    );
  }
  nodes = started as typeof nodes;
}, 300_000);

afterAll(async () => {
  for (const client of clients) client.ws.terminate();
  for (const node of nodes ?? []) await node.stop();
  await database?.drop();
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

async function createSession(node: AtelierProcess): Promise<CreatedSession> {
  const created = await fetch(`${node.url}/api/sessions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${node.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ candidateName: 'Fan-out' }),
  });
  expect(created.status).toBe(201);
  return (await created.json()) as CreatedSession;
}

/** Connects and says hello once; the welcome, or why not. */
async function join(node: AtelierProcess, sessionId: string, token: string, lastSeq = 0): Promise<LiveClient> {
  const client = await connectLive(node.wsUrl, sessionId, { token });
  clients.push(client);
  client.sendRaw(JSON.stringify({ type: 'hello', lastSeq }));
  await client.nextFrame((f) => f.type === 'welcome', 10_000);
  return client;
}

/**
 * Connects and says hello until the node serves the session, as the page does: a node may
 * answer session_elsewhere or close with 4503 while the session's lease moves.
 */
async function joinAnyway(node: AtelierProcess, sessionId: string, token: string, lastSeq: number): Promise<LiveClient> {
  for (let attempt = 0; ; attempt++) {
    const client = await connectLive(node.wsUrl, sessionId, { token });
    client.sendRaw(JSON.stringify({ type: 'hello', lastSeq }));
    const outcome = await Promise.race([
      client.nextFrame((f) => f.type === 'welcome' || f.type === 'error', 10_000).then((frame) => ({ frame })),
      client.closed.then((close) => ({ close })),
    ]);
    if ('frame' in outcome && outcome.frame.type === 'welcome') {
      clients.push(client);
      return client;
    }
    if ('frame' in outcome) expect(outcome.frame).toMatchObject({ code: 'session_elsewhere' });
    else expect(outcome.close.code).toBe(CLOSE_CODES.writerUnreachable.code);
    client.ws.terminate();
    expect(attempt).toBeLessThan(200);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function writerOf(sessionId: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: database!.url });
  await client.connect();
  const { rows } = await client.query<{ node_id: string }>('SELECT node_id FROM session_leases WHERE session_id = $1', [sessionId]);
  await client.end();
  return rows[0]?.node_id;
}

async function storedLog(sessionId: string): Promise<{ seq: number; type: string; data: unknown }[]> {
  const client = new pg.Client({ connectionString: database!.url });
  await client.connect();
  const { rows } = await client.query<{ seq: number; type: string; data: string }>(
    'SELECT seq, type, data FROM events WHERE session_id = $1 ORDER BY seq',
    [sessionId],
  );
  await client.end();
  return rows.map((r) => ({ seq: Number(r.seq), type: r.type, data: JSON.parse(r.data) as unknown }));
}

/** When each event arrived on this client (ms, this process's clock), by seq. */
function arrivals(client: LiveClient): Map<number, number> {
  const at = new Map<number, number>();
  client.ws.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as { type: string; event?: SessionEvent; events?: SessionEvent[] };
    for (const event of frame.event ? [frame.event] : (frame.events ?? [])) at.set(event.seq, performance.now());
  });
  return at;
}

const stream = (client: LiveClient) => client.events.map((e) => ({ seq: e.seq, type: e.type, data: e.data }));
const completed = (client: LiveClient) => chatTurns(client).find((t) => t.status === 'completed');
const deltas = (events: readonly SessionEvent[]) => events.filter((e) => e.type === 'turn.delta');

describe('fan-out between nodes', () => {
  it('streams the same answer token by token to every node, and answers each command on its own socket', async () => {
    const [a, b, c] = nodes;
    const session = await createSession(a);
    const { candidate, interviewer } = session.invites;
    const candidateOnA = await join(a, session.id, candidate.token);
    expect(await writerOf(session.id)).toBe('fan-0');
    const interviewerOnB = await join(b, session.id, interviewer.token);
    const interviewerOnC = await join(c, session.id, interviewer.token);
    const candidateOnC = await join(c, session.id, candidate.token);
    const localAt = arrivals(candidateOnA);
    const relayedAt = arrivals(candidateOnC);
    // Node A still writes: B and C relay, they hold no lease.
    expect(await writerOf(session.id)).toBe('fan-0');

    expect(await candidateOnA.command('session.start')).toMatchObject({ type: 'ack' });
    // The candidate's message sent through C is acked on C's socket, not on A's.
    const framesOnA = candidateOnA.frames.length;
    const sent = await candidateOnC.command('message.send', { text: 'Tell me about the plans, at length please' }, 10_000);
    expect(sent).toMatchObject({ type: 'ack' });
    expect(candidateOnA.frames.slice(framesOnA).some((f) => f.type === 'ack')).toBe(false);

    // A note by the interviewer on B, while the answer streams: acked on B only.
    await interviewerOnB.waitFor((cl) => deltas(cl.events).length >= 2, 20_000);
    const noteFramesOnC = interviewerOnC.frames.length;
    const note = await interviewerOnB.command('note.add', { text: 'Asks for detail: good.' }, 10_000);
    expect(note).toMatchObject({ type: 'ack' });
    const noteSeq = (note as { seqs: number[] }).seqs[0]!;
    expect(interviewerOnC.frames.slice(noteFramesOnC).some((f) => f.type === 'ack')).toBe(false);

    for (const client of [candidateOnA, candidateOnC, interviewerOnB, interviewerOnC]) await client.waitFor(completed, 30_000);
    await interviewerOnC.waitFor((cl) => cl.events.some((e) => e.seq === noteSeq), 10_000);
    // Let the last frames of the commit that completed the turn arrive everywhere.
    await new Promise((resolve) => setTimeout(resolve, 300));

    // Staff on B and C received exactly the same stream, seq by seq, as the log holds it.
    const log = await storedLog(session.id);
    const fromB = stream(interviewerOnB);
    expect(fromB.map((e) => e.seq)).toEqual(log.map((e) => e.seq));
    expect(fromB).toEqual(log);
    expect(stream(interviewerOnC)).toEqual(fromB);
    // Token by token: the answer arrived as many deltas, in order, not as one block.
    expect(deltas(interviewerOnB.events).length).toBeGreaterThanOrEqual(3);
    // The candidate's two sockets, on the writer and relayed, see the same view.
    expect(stream(candidateOnC)).toEqual(stream(candidateOnA));
    expect(candidateOnA.events.some((e) => e.type === 'note.added')).toBe(false);
    expect(candidateOnC.events.some((e) => e.type === 'note.added')).toBe(false);
    // What the hop through Redis adds, delta by delta (reported, not asserted: a shared machine).
    const extra = deltas(candidateOnA.events)
      .map((e) => relayedAt.get(e.seq)! - localAt.get(e.seq)!)
      .sort((x, y) => x - y);
    console.log(
      `fan-out: a relayed delta arrives ${extra[Math.floor(extra.length / 2)]!.toFixed(2)} ms (median; p90 ${extra[Math.floor(extra.length * 0.9)]!.toFixed(2)} ms) after the same delta on the writer's own socket, over ${extra.length} deltas`,
    );
    // Presence is the writer's: the candidate and the interviewer, two sockets each on three nodes, are online once each.
    expect(Object.values(interviewerOnB.state().participants).filter((p) => p.online)).toHaveLength(2);
  }, 120_000);

  it('resumes on another node from the last seq seen: exactly the rest, no gap, no duplicate', async () => {
    const [a, b] = nodes;
    const session = await createSession(a);
    const { candidate, interviewer } = session.invites;
    const candidateOnA = await join(a, session.id, candidate.token);
    const interviewerOnA = await join(a, session.id, interviewer.token);
    expect(await candidateOnA.command('session.start')).toMatchObject({ type: 'ack' });
    expect(await candidateOnA.command('message.send', { text: 'Tell me about the plans, at length please' })).toMatchObject({
      type: 'ack',
    });
    await interviewerOnA.waitFor((cl) => deltas(cl.events).length >= 3, 20_000);
    const before = stream(interviewerOnA);
    const held = before.at(-1)!.seq;
    interviewerOnA.ws.terminate();

    const interviewerOnB = await join(b, session.id, interviewer.token, held);
    await candidateOnA.waitFor(completed, 30_000);
    // Its events start mid-answer: it waits for the answer's end by type, not through the reducer.
    await interviewerOnB.waitFor((cl) => cl.events.some((e) => e.type === 'turn.completed'), 30_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const after = stream(interviewerOnB);
    expect(after[0]!.seq).toBe(held + 1);
    const log = await storedLog(session.id);
    // The interviewer's own reconnection shows in the log (left, joined) between the two halves.
    expect([...before, ...after]).toEqual(log);
  }, 120_000);

  it('closes relayed sockets with 4503 when the writer is killed; they reconnect and carry on, nothing lost', async () => {
    const [a, b, c] = nodes;
    const session = await createSession(a);
    const { candidate, interviewer } = session.invites;
    const candidateOnA = await join(a, session.id, candidate.token);
    const interviewerOnB = await join(b, session.id, interviewer.token);
    const candidateOnC = await join(c, session.id, candidate.token);
    expect(await candidateOnC.command('session.start')).toMatchObject({ type: 'ack' });
    expect(await candidateOnC.command('message.send', { text: 'Tell me about the plans, at length please' })).toMatchObject({
      type: 'ack',
    });
    await interviewerOnB.waitFor((cl) => deltas(cl.events).length >= 3, 20_000);

    await a.kill('SIGKILL');
    const killedAt = Date.now();
    // The relaying nodes notice within a few heartbeats and close their sockets as retryable.
    expect((await interviewerOnB.closed).code).toBe(CLOSE_CODES.writerUnreachable.code);
    expect((await candidateOnC.closed).code).toBe(CLOSE_CODES.writerUnreachable.code);
    const noticedMs = Date.now() - killedAt;
    candidateOnA.ws.terminate();
    const seenByInterviewer = [...interviewerOnB.events];
    const heldByInterviewer = seenByInterviewer.at(-1)!.seq;
    const heldByCandidate = candidateOnC.events.at(-1)!.seq;

    // They reconnect (to B and C again): once the dead node's lease expires one of them takes
    // the session and the other relays to it.
    const resumed = await joinAnyway(b, session.id, interviewer.token, heldByInterviewer);
    const back = await joinAnyway(c, session.id, candidate.token, heldByCandidate);
    expect(resumed.events[0]?.seq ?? heldByInterviewer + 1).toBe(heldByInterviewer + 1);
    expect(back.events[0]?.seq ?? heldByCandidate + 1).toBe(heldByCandidate + 1);
    expect(['fan-1', 'fan-2']).toContain(await writerOf(session.id));
    const cut = await resumed.waitFor((cl) => cl.events.find((e) => e.type === 'turn.failed'), 20_000);
    expect(cut.data).toMatchObject({ kind: 'interrupted' });
    expect(await back.command('message.send', { text: 'Still there?' }, 10_000)).toMatchObject({ type: 'ack' });
    await back.waitFor((cl) => chatTurns(cl).find((t) => t.status === 'completed'), 30_000);
    await resumed.waitFor((cl) => cl.events.some((e) => e.type === 'turn.completed'), 30_000);
    await new Promise((resolve) => setTimeout(resolve, 300));

    // Nothing any client received is lost, and the interviewer's two connections together hold
    // the log without a gap or a repeat.
    const log = await storedLog(session.id);
    expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
    expect([...seenByInterviewer, ...resumed.events].map((e) => ({ seq: e.seq, type: e.type, data: e.data }))).toEqual(log);
    console.log(`fan-out: relayed sockets closed ${noticedMs} ms after the writer's kill`);
  }, 180_000);
});
