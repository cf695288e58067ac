import { parentPort } from 'node:worker_threads';
import { createProvider } from '../create-provider';
import { interruptedError } from '../errors';
import type { LlmProvider, StreamPart } from '../provider';
import type { FromProviderThread, ToProviderThread } from './messages';

// A provider thread: reads provider streams (the HTTP response, the SSE parse of
// event-stream-fetch.ts, the adapter's mapping to stream parts) off the server's event loop, and
// posts the parts back.
// The adapters are the catalog's own (create-provider.ts); retries and the idle watchdog stay
// on the main thread (retry.ts), so a thread that stops answering is still timed out there.

const port = parentPort!;
const providers = new Map<string, LlmProvider>();
const running = new Map<number, AbortController>();
let outbox: FromProviderThread = [];

function post(id: number, part: StreamPart | null): void {
  if (outbox.length === 0) setImmediate(flush);
  outbox.push([id, part]);
}

function flush(): void {
  const message = outbox;
  outbox = [];
  port.postMessage(message);
}

/** One adapter (one SDK client, one connection pool) per configured provider. */
function providerFor(message: Extract<ToProviderThread, { type: 'start' }>): LlmProvider {
  const key = JSON.stringify([message.config, message.key ?? null]);
  let provider = providers.get(key);
  if (!provider) providers.set(key, (provider = createProvider(message.config, message.key)));
  return provider;
}

async function read(message: Extract<ToProviderThread, { type: 'start' }>): Promise<void> {
  const controller = new AbortController();
  running.set(message.id, controller);
  try {
    for await (const part of providerFor(message).stream(message.request, controller.signal)) post(message.id, part);
  } catch {
    // Adapters never throw (provider.ts); should one, that stream fails, not the thread. Its
    // message is not passed on: only the adapters know how to scrub keys out of one.
    if (!controller.signal.aborted) post(message.id, { type: 'error', error: interruptedError('the provider adapter threw') });
  } finally {
    running.delete(message.id);
    post(message.id, null);
  }
}

port.on('message', (message: ToProviderThread) => {
  if (message.type === 'abort') running.get(message.id)?.abort();
  else void read(message);
});
