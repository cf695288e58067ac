import WebSocket from 'ws';
import { startAtelier } from '../tests/helpers/server-process';
import { benchMessage, chunkStamps, startFakeOpenAI } from './fake-openai';
import { createSession, LiveClient, serverLog } from './lib/live-client';
import { startTsChild } from './lib/processes';
import { epochNow, percentile } from './lib/stats';

// Row 4: fan-out. One session, its candidate streaming answers (coalescing off: one delta
// event per provider chunk) and 10 observers (5 interviewer sockets, 5 reviewer sockets).
// Reference, same rounds: a bare `ws` relay process reading the same provider with the same
// SDK and broadcasting the same frames to 10 sockets. Latency: provider chunk written →
// frame received, per observer. Counting: each observer must receive each delta exactly once.

export interface FanoutResult {
  observers: number;
  deltas: number;
  atelier: { p50: number; p99: number; spreadP99: number };
  bare: { p50: number; p99: number; spreadP99: number };
  addedP99: number;
  framesPerObserverPerDelta: number;
  countOk: boolean;
}

export async function benchFanout(options: {
  observers: number;
  rounds: number;
  chunks: number;
  intervalMs: number;
}): Promise<FanoutResult> {
  const provider = await startFakeOpenAI({ chunks: options.chunks, intervalMs: options.intervalMs });
  const relay = await startTsChild<{ url: string }>('bench/bare-relay.ts');
  const atelier = await startAtelier({ fakeProviderUrl: provider.url, env: { ATELIER_DELTA_INTERVAL_MS: '0' } });
  try {
    const session = await createSession(atelier);
    const candidate = new LiveClient(atelier, session.id, session.tokens.candidate);
    await candidate.connect();
    await candidate.command('session.start', {});
    const observers = Array.from(
      { length: options.observers },
      (_, i) => new LiveClient(atelier, session.id, i % 2 === 0 ? session.tokens.interviewer : session.tokens.reviewer),
    );
    for (const o of observers) await o.connect();
    const atelierLatency: number[] = [];
    const bareLatency: number[] = [];
    const atelierSpread = new Map<string, number[]>();
    const bareSpread = new Map<string, number[]>();
    const deltaFrames = observers.map(() => 0);
    const deltaSeqs = observers.map(() => new Set<number>());
    observers.forEach((o, i) =>
      o.onEvent((event, receivedAt) => {
        if (event.type !== 'turn.delta') return;
        deltaFrames[i]!++;
        deltaSeqs[i]!.add(event.seq);
        const now = performance.timeOrigin + receivedAt;
        for (const { k, sentAt } of chunkStamps(event.data.text ?? '')) {
          atelierLatency.push(now - sentAt);
          const key = `${event.data.turnId}:${k}`;
          (atelierSpread.get(key) ?? atelierSpread.set(key, []).get(key)!).push(now);
        }
      }),
    );
    const bareObservers = await Promise.all(
      Array.from({ length: options.observers }, async () => {
        const ws = new WebSocket(relay.info.url, { perMessageDeflate: false });
        await new Promise((r) => ws.once('open', r));
        ws.send(JSON.stringify({ observe: true }));
        ws.on('message', (raw) => {
          const now = epochNow();
          const frame = JSON.parse(raw.toString()) as { event: { data: { text: string } } };
          for (const { k, sentAt } of chunkStamps(frame.event.data.text)) {
            bareLatency.push(now - sentAt);
            const key = `${sentAt}:${k}`;
            (bareSpread.get(key) ?? bareSpread.set(key, []).get(key)!).push(now);
          }
        });
        return ws;
      }),
    );
    const driver = new WebSocket(relay.info.url, { perMessageDeflate: false });
    await new Promise((r) => driver.once('open', r));
    await new Promise((r) => setTimeout(r, 100));
    const runBare = async (id: string) => {
      const done = new Promise((r) => driver.once('message', r));
      driver.send(JSON.stringify({ go: { baseUrl: `${provider.url}/v1`, content: benchMessage(id) } }));
      await done;
      await new Promise((r) => setTimeout(r, 20));
    };
    const runAtelier = async (id: string) => {
      let turnId: string | undefined;
      const done = new Promise<void>((resolve) => {
        const off = candidate.onEvent((event) => {
          if (event.type === 'turn.started' && event.data.threadId === id) turnId = event.data.turnId;
          if (event.data.turnId === turnId && (event.type === 'turn.completed' || event.type === 'turn.failed')) (off(), resolve());
        });
      });
      await candidate.command('message.send', { text: benchMessage(id), model: 'bench/fake', threadId: id });
      await done;
      await new Promise((r) => setTimeout(r, 20));
    };
    // Warm-up, then measured rounds alternating which path goes first.
    await runBare('warm-bare');
    await runAtelier('warm-atelier');
    atelierLatency.length = 0;
    bareLatency.length = 0;
    atelierSpread.clear();
    bareSpread.clear();
    for (let round = 0; round < options.rounds; round++) {
      if (round % 2 === 0) {
        await runBare(`bare-${round}`);
        await runAtelier(`fan-${round}`);
      } else {
        await runAtelier(`fan-${round}`);
        await runBare(`bare-${round}`);
      }
    }
    // Counting, against the log: every observer got every delta exactly once.
    const log = await serverLog(atelier, session.id, session.tokens.interviewer);
    const deltaEvents = log.filter((e) => e.type === 'turn.delta').length;
    const countOk =
      deltaSeqs.every((s, i) => s.size === deltaEvents && deltaFrames[i] === deltaEvents) && observers.every((o) => o.disorder === 0);
    const spreads = (m: Map<string, number[]>) =>
      [...m.values()].filter((v) => v.length === options.observers).map((v) => Math.max(...v) - Math.min(...v));
    for (const ws of bareObservers) ws.close();
    driver.close();
    await Promise.all([candidate.close(), ...observers.map((o) => o.close())]);
    const a = {
      p50: percentile(atelierLatency, 50),
      p99: percentile(atelierLatency, 99),
      spreadP99: percentile(spreads(atelierSpread), 99),
    };
    const b = { p50: percentile(bareLatency, 50), p99: percentile(bareLatency, 99), spreadP99: percentile(spreads(bareSpread), 99) };
    return {
      observers: options.observers,
      deltas: deltaEvents,
      atelier: a,
      bare: b,
      addedP99: a.p99 - b.p99,
      framesPerObserverPerDelta: deltaFrames.reduce((x, y) => x + y, 0) / options.observers / deltaEvents,
      countOk,
    };
  } finally {
    await atelier.stop();
    await relay.stop();
    await provider.close();
  }
}
