import { startFakeOpenAI } from './fake-openai';

// The fake provider in a process of its own (the load benchmark's client process is busy
// enough): prints `{"url"}` on its first line, exits when its stdin closes.

const provider = await startFakeOpenAI({
  chunks: Number(process.env.FAKE_CHUNKS ?? 20),
  intervalMs: Number(process.env.FAKE_INTERVAL_MS ?? 50),
});
process.stdout.write(`${JSON.stringify({ url: provider.url })}\n`);
process.stdin.resume();
process.stdin.on('end', () => void provider.close().then(() => process.exit(0)));
