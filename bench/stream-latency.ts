import OpenAI from 'openai';
import { startAtelier, type AtelierProcess } from '../tests/helpers/server-process';
import { benchMessage, chunkStamps, startFakeOpenAI } from './fake-openai';
import { createSession, inBatches, LiveClient } from './lib/live-client';
import { startPortkey } from './lib/processes';
import { epochNow, percentile } from './lib/stats';

// Rows 1 and 2: time to first token and per-chunk latency, from the fake provider writing a
// chunk to that chunk reaching a reader — the same provider read straight with the OpenAI SDK
// (the reference), through Atelier to the candidate's WebSocket, and through Portkey's gateway
// with the same SDK. All three read in the same rounds, in rotating order, so a noisy
// neighbour hits them alike. Readers and the provider share this process's clock.

export interface LatencySample {
  ttft: number[];
  perChunk: number[];
  /** Streams that broke (connection error, failed turn): counted, not measured. */
  errors: number;
  firstError?: string;
}

const emptySample = (): LatencySample => ({ ttft: [], perChunk: [], errors: 0 });

function failed(sample: LatencySample, error: unknown) {
  sample.errors++;
  sample.firstError ??= error instanceof Error ? error.message : String(error);
}

export interface Pace {
  chunks: number;
  intervalMs: number;
  /** The provider's own time to first token. */
  delayMs: number;
}

/** Starts `count` streams, spread evenly over `staggerMs` (0: all in the same millisecond). */
async function spread<T>(count: number, staggerMs: number, fn: (i: number) => Promise<T>): Promise<T[]> {
  return Promise.all(
    Array.from({ length: count }, (_, i) => {
      const wait = count > 1 ? (staggerMs * i) / count : 0;
      return wait > 0 ? new Promise<T>((resolve, reject) => setTimeout(() => fn(i).then(resolve, reject), wait)) : fn(i);
    }),
  );
}

function record(sample: LatencySample, text: string, now: number, first: { seen: boolean }) {
  for (const { k, sentAt } of chunkStamps(text)) {
    sample.perChunk.push(now - sentAt);
    if (k === 0 && !first.seen) {
      sample.ttft.push(now - sentAt);
      first.seen = true;
    }
  }
}

export async function readWithSdk(client: OpenAI, streams: number, tag: string, pace: Pace, staggerMs: number): Promise<LatencySample> {
  const sample = emptySample();
  await spread(streams, staggerMs, async (i) => {
    try {
      const stream = await client.chat.completions.create({
        model: 'fake',
        stream: true,
        messages: [{ role: 'user', content: benchMessage(`${tag}-${i}`, pace) }],
      });
      const first = { seen: false };
      for await (const chunk of stream) record(sample, chunk.choices[0]?.delta?.content ?? '', epochNow(), first);
    } catch (error) {
      failed(sample, error);
    }
  });
  return sample;
}

/** Opens `count` live sessions with their candidate connected and the session started. */
export async function openCandidates(atelier: AtelierProcess, count: number): Promise<LiveClient[]> {
  return inBatches(Array.from({ length: count }), 20, async () => {
    const session = await createSession(atelier);
    const candidate = new LiveClient(atelier, session.id, session.tokens.candidate);
    await candidate.connect();
    await candidate.command('session.start', {});
    return candidate;
  });
}

/** One answer per candidate, each in a new thread; resolves when every turn has completed. */
export async function readThroughAtelier(
  candidates: readonly LiveClient[],
  tag: string,
  pace: Pace,
  staggerMs: number,
): Promise<LatencySample> {
  const sample = emptySample();
  await spread(candidates.length, staggerMs, async (i) => {
    const candidate = candidates[i]!;
    const id = `${tag}-${i}`;
    const first = { seen: false };
    let turnId: string | undefined;
    const done = new Promise<void>((resolve, reject) => {
      const off = candidate.onEvent((event, receivedAt) => {
        if (event.type === 'turn.started' && event.data.threadId === id) turnId = event.data.turnId;
        if (event.data.turnId !== turnId || turnId === undefined) return;
        if (event.type === 'turn.delta') record(sample, event.data.text ?? '', performance.timeOrigin + receivedAt, first);
        else if (event.type === 'turn.completed') (off(), resolve());
        else if (event.type === 'turn.failed' || event.type === 'turn.cancelled')
          (off(), reject(new Error(`${event.type}: ${JSON.stringify(event.data)}`)));
      });
    });
    try {
      await candidate.command('message.send', { text: benchMessage(id, pace), model: 'bench/fake', threadId: id });
      await done;
    } catch (error) {
      failed(sample, error);
    }
  });
  return sample;
}

export interface PathFigures {
  p50: number;
  p99: number;
}

export interface LatencyRow {
  label: string;
  streams: number;
  staggerMs: number;
  coalescingMs: number;
  direct: { ttft: PathFigures; perChunk: PathFigures };
  atelier: { ttft: PathFigures; perChunk: PathFigures };
  portkey?: { ttft: PathFigures; perChunk: PathFigures };
  samples: { direct: number; atelier: number; portkey: number };
  errors: { direct: number; atelier: number; portkey: number; first?: string };
}

const figures = (s: LatencySample) => ({
  ttft: { p50: percentile(s.ttft, 50), p99: percentile(s.ttft, 99) },
  perChunk: { p50: percentile(s.perChunk, 50), p99: percentile(s.perChunk, 99) },
});

export interface StreamLatencyOptions {
  pace: Pace;
  /** Concurrency scenarios, each measured over `rounds` rounds. */
  scenarios: { label: string; streams: number; staggerMs: number; rounds: number; portkey: boolean }[];
  coalescingMs: number[];
}

export async function benchStreamLatency(options: StreamLatencyOptions): Promise<LatencyRow[]> {
  const provider = await startFakeOpenAI({
    chunks: options.pace.chunks,
    intervalMs: options.pace.intervalMs,
    firstChunkDelayMs: options.pace.delayMs,
  });
  const portkey = options.scenarios.some((s) => s.portkey) ? await startPortkey() : undefined;
  const direct = new OpenAI({ apiKey: 'sk-bench', baseURL: `${provider.url}/v1`, maxRetries: 0 });
  const viaPortkey = portkey
    ? new OpenAI({
        apiKey: 'sk-bench',
        baseURL: `${portkey.info.url}/v1`,
        maxRetries: 0,
        defaultHeaders: { 'x-portkey-provider': 'openai', 'x-portkey-custom-host': `${provider.url}/v1` },
      })
    : undefined;
  const rows: LatencyRow[] = [];
  try {
    for (const coalescingMs of options.coalescingMs) {
      const atelier = await startAtelier({
        fakeProviderUrl: provider.url,
        env: { ATELIER_DELTA_INTERVAL_MS: String(coalescingMs), ATELIER_MAX_CONCURRENT_TURNS: '1000' },
      });
      try {
        const maxStreams = Math.max(...options.scenarios.map((s) => s.streams));
        const candidates = await openCandidates(atelier, maxStreams);
        // Warm up every path (JIT, connection pools) before measuring.
        const warm = Math.min(maxStreams, 10);
        await readWithSdk(direct, warm, `warm-d-${coalescingMs}`, options.pace, 0);
        await readThroughAtelier(candidates.slice(0, warm), `warm-a-${coalescingMs}`, options.pace, 0);
        if (viaPortkey) await readWithSdk(viaPortkey, warm, `warm-p-${coalescingMs}`, options.pace, 0);
        for (const scenario of options.scenarios) {
          const samples = { direct: emptySample(), atelier: emptySample(), portkey: emptySample() };
          const who = candidates.slice(0, scenario.streams);
          for (let round = 0; round < scenario.rounds; round++) {
            const tag = `${scenario.label}-${coalescingMs}-r${round}`;
            const runs: [keyof typeof samples, () => Promise<LatencySample>][] = [
              ['direct', () => readWithSdk(direct, scenario.streams, `${tag}-d`, options.pace, scenario.staggerMs)],
              ['atelier', () => readThroughAtelier(who, `${tag}-a`, options.pace, scenario.staggerMs)],
            ];
            if (scenario.portkey && viaPortkey)
              runs.push(['portkey', () => readWithSdk(viaPortkey, scenario.streams, `${tag}-p`, options.pace, scenario.staggerMs)]);
            // Rotate the order so that no path always runs first (or last) in a round.
            for (let j = 0; j < runs.length; j++) {
              const [name, run] = runs[(round + j) % runs.length]!;
              const s = await run();
              samples[name].ttft.push(...s.ttft);
              samples[name].perChunk.push(...s.perChunk);
              samples[name].errors += s.errors;
              samples[name].firstError ??= s.firstError;
            }
          }
          rows.push({
            label: scenario.label,
            streams: scenario.streams,
            staggerMs: scenario.staggerMs,
            coalescingMs,
            direct: figures(samples.direct),
            atelier: figures(samples.atelier),
            ...(scenario.portkey && viaPortkey ? { portkey: figures(samples.portkey) } : {}),
            samples: {
              direct: samples.direct.perChunk.length,
              atelier: samples.atelier.perChunk.length,
              portkey: samples.portkey.perChunk.length,
            },
            errors: {
              direct: samples.direct.errors,
              atelier: samples.atelier.errors,
              portkey: samples.portkey.errors,
              ...((samples.direct.firstError ?? samples.atelier.firstError ?? samples.portkey.firstError)
                ? { first: samples.direct.firstError ?? samples.atelier.firstError ?? samples.portkey.firstError }
                : {}),
            },
          });
        }
        await Promise.all(candidates.map((c) => c.close()));
      } finally {
        await atelier.stop();
      }
    }
  } finally {
    await portkey?.stop();
    await provider.close();
  }
  return rows;
}
