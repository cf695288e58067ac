import { startAtelier } from '../tests/helpers/server-process';
import { benchMessage, startFakeOpenAI } from './fake-openai';
import { createSession, inBatches, LiveClient, metrics } from './lib/live-client';

// Row 9: memory per live session. The server runs with --expose-gc; the reference is the same
// process idle (after a warm-up session, closed, so lazily loaded code is counted in the
// baseline), the measure the same process with `sessions` live sessions, each with 4 sockets
// (candidate, 2 interviewers, reviewer) and a long chat (`turns` answers of `chunks` chunks).
// Both readings after a full GC; per session = (with − idle) / sessions.

export interface MemoryResult {
  sessions: number;
  turnsPerSession: number;
  eventsPerSession: number;
  idle: { rssMb: number; heapMb: number };
  loaded: { rssMb: number; heapMb: number };
  perSessionKb: { rss: number; heap: number };
}

export async function benchMemory(options: { sessions: number; turns: number; chunks: number }): Promise<MemoryResult> {
  const provider = await startFakeOpenAI({ chunks: options.chunks, intervalMs: 1 });
  const atelier = await startAtelier({ fakeProviderUrl: provider.url, nodeArgs: ['--expose-gc'] });
  try {
    const open = async (i: number) => {
      const session = await createSession(atelier, `memory ${i}`);
      const clients = [session.tokens.candidate, session.tokens.interviewer, session.tokens.interviewer, session.tokens.reviewer].map(
        (t) => new LiveClient(atelier, session.id, t),
      );
      for (const c of clients) await c.connect();
      const candidate = clients[0]!;
      await candidate.command('session.start', {});
      for (let t = 0; t < options.turns; t++) {
        let turnId: string | undefined;
        const done = new Promise<void>((resolve) => {
          const off = candidate.onEvent((e) => {
            if (e.type === 'turn.started') turnId = e.data.turnId;
            if (turnId && e.data.turnId === turnId && (e.type === 'turn.completed' || e.type === 'turn.failed')) (off(), resolve());
          });
        });
        // One thread: the chat grows, and each request carries the history.
        await candidate.command('message.send', {
          text: `${benchMessage(`m${i}-${t}`)} and a question long enough to look like one a candidate types.`,
          model: 'bench/fake',
        });
        await done;
      }
      return { clients, head: candidate.lastSeq };
    };
    const warm = await open(-1);
    await Promise.all(warm.clients.map((c) => c.close()));
    await new Promise((r) => setTimeout(r, 500));
    await metrics(atelier, { gc: true });
    const idle = await metrics(atelier, { gc: true });
    const live = await inBatches(Array.from({ length: options.sessions }), 50, (_, i) => open(i));
    await new Promise((r) => setTimeout(r, 500));
    await metrics(atelier, { gc: true });
    const loaded = await metrics(atelier, { gc: true });
    await inBatches(live, 20, (s) => Promise.all(s.clients.map((c) => c.close())));
    const mb = (b: number) => b / 2 ** 20;
    return {
      sessions: options.sessions,
      turnsPerSession: options.turns,
      eventsPerSession: live.reduce((a, s) => a + s.head, 0) / live.length,
      idle: { rssMb: mb(idle.memory.rss), heapMb: mb(idle.memory.heapUsed) },
      loaded: { rssMb: mb(loaded.memory.rss), heapMb: mb(loaded.memory.heapUsed) },
      perSessionKb: {
        rss: (loaded.memory.rss - idle.memory.rss) / 1024 / options.sessions,
        heap: (loaded.memory.heapUsed - idle.memory.heapUsed) / 1024 / options.sessions,
      },
    };
  } finally {
    await atelier.stop();
    await provider.close();
  }
}
