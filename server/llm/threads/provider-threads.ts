import type { Worker } from 'node:worker_threads';
import { startWorker } from '../../worker-thread';
import type { ProviderConfig } from '../config';
import { interruptedError } from '../errors';
import type { LlmProvider, LlmRequest, ProviderError, StreamPart } from '../provider';
import type { FromProviderThread, ToProviderThread } from './messages';

// Provider streams read on worker threads. Under load, reading a hundred streams — undici's
// HTTP parse, the SDK's SSE decode, the adapter's mapping — was a fifth of the server's event
// loop (docs/benchmarks.md, issue 21): time every session's deltas, commits and sockets waited
// behind. Here each stream is read by one of a few threads (provider-worker.ts), which post
// the normalized parts back, one message per turn of their loop for all their streams.
// A provider built from config (OpenAI-compatible, Anthropic) can be read this way; the
// offline simulator and providers given as objects (tests) stay on the main thread.

export interface ProviderThreadsOptions {
  /** How many threads at most; streams go to the least busy one. */
  size: number;
  /** Starts a thread (default: provider-worker.ts); tests give one that fails. */
  startWorker?: () => Worker;
}

interface Thread {
  worker: Worker;
  streams: Map<number, ThreadStream>;
}

export class ProviderThreads {
  private readonly threads: Thread[] = [];
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: ProviderThreadsOptions) {}

  /** `provider` (built from `config` and `key` by create-provider.ts), read on a thread. */
  wrap(provider: LlmProvider, config: ProviderConfig, key: string | undefined): LlmProvider {
    return {
      id: provider.id,
      kind: provider.kind,
      stream: (request, signal) => ({ [Symbol.asyncIterator]: () => this.open(config, key, request, signal) }),
    };
  }

  /** Starts the threads now, so that the first answer does not wait for one to boot. */
  warm(): void {
    while (!this.closed && this.threads.length < this.options.size) this.spawn();
  }

  async close(): Promise<void> {
    this.closed = true;
    const threads = this.threads.splice(0);
    for (const thread of threads) this.fail(thread, 'the server is stopping');
    await Promise.all(threads.map((thread) => thread.worker.terminate()));
  }

  private open(config: ProviderConfig, key: string | undefined, request: LlmRequest, signal: AbortSignal): AsyncIterator<StreamPart> {
    const id = this.nextId++;
    if (this.closed) return ThreadStream.failed(interruptedError('the server is stopping'));
    const thread = this.leastBusy();
    const stop = () => {
      if (thread.streams.delete(id)) post(thread, { type: 'abort', id });
    };
    const stream = new ThreadStream(signal, stop);
    if (signal.aborted) return stream;
    thread.streams.set(id, stream);
    post(thread, { type: 'start', id, config, key, request });
    return stream;
  }

  private leastBusy(): Thread {
    if (this.threads.length < this.options.size) {
      const idle = this.threads.find((thread) => thread.streams.size === 0);
      return idle ?? this.spawn();
    }
    return this.threads.reduce((best, thread) => (thread.streams.size < best.streams.size ? thread : best));
  }

  private spawn(): Thread {
    const worker = (this.options.startWorker ?? (() => startWorker(import.meta.url, 'provider-worker')))();
    // An idle thread does not keep the process alive; the server's sockets do while it serves.
    worker.unref();
    const thread: Thread = { worker, streams: new Map() };
    worker.on('message', (message: FromProviderThread) => {
      for (const [id, part] of message) {
        const stream = thread.streams.get(id);
        if (!stream) continue; // stopped by its caller: what was already on the way is dropped
        if (part === null) thread.streams.delete(id);
        stream.deliver(part);
      }
    });
    const lost = (reason: string) => {
      const index = this.threads.indexOf(thread);
      if (index !== -1) this.threads.splice(index, 1);
      this.fail(thread, reason);
    };
    worker.on('error', (error) => lost(`the provider thread failed: ${error.message}`));
    worker.on('exit', () => lost('the provider thread stopped'));
    this.threads.push(thread);
    return thread;
  }

  /** The thread is gone: each of its streams ends with an error (the retry layer decides what then). */
  private fail(thread: Thread, reason: string): void {
    for (const stream of thread.streams.values()) {
      stream.deliver({ type: 'error', error: interruptedError(reason) });
      stream.deliver(null);
    }
    thread.streams.clear();
  }
}

function post(thread: Thread, message: ToProviderThread): void {
  thread.worker.postMessage(message);
}

/**
 * One stream's parts as they arrive from its thread, as an async iterator. Hand-written, not an
 * async generator: a part costs the main thread one resolved promise, no generator around it.
 * Aborting `signal` or leaving the loop early stops the upstream read and ends the stream (the
 * contract of LlmProvider.stream: no `finish`, no `error` after an abort).
 */
class ThreadStream implements AsyncIterator<StreamPart> {
  private readonly buffered: StreamPart[] = [];
  private ended = false;
  private waiting: ((result: IteratorResult<StreamPart>) => void) | null = null;
  private readonly onAbort = () => this.stop();

  constructor(
    private readonly signal: AbortSignal | null,
    private readonly stopUpstream: () => void,
  ) {
    if (!signal) return;
    if (signal.aborted) this.ended = true;
    else signal.addEventListener('abort', this.onAbort, { once: true });
  }

  /** A stream that only fails, for when no thread can take it. */
  static failed(error: ProviderError): ThreadStream {
    const stream = new ThreadStream(null, () => {});
    stream.deliver({ type: 'error', error });
    stream.deliver(null);
    return stream;
  }

  /** The next part from the thread, or `null`: the stream is over. */
  deliver(part: StreamPart | null): void {
    if (this.ended) return;
    if (part === null) return this.end();
    const waiting = this.waiting;
    if (waiting) {
      this.waiting = null;
      waiting({ value: part, done: false });
    } else this.buffered.push(part);
  }

  next(): Promise<IteratorResult<StreamPart>> {
    const part = this.buffered.shift();
    if (part) return Promise.resolve({ value: part, done: false });
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.waiting = resolve));
  }

  return(): Promise<IteratorResult<StreamPart>> {
    this.stop();
    return Promise.resolve({ value: undefined, done: true });
  }

  private stop(): void {
    if (this.ended) return;
    this.stopUpstream();
    this.buffered.length = 0;
    this.end();
  }

  private end(): void {
    this.ended = true;
    this.signal?.removeEventListener('abort', this.onAbort);
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.({ value: undefined, done: true });
  }
}
