import Database from 'better-sqlite3';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../shared/events';
import { reduceAll } from '../../shared/reducer';
import { chatTurns, connectLive, type LiveClient } from '../helpers/live-client';
import { startAtelier, type AtelierProcess } from '../helpers/server-process';
import { testDatabaseForServer, type TestDatabase } from '../helpers/test-database';
import pg from 'pg';

// The real server as a child process, killed with SIGKILL at random moments while answers
// stream. Whatever a client was ever sent must be in the log afterwards, the log must be
// gapless and intact, and the cut answers must be closed as interrupted. On SQLite by default;
// on PostgreSQL in the suite's second run (ATELIER_TEST_DB=postgres).

const KILLS = 20;
let atelier: AtelierProcess | undefined;
let dataDir: string | undefined;
let database: TestDatabase | undefined;

afterAll(async () => {
  await atelier?.kill('SIGKILL');
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  await database?.drop();
});

/** Deterministic pseudo-random delays, so a failure can be replayed. */
function delays(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return 5 + (x % 120);
  };
}

type LogRow = { seq: number; at: number; type: string; actor: string; data: string };

function toEvents(rows: LogRow[]): SessionEvent[] {
  return rows.map(
    (r) => ({ seq: r.seq, at: Number(r.at), type: r.type, actor: JSON.parse(r.actor), data: JSON.parse(r.data) }) as SessionEvent,
  );
}

/** The log as stored: from the SQLite file (with its integrity check), or from PostgreSQL. */
async function readLog(dir: string, sessionId: string): Promise<{ events: SessionEvent[]; integrity: string }> {
  if (!database) return readSqliteLog(dir, sessionId);
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    const { rows } = await client.query<LogRow>('SELECT seq, at, type, actor, data FROM events WHERE session_id = $1 ORDER BY seq', [
      sessionId,
    ]);
    return { integrity: 'ok', events: toEvents(rows) };
  } finally {
    await client.end();
  }
}

function readSqliteLog(dir: string, sessionId: string): { events: SessionEvent[]; integrity: string } {
  const db = new Database(join(dir, 'atelier.db'), { readonly: true });
  try {
    const integrity = (db.pragma('integrity_check', { simple: true }) as string) ?? '';
    const rows = db.prepare('SELECT seq, at, type, actor, data FROM events WHERE session_id = ? ORDER BY seq').all(sessionId) as LogRow[];
    return { integrity, events: toEvents(rows) };
  } finally {
    db.close();
  }
}

describe('crash safety', () => {
  it(`survives ${KILLS} SIGKILLs mid-stream: nothing a client saw is lost, seqs stay gapless, cut answers end as interrupted`, async () => {
    database = await testDatabaseForServer();
    // A restarted node keeps its name, so it takes its sessions' leases back at once.
    const engine: Record<string, string> = database ? { DATABASE_URL: database.url, ATELIER_NODE_ID: 'crash-node' } : {};
    const env = { ATELIER_SIMULATOR_PACE_MS: '4', ATELIER_SIMULATOR_FIRST_TOKEN_MS: '0', ATELIER_DELTA_INTERVAL_MS: '10', ...engine };
    atelier = await startAtelier({ env });
    dataDir = atelier.dataDir;
    const port = Number(new URL(atelier.url).port);
    const created = await fetch(`${atelier.url}/api/sessions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${atelier.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ candidateName: 'Crash Test' }),
    });
    const session = (await created.json()) as { id: string; invites: { candidate: { token: string }; interviewer: { token: string } } };
    const seen = new Map<number, SessionEvent>();
    const nextDelay = delays(42);
    let started = false;

    for (let round = 0; round < KILLS; round++) {
      const candidate: LiveClient = await connectLive(atelier.wsUrl, session.id, { token: session.invites.candidate.token });
      const interviewer: LiveClient = await connectLive(atelier.wsUrl, session.id, { token: session.invites.interviewer.token });
      // Resume from what we hold: the server must send exactly the rest.
      const held = Math.max(0, ...[...seen.keys()]);
      await interviewer.hello(held);
      const welcome = await candidate.hello(0);
      await candidate.waitFor((c) => (c.events.at(-1)?.seq ?? 0) >= welcome.headSeq);
      if (!started) {
        await candidate.command('session.start');
        started = true;
      }
      // The answer cut by the previous kill has been closed as interrupted by now.
      if (round > 0) {
        const state = candidate.state();
        expect(chatTurns(candidate).filter((t) => t.status === 'streaming')).toEqual([]);
        expect(chatTurns(candidate).at(-1)?.failure?.kind ?? chatTurns(candidate).at(-1)?.status).toMatch(/interrupted|completed/);
        expect(state.status).toBe('live');
      }
      const ack = await candidate.command('message.send', { text: `Round ${round}: tell me about the plans and the router` });
      expect(ack.type).toBe('ack');
      await new Promise((r) => setTimeout(r, nextDelay()));
      await atelier.kill('SIGKILL');
      for (const e of [...candidate.events, ...interviewer.events]) seen.set(e.seq, e);
      candidate.ws.terminate();
      interviewer.ws.terminate();

      const { integrity, events } = await readLog(atelier.dataDir, session.id);
      expect(integrity).toBe('ok');
      expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
      const bySeq = new Map(events.map((e) => [e.seq, e]));
      for (const [seq, event] of seen)
        expect(bySeq.get(seq), `event ${seq} (${event.type}) was sent to a client but is not in the log`).toEqual(event);

      atelier = await startAtelier({ env, dataDir: atelier.dataDir, port });
    }

    // After the last restart the log still reduces to a coherent, live session.
    const { events } = await readLog(atelier.dataDir, session.id);
    const state = reduceAll(events);
    const turns = state.turnOrder.map((id) => state.turns[id]!).filter((t) => t.threadId === 'main');
    expect(turns).toHaveLength(KILLS);
    expect(turns.filter((t) => t.status === 'streaming')).toHaveLength(0);
    expect(turns.some((t) => t.failure?.kind === 'interrupted')).toBe(true);
  }, 240_000);
});
