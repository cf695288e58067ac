import { startAtelier } from '../tests/helpers/server-process';
import { startFakeOpenAI } from './fake-openai';
import { openCandidates, readDirect, readThroughAtelier, summarize } from './stream-latency';

// Runs the stream-latency benchmark at each concurrency and returns its figures.

export interface StreamLatencyResult {
  concurrency: number;
  coalescingMs: number;
  summary: ReturnType<typeof summarize>;
}

export async function benchStreamLatency(options: { concurrencies: number[]; chunks: number; intervalMs: number; coalescingMs: number; rounds: number }): Promise<StreamLatencyResult[]> {
  const provider = await startFakeOpenAI({ chunks: options.chunks, intervalMs: options.intervalMs });
  const atelier = await startAtelier({ fakeProviderUrl: provider.url, env: { ATELIER_DELTA_INTERVAL_MS: String(options.coalescingMs), ATELIER_MAX_CONCURRENT_TURNS: '1000' } });
  const results: StreamLatencyResult[] = [];
  try {
    for (const concurrency of options.concurrencies) {
      const candidates = await openCandidates(atelier, concurrency, `c${concurrency}`);
      // Warm up both paths (JIT, connection pools) before measuring.
      await readDirect(provider, Math.min(concurrency, 10), `warm${concurrency}`);
      await readThroughAtelier(provider, candidates.slice(0, 10).map((c, i) => ({ ...c, id: `${c.id}-warm${i}` })), 'bench/fake');
      const direct = { ttft: [] as number[], perChunk: [] as number[] };
      const through = { ttft: [] as number[], perChunk: [] as number[] };
      for (let round = 0; round < options.rounds; round++) {
        // Alternate which path goes first so neither always runs on a warmer machine.
        const tag = `r${round}`;
        const a = await readDirect(provider, concurrency, `${tag}c${concurrency}`);
        const b = await readThroughAtelier(provider, candidates.map((c) => ({ ...c, id: `${c.id}-${tag}` })), 'bench/fake');
        direct.ttft.push(...a.ttft);
        direct.perChunk.push(...a.perChunk);
        through.ttft.push(...b.ttft);
        through.perChunk.push(...b.perChunk);
      }
      for (const c of candidates) c.ws.close();
      results.push({ concurrency, coalescingMs: options.coalescingMs, summary: summarize(direct, through) });
    }
  } finally {
    await atelier.stop();
    await provider.close();
  }
  return results;
}
