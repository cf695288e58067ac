import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import type { NewDelivery } from '../../../server/db/outbox-store';
import { openStorage, type Storage } from '../../../server/db/storage';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-database';

// The outbox on one PostgreSQL shared by several nodes (server/db/pg/pg-outbox-store.ts): a
// delivery is claimed by one node only, even when two claim at the same instant, and an attempt
// in flight on a live node is never taken over, while one whose node died is.

const CLAIMER = fileURLToPath(new URL('../../helpers/outbox-claimer.ts', import.meta.url));
const NOW = 1_800_000_000_000;
let database: TestDatabase | undefined;
const opened: Storage[] = [];
const children: ChildProcess[] = [];

afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  for (const storage of opened.splice(0)) await storage.database.close().catch(() => undefined);
  await database?.drop();
  database = undefined;
});

function open(nodeId: string): Storage {
  const storage = openStorage({ file: '', url: database!.url, nodeId, leaseTtlMs: 60_000 }, () => NOW);
  opened.push(storage);
  return storage;
}

function deliveries(sessions: number, perSession: number): NewDelivery[] {
  const rows: NewDelivery[] = [];
  for (let s = 0; s < sessions; s++) {
    for (let e = 0; e < perSession; e++) {
      rows.push({
        id: `d-${s}-${e}`,
        kind: 'webhook',
        endpointId: 'hook',
        sessionId: `s-${s}`,
        eventId: `e-${s}-${e}`,
        eventType: 'session.scheduled',
        body: '{}',
        createdAt: NOW - 1000,
      });
    }
  }
  return rows;
}

/** A node in a process of its own, ready to claim on `go()`; resolves to the ids it claimed. */
function claimer(nodeId: string): { ready: Promise<void>; go: () => void; claimed: Promise<string[]> } {
  const child = spawn(process.execPath, ['--import', 'tsx', CLAIMER, database!.url, nodeId, String(NOW)], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  let errors = '';
  let onReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  child.stdout!.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    if (output.startsWith('ready\n')) onReady();
  });
  child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const claimed = new Promise<string[]>((resolve, reject) => {
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`${nodeId} exited with ${code}: ${errors}`));
      else resolve(JSON.parse(output.split('\n')[1]!) as string[]);
    });
  });
  return { ready, go: () => child.stdin!.write('go\n'), claimed };
}

async function attemptRows(): Promise<{ delivery_id: string; id: string; outcome: string }[]> {
  const client = new pg.Client({ connectionString: database!.url });
  await client.connect();
  try {
    return (await client.query('SELECT delivery_id, id, outcome FROM outbound_attempts ORDER BY started_at, id')).rows;
  } finally {
    await client.end();
  }
}

describe('the outbox on PostgreSQL with several nodes', () => {
  it('gives each delivery to one node only when two claim at the same time', async () => {
    database = await createTestDatabase();
    const rows = deliveries(60, 3);
    const seed = open('seed');
    seed.outbox.enqueue(rows);
    await seed.database.close();
    opened.length = 0;

    const a = claimer('node-a');
    const b = claimer('node-b');
    await Promise.all([a.ready, b.ready]);
    a.go();
    b.go();
    const [byA, byB] = await Promise.all([a.claimed, b.claimed]);

    // Every delivery claimed exactly once, by one node, with one attempt.
    expect(byA.filter((id) => byB.includes(id))).toEqual([]);
    expect([...byA, ...byB].sort()).toEqual(rows.map((r) => r.id).sort());
    const attempts = await attemptRows();
    expect(attempts.length).toBe(rows.length);
    expect(new Set(attempts.map((a) => a.delivery_id)).size).toBe(rows.length);
    expect(attempts.every((a) => a.outcome === 'delivered')).toBe(true);
    // Both really took part (otherwise nothing was raced).
    expect(byA.length).toBeGreaterThan(0);
    expect(byB.length).toBeGreaterThan(0);
  }, 120_000);

  it('refuses a second claim, leaves a live node’s attempt alone, and takes over a dead node’s', async () => {
    database = await createTestDatabase();
    const a = open('node-a');
    const b = open('node-b');
    a.outbox.enqueue(deliveries(1, 1));
    const [due] = b.outbox.due(NOW, 10, new Set());
    expect(due?.id).toBe('d-0-0');

    // Both saw it due; A claims first, B's claim finds it held.
    expect(a.outbox.startAttempt('d-0-0', 'attempt-a', NOW, NOW + 120_000)).toBe(true);
    expect(b.outbox.startAttempt('d-0-0', 'attempt-b', NOW, NOW + 120_000)).toBe(false);
    expect(b.outbox.due(NOW, 10, new Set())).toEqual([]);

    // Re-sent while A's request is in flight: due again, but A is alive and still sending it.
    expect(b.outbox.resend('d-0-0', NOW)).toBe(true);
    expect(b.outbox.startAttempt('d-0-0', 'attempt-b', NOW, NOW + 120_000)).toBe(false);
    // A node starting does not cut another live node's attempt.
    expect(b.outbox.interruptSending(NOW)).toBe(0);
    expect((await attemptRows()).map((r) => [r.id, r.outcome])).toEqual([['attempt-a', 'sending']]);

    // A dies (its connection closes): its attempt is interrupted and B sends under a new id.
    await a.database.close();
    expect(b.outbox.interruptSending(NOW + 1)).toBe(1);
    expect(b.outbox.startAttempt('d-0-0', 'attempt-b2', NOW + 1, NOW + 120_000)).toBe(true);
    b.outbox.finishAttempt('d-0-0', 'attempt-b2', {
      outcome: 'delivered',
      statusCode: 200,
      error: null,
      finishedAt: NOW + 2,
      delivery: { status: 'delivered', settledAt: NOW + 2 },
    });
    expect((await attemptRows()).map((r) => [r.id, r.outcome])).toEqual([
      ['attempt-a', 'interrupted'],
      ['attempt-b2', 'delivered'],
    ]);
    expect(b.outbox.get('d-0-0')).toMatchObject({ status: 'delivered', attempts: 2 });
  });

  it('takes over a dead node’s attempt once its hold lapsed, without a restart', async () => {
    database = await createTestDatabase();
    const a = open('node-a');
    const b = open('node-b');
    a.outbox.enqueue(deliveries(1, 1));
    expect(a.outbox.startAttempt('d-0-0', 'attempt-a', NOW, NOW + 120_000)).toBe(true);
    await a.database.close();
    expect(b.outbox.due(NOW + 60_000, 10, new Set())).toEqual([]);
    const [due] = b.outbox.due(NOW + 120_000, 10, new Set());
    expect(due?.id).toBe('d-0-0');
    expect(b.outbox.startAttempt('d-0-0', 'attempt-b', NOW + 120_000, NOW + 240_000)).toBe(true);
    expect((await attemptRows()).map((r) => [r.id, r.outcome])).toEqual([
      ['attempt-a', 'interrupted'],
      ['attempt-b', 'sending'],
    ]);
  });
});
