import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import type { PgDatabase } from '../../../server/db/pg/pg-database';
import { connectLive, type LiveClient } from '../../helpers/live-client';
import { startTestServer, type TestServer } from '../../helpers/server';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-database';

// One writer per session, fenced (PostgreSQL: real nodes sharing one database). Three nodes
// take a session's lease in turn while clients on all of them hammer it, with leases taken
// away under the writer at random; whatever the interleaving, the log's seqs are 1..n without
// a gap or a duplicate, and every acked command is in it, at the seq its ack gave.

let database: TestDatabase | undefined;
let nodes: TestServer[] = [];

afterEach(async () => {
  for (const node of nodes) await node.close();
  nodes = [];
  await database?.drop();
  database = undefined;
});

async function startNodes(count: number, leaseTtlMs: number): Promise<TestServer[]> {
  database = await createTestDatabase();
  for (let i = 0; i < count; i++)
    nodes.push(await startTestServer({ config: { databaseUrl: database.url, nodeId: `node-${i}`, leaseTtlMs } }));
  return nodes;
}

async function storedLog(sessionId: string): Promise<{ seq: number; type: string; data: string }[]> {
  const client = new pg.Client({ connectionString: database!.url });
  await client.connect();
  try {
    return (await client.query('SELECT seq, type, data FROM events WHERE session_id = $1 ORDER BY seq', [sessionId])).rows;
  } finally {
    await client.end();
  }
}

/**
 * Hello on `node`: the welcome if this node took the session, or the error it answered, or
 * `closed` when the hello met a room being fenced off that very moment (the socket closes, 1011).
 */
async function join(node: TestServer, sessionId: string, token: string): Promise<{ client: LiveClient; welcomed: boolean; code?: string }> {
  const client = await connectLive(node.wsUrl, sessionId, { token });
  client.sendRaw(JSON.stringify({ type: 'hello', lastSeq: 0 }));
  const frame = await client.waitFor(
    (c) => c.frames.find((f) => f.type === 'welcome' || f.type === 'error') ?? (c.closedWith ? null : undefined),
    ANSWER_MS,
  );
  if (frame === null) {
    expect(client.closedWith?.code).toBe(1011);
    return { client, welcomed: false, code: 'closed' };
  }
  return { client, welcomed: frame.type === 'welcome', code: frame.type === 'error' ? frame.code : undefined };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Every command here waits on a synchronous PostgreSQL commit, and the whole suite shares one
// disk: on a loaded CI machine one commit has taken more than the helpers' 5 s. The test is
// about what is stored, not how fast, so an answer may take this long before it counts as lost.
const ANSWER_MS = 20_000;

describe('session leases on PostgreSQL', () => {
  it('keeps seqs gapless and unique while three nodes hammer one session and leases are taken from the writer', async () => {
    const [a] = await startNodes(3, 1_000);
    const session = await a!.createSession({ candidateName: 'Lease Test' });
    const token = session.invites.interviewer.token;
    const acked = new Map<number, string>();
    const refusals = new Map<string, number>();
    let writes = 0;
    const until = Date.now() + 8_000;

    // Every 150-400 ms the lease is made to look expired, as if its holder had paused: the next
    // node whose client says hello takes it over, and the old writer is fenced off.
    let chaos = true;
    const admin = new pg.Client({ connectionString: database!.url });
    // Should the test fail, afterEach drops the database under this client: not a second error.
    admin.on('error', () => undefined);
    await admin.connect();
    const stealing = (async () => {
      while (chaos) {
        await pause(150 + Math.random() * 250);
        await admin.query('UPDATE session_leases SET expires_at = 0 WHERE session_id = $1', [session.id]);
      }
    })();

    const worker = async (id: number) => {
      while (Date.now() < until) {
        const node = nodes[id % nodes.length]!;
        const { client, welcomed, code } = await join(node, session.id, token);
        if (!welcomed) {
          refusals.set(code!, (refusals.get(code!) ?? 0) + 1);
          await client.close();
          await pause(20 + Math.random() * 60);
          continue;
        }
        for (let i = 0; i < 10 && Date.now() < until; i++) {
          const text = `w${id} n${writes++}`;
          const answer = await Promise.race([client.command('note.add', { text }, ANSWER_MS), client.closed.then(() => undefined)]);
          if (!answer) break; // fenced off: the node closed the socket
          if (answer.type === 'ack') {
            for (const seq of answer.seqs) acked.set(seq, text);
            continue;
          }
          refusals.set(answer.code, (refusals.get(answer.code) ?? 0) + 1);
          // A command that reached a room being fenced off in that very moment: refused, and
          // the socket closes so that the client reconnects (to whichever node writes now).
          expect(answer.code).toBe('internal');
          expect((await Promise.race([client.closed, pause(ANSWER_MS).then(() => null)]))?.code).toBe(1011);
          break;
        }
        await client.close();
      }
    };
    try {
      await Promise.all([0, 1, 2, 3, 4, 5].map(worker));
    } finally {
      chaos = false;
      await stealing.catch(() => undefined);
      await admin.end();
    }
    for (const node of nodes) node.app.services.rooms.flush();

    const log = await storedLog(session.id);
    expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
    const bySeq = new Map(log.map((e) => [e.seq, e]));
    for (const [seq, text] of acked) {
      expect(bySeq.get(seq)?.type, `acked seq ${seq}`).toBe('note.added');
      expect(JSON.parse(bySeq.get(seq)!.data).text).toBe(text);
    }
    // The run was a contest: several nodes wrote, and nodes were refused while another held the lease.
    expect(acked.size).toBeGreaterThan(50);
    expect(refusals.get('session_elsewhere') ?? 0).toBeGreaterThan(0);
  }, 120_000);

  it('fences a writer whose lease was taken over: its late append is refused, nothing of it is stored', async () => {
    const [a, b] = await startNodes(2, 60_000);
    const session = await a!.createSession();
    const onA = await join(a!, session.id, session.invites.interviewer.token);
    expect(onA.welcomed).toBe(true);
    expect(await onA.client.command('note.add', { text: 'before the pause' })).toMatchObject({ type: 'ack' });
    const refused = await join(b!, session.id, session.invites.reviewer.token);
    expect(refused.code).toBe('session_elsewhere');

    // A "pauses" past its lease (60 s, far from over: only the database says it ended) and B
    // takes the session, in one turn of the loop so that A's renewal cannot come in between.
    (b!.app.services.database as PgDatabase).query('UPDATE session_leases SET expires_at = 0 WHERE session_id = $1', [session.id]);
    const roomOnB = b!.app.services.rooms.get(session.id);
    expect(roomOnB).toBeDefined();

    // A wakes up and writes: the fence refuses the append, A closes its room and the socket.
    onA.client.sendRaw(JSON.stringify({ type: 'command', id: 'late', name: 'note.add', data: { text: 'after the takeover' } }));
    expect((await onA.client.closed).code).toBe(1011);
    expect(onA.client.frames.some((f) => f.type === 'ack' && f.id === 'late')).toBe(false);

    const onB = await join(b!, session.id, session.invites.interviewer.token);
    expect(onB.welcomed).toBe(true);
    expect(await onB.client.command('note.add', { text: 'on the new writer' })).toMatchObject({ type: 'ack' });
    // A cannot take it back while B holds it.
    expect((await join(a!, session.id, session.invites.interviewer.token)).code).toBe('session_elsewhere');

    const log = await storedLog(session.id);
    expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
    const notes = log.filter((e) => e.type === 'note.added').map((e) => JSON.parse(e.data).text);
    expect(notes).toEqual(['before the pause', 'on the new writer']);
    await onB.client.close();
    await refused.client.close();
  }, 30_000);
});
