import { startAtelier } from '../tests/helpers/server-process';
import { createSession, inBatches, LiveClient, metrics, serverLog } from './lib/live-client';
import { slope } from './lib/stats';

// Soak (issue 8 item 8): `sessions` concurrent sessions, each a candidate and 3 observers,
// for `minutes`, on the offline simulator at its default pace. Candidates keep chatting; one
// message in four carries a simulator fault marker (429 then success, 500, 503, a cut stream, a
// mid-stream error); every few seconds some client's socket is cut without a goodbye and
// reconnects with the last seq it holds. At the end every client's events must equal the log
// its role may read — no event lost, none twice — and memory must not leak: once every session
// is ended and every socket closed, the server releases the rooms, and its heap after a full GC
// must be back at (or below) where it stood after setup. The heap and RSS slopes during the run
// are reported too: they include the live rooms' state growing with their logs, which is not a leak.

const FAULTS = [
  '[[simulate:error-429:1]]',
  '[[simulate:error-500]]',
  '[[simulate:error-503]]',
  '[[simulate:cut]]',
  '[[simulate:midstream-error]]',
];

export interface SoakResult {
  sessions: number;
  minutes: number;
  turns: { completed: number; failed: number; refused: number };
  /** Refused sends by error code (a send during a socket cut times out: `no_ack`). */
  refusals: Record<string, number>;
  drops: number;
  clients: number;
  lost: number;
  duplicated: number;
  reordered: number;
  rss: { startMb: number; endMb: number; slopeMbPerMin: number };
  heap: { startMb: number; endMb: number; slopeMbPerMin: number };
  /** Heap after a full GC: after setup (100 live rooms, empty logs) and after every session ended and every socket closed. */
  released: { baselineHeapMb: number; afterHeapMb: number; baselineRssMb: number; afterRssMb: number };
  serverLoopP99Ms: number;
}

export async function benchSoak(options: { sessions: number; minutes: number; dropEveryMs: number }): Promise<SoakResult> {
  const atelier = await startAtelier({ nodeArgs: ['--expose-gc'], env: { ATELIER_SIMULATOR_FIRST_TOKEN_MS: '200' } });
  try {
    const rooms = await inBatches(Array.from({ length: options.sessions }), 10, async (_, i) => {
      const session = await createSession(atelier, `soak ${i}`);
      const candidate = new LiveClient(atelier, session.id, session.tokens.candidate);
      const observers = [session.tokens.interviewer, session.tokens.interviewer, session.tokens.reviewer].map(
        (t) => new LiveClient(atelier, session.id, t),
      );
      for (const c of [candidate, ...observers]) await c.connect();
      await candidate.command('session.extend', { minutes: 240 }).catch(() => undefined);
      await candidate.command('session.start', {});
      return { session, candidate, observers };
    });
    const all = rooms.flatMap((r) => [r.candidate, ...r.observers]);
    await metrics(atelier, { gc: true });
    const baseline = await metrics(atelier, { gc: true });
    const turns = { completed: 0, failed: 0, refused: 0 };
    const refusals: Record<string, number> = {};
    const endAt = performance.now() + options.minutes * 60_000;
    const samples: { t: number; rss: number; heap: number }[] = [];
    const t0 = performance.now();
    await metrics(atelier, { reset: true });
    const sampler = setInterval(() => {
      void metrics(atelier).then((m) =>
        samples.push({ t: (performance.now() - t0) / 60_000, rss: m.memory.rss / 2 ** 20, heap: m.memory.heapUsed / 2 ** 20 }),
      );
    }, 5_000);
    let drops = 0;
    let dropping = Promise.resolve();
    const dropper = setInterval(() => {
      const victim = all[Math.floor(Math.random() * all.length)]!;
      dropping = dropping.then(async () => {
        if (victim.ws.readyState !== victim.ws.OPEN) return;
        await victim.drop();
        drops++;
        await new Promise((r) => setTimeout(r, 50 + Math.random() * 500));
        await victim.connect();
      });
    }, options.dropEveryMs);
    let n = 0;
    await Promise.all(
      rooms.map(async (room) => {
        while (performance.now() < endAt) {
          const fault = Math.random() < 0.25 ? ` ${FAULTS[Math.floor(Math.random() * FAULTS.length)]}` : '';
          const turnEnded = new Promise<string>((resolve) => {
            const off = room.candidate.onEvent((e) => {
              if (e.type === 'turn.completed' || e.type === 'turn.failed' || e.type === 'turn.cancelled') (off(), resolve(e.type));
            });
          });
          try {
            if (room.candidate.ws.readyState !== room.candidate.ws.OPEN) await new Promise((r) => setTimeout(r, 700));
            // A new thread every 5 messages keeps each request (and the token budget it spends) bounded.
            const i = n++;
            await room.candidate.command('message.send', {
              text: `Soak question ${i}: what are your opening hours?${fault}`,
              ...(i % 5 === 0 ? { parentId: null } : {}),
            });
            const outcome = await Promise.race([turnEnded, new Promise<string>((r) => setTimeout(() => r('timeout'), 30_000))]);
            if (outcome === 'turn.completed') turns.completed++;
            else turns.failed++;
          } catch (error) {
            turns.refused++;
            const code = /refused: (\w+)/.exec(String(error))?.[1] ?? 'no_ack';
            refusals[code] = (refusals[code] ?? 0) + 1;
          }
          await new Promise((r) => setTimeout(r, 500 + Math.random() * 1500));
        }
      }),
    );
    clearInterval(dropper);
    clearInterval(sampler);
    await dropping;
    await new Promise((r) => setTimeout(r, 3_000)); // let the last answers finish
    const last = await metrics(atelier);
    let lost = 0;
    let duplicated = 0;
    let reordered = 0;
    for (const room of rooms) {
      const candidateLog = await serverLog(atelier, room.session.id, room.session.tokens.candidate);
      const staffLog = await serverLog(atelier, room.session.id, room.session.tokens.interviewer);
      for (const [client, log] of [[room.candidate, candidateLog], ...room.observers.map((o) => [o, staffLog] as const)] as const) {
        const got = new Set(client.seqs);
        duplicated += client.seqs.length - got.size;
        // Events appended after the client's last frame (its own participant.left…) are not lost.
        lost +=
          log.filter((e) => e.seq <= client.lastSeq && !got.has(e.seq)).length +
          log.filter((e) => e.seq > client.lastSeq && e.type !== 'participant.left' && e.type !== 'participant.joined').length;
        reordered += client.disorder;
      }
    }
    // End every session and close every socket: the server must let go of all of it.
    await inBatches(rooms, 20, (room) => room.observers[0]!.command('session.end', {}).catch(() => undefined));
    await inBatches(all, 50, (c) => c.close());
    await new Promise((r) => setTimeout(r, 2_000));
    await metrics(atelier, { gc: true });
    const after = await metrics(atelier, { gc: true });
    const half = samples.filter((s) => s.t >= options.minutes / 2);
    const use = half.length >= 3 ? half : samples;
    return {
      sessions: options.sessions,
      minutes: options.minutes,
      turns,
      refusals,
      drops,
      clients: all.length,
      lost,
      duplicated,
      reordered,
      rss: {
        startMb: samples[0]?.rss ?? NaN,
        endMb: samples.at(-1)?.rss ?? NaN,
        slopeMbPerMin: slope(
          use.map((s) => s.t),
          use.map((s) => s.rss),
        ),
      },
      heap: {
        startMb: samples[0]?.heap ?? NaN,
        endMb: samples.at(-1)?.heap ?? NaN,
        slopeMbPerMin: slope(
          use.map((s) => s.t),
          use.map((s) => s.heap),
        ),
      },
      released: {
        baselineHeapMb: baseline.memory.heapUsed / 2 ** 20,
        afterHeapMb: after.memory.heapUsed / 2 ** 20,
        baselineRssMb: baseline.memory.rss / 2 ** 20,
        afterRssMb: after.memory.rss / 2 ** 20,
      },
      serverLoopP99Ms: last.eventLoopDelayMs.p99,
    };
  } finally {
    await atelier.stop();
  }
}
