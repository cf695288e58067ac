import OpenAI from 'openai';
import { createProvider } from '../server/llm/create-provider';
import { OpenAIProvider } from '../server/llm/openai/openai-provider';
import type { LlmProvider } from '../server/llm/provider';
import { ProviderThreads } from '../server/llm/threads/provider-threads';
import { startTsChild } from './lib/processes';

// What reading a provider's stream costs per chunk, all threads of this process counted: 50
// answers at once from the fake provider (bench/fake-openai.ts, in a process of its own), 200
// chunks each, read
//  - by the `openai` SDK itself (fetch, its SSE decoder), as the bare recording relay reads;
//  - by the OpenAI adapter over the SDK's fetch (the adapter's own event read on a web body);
//  - by the adapter as configured (eventStreamFetch: node:http, one SSE parser);
//  - by the adapter on a provider thread, the parts posted back to this thread.
// Rounds alternate the four, so that the host's drift touches each alike.
// `npx tsx bench/provider-read.ts`: µs of CPU per chunk, each round and the median.

const STREAMS = 50;
const CHUNKS = 200;
const ROUNDS = 6;

const fake = await startTsChild<{ url: string }>('bench/fake-openai-process.ts', {
  FAKE_CHUNKS: String(CHUNKS),
  FAKE_INTERVAL_MS: '4',
});
const { url } = fake.info;
const config = { id: 'fake', kind: 'openai' as const, baseUrl: `${url}/v1` };
const threads = new ProviderThreads({ size: 1 });
threads.warm();
const adapter = createProvider(config, 'key');
const overSdkFetch = new OpenAIProvider({ id: 'fake', apiKey: 'key', baseUrl: `${url}/v1`, fetch: globalThis.fetch });
const sdk = new OpenAI({ apiKey: 'key', baseURL: `${url}/v1`, maxRetries: 0 });

const request = (i: number) => ({
  model: 'fake',
  system: '',
  messages: [{ role: 'user' as const, content: `bench:read-${i}` }],
  params: { temperature: 1, topP: 1, maxOutputTokens: 10 },
});

async function readSdk(i: number): Promise<number> {
  let chunks = 0;
  const stream = await sdk.chat.completions.create({
    model: 'fake',
    stream: true,
    messages: [{ role: 'user', content: `bench:read-${i}` }],
  });
  for await (const chunk of stream) if (chunk.choices[0]?.delta?.content) chunks++;
  return chunks;
}

const readAdapter = (provider: LlmProvider) => async (i: number) => {
  let chunks = 0;
  for await (const part of provider.stream(request(i), new AbortController().signal)) if (part.type === 'text-delta') chunks++;
  return chunks;
};

const ways: Record<string, (i: number) => Promise<number>> = {
  'the SDK itself': readSdk,
  'the adapter over the SDK’s fetch': readAdapter(overSdkFetch),
  'the adapter (eventStreamFetch)': readAdapter(adapter),
  'the adapter on a provider thread': readAdapter(threads.wrap(adapter, config, 'key')),
};
const results = new Map<string, number[]>(Object.keys(ways).map((name) => [name, []]));
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, read] of Object.entries(ways)) {
    const from = process.cpuUsage();
    const counts = await Promise.all(Array.from({ length: STREAMS }, (_, i) => read(i)));
    const cpu = process.cpuUsage(from);
    const chunks = counts.reduce((sum, n) => sum + n, 0);
    if (chunks !== STREAMS * CHUNKS) throw new Error(`${name} read ${chunks} chunks of ${STREAMS * CHUNKS}`);
    results.get(name)!.push((cpu.user + cpu.system) / chunks);
  }
}
await threads.close();
await fake.stop();

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
for (const [name, perChunk] of results) {
  // The first round warms each path up (JIT, connections): left out of the median.
  console.log(
    `${name}: ${perChunk.map((x) => x.toFixed(1)).join(', ')} µs per chunk (median of rounds 2–${ROUNDS}: ${median(perChunk.slice(1)).toFixed(1)})`,
  );
}
process.exit(0);
