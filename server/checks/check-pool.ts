import type { Worker } from 'node:worker_threads';
import { checkExpectations, type CheckResult, type Expectation } from '../../shared/expectations';
import type { CheckJob, SchemaJob, WorkerJob } from './check-worker';
import { startWorker } from '../worker-thread';

// Checking answers off the event loop. A candidate's regular expressions run in a linear-time
// engine, but a linear pattern can still have a large constant on a long answer (~0.5 s has
// been measured): run on the loop, that would be every session's stall. Here each answer's
// checks run on a worker thread, sessions take turns (round robin, so one candidate's many
// slow checks do not queue everyone else's), and a check that runs past its deadline is
// stopped — the worker is replaced — and fails with the reason. A candidate's JSON Schemas are
// compiled there too, both to check answers and to validate the schemas themselves.

export interface CheckVerdict {
  passed: boolean;
  checks: CheckResult[];
}

interface Pending {
  job: WorkerJob;
  resolve(result: unknown): void;
  /** What the job resolves with when it cannot run (the deadline, the thread, shutdown). */
  fail(reason: string): void;
}

export interface CheckPoolOptions {
  /** How long one answer's checks may take before they are stopped. */
  timeoutMs: number;
  /** Starts the thread that checks (default: check-worker.ts); tests give one they can make slow. */
  startWorker?: () => Worker;
}

export class CheckPool {
  private worker: { thread: Worker; ready: boolean } | null = null;
  private readonly queues = new Map<string, Pending[]>();
  private running: { pending: Pending; timer: NodeJS.Timeout } | null = null;
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: CheckPoolOptions) {}

  /** The verdict of `text` against `expectations`; never rejects. */
  check(sessionId: string, text: string, expectations: readonly Expectation[]): Promise<CheckVerdict> {
    // Nothing a candidate controls can be slow without a pattern or a schema: those checks stay here.
    if (this.closed || !expectations.some((e) => e.kind === 'regex' || e.kind === 'json_schema'))
      return Promise.resolve(checkExpectations(text, expectations));
    const job: CheckJob = { id: this.nextId++, kind: 'check', text, expectations: [...expectations] };
    return this.enqueue(sessionId, job, (reason) => failedAll(job.expectations, reason));
  }

  /** Why each of these JSON Schemas cannot be used (null where it can), compiled off the event loop; never rejects. */
  schemaIssues(sessionId: string, schemas: readonly unknown[]): Promise<(string | null)[]> {
    if (schemas.length === 0) return Promise.resolve([]);
    const job: SchemaJob = { id: this.nextId++, kind: 'schemas', schemas: [...schemas] };
    return this.enqueue(sessionId, job, (reason) => schemas.map(() => reason));
  }

  private enqueue<T>(sessionId: string, job: WorkerJob, failed: (reason: string) => T): Promise<T> {
    if (this.closed) return Promise.resolve(failed('The server is shutting down.'));
    return new Promise<T>((resolve) => {
      const queue = this.queues.get(sessionId) ?? [];
      queue.push({ job, resolve: (result) => resolve(result as T), fail: (reason) => resolve(failed(reason)) });
      this.queues.set(sessionId, queue);
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker?.thread;
    this.worker = null;
    if (this.running) this.stopRunning('The server is shutting down.');
    this.failQueued('The server is shutting down.');
    await worker?.terminate();
  }

  private failQueued(reason: string): void {
    for (const queue of this.queues.values()) for (const pending of queue) pending.fail(reason);
    this.queues.clear();
  }

  /** Starts the next job, taking sessions in turn, once a worker is ready for it. */
  private pump(): void {
    if (this.running || this.closed || this.queues.size === 0) return;
    const worker = this.ensureWorker();
    if (!worker.ready) return; // its ready message pumps again
    const next = this.queues.entries().next();
    if (next.done) return;
    const [sessionId, queue] = next.value;
    const pending = queue.shift()!;
    // Round robin: this session goes to the back of the line.
    this.queues.delete(sessionId);
    if (queue.length > 0) this.queues.set(sessionId, queue);
    const timer = setTimeout(() => {
      this.stopRunning(`These checks took longer than ${this.options.timeoutMs} ms and were stopped.`);
      this.pump();
    }, this.options.timeoutMs);
    this.running = { pending, timer };
    worker.thread.postMessage(pending.job);
  }

  private ensureWorker(): { thread: Worker; ready: boolean } {
    if (this.worker) return this.worker;
    const thread = (this.options.startWorker ?? (() => startWorker(import.meta.url, 'check-worker')))();
    thread.unref();
    const worker = { thread, ready: false };
    thread.on('message', (message: { ready: true } | { id: number; result: unknown }) => {
      if ('ready' in message) {
        worker.ready = true;
        return this.pump();
      }
      const running = this.running;
      if (!running || running.pending.job.id !== message.id) return;
      clearTimeout(running.timer);
      this.running = null;
      running.pending.resolve(message.result);
      this.pump();
    });
    thread.on('error', () => {
      if (this.worker === worker) this.worker = null;
      // A worker that died takes only the job it held with it; one that could not even start
      // fails what waits (the next check tries a new one), rather than retrying in a loop.
      if (this.running) this.stopRunning('The checks could not run.');
      else if (!worker.ready) this.failQueued('The checks could not run.');
      this.pump();
    });
    this.worker = worker;
    return worker;
  }

  /** Fails the running job with `reason` and drops its worker (a stuck thread cannot be interrupted otherwise). */
  private stopRunning(reason: string): void {
    const running = this.running;
    if (!running) return;
    clearTimeout(running.timer);
    this.running = null;
    const worker = this.worker;
    this.worker = null;
    void worker?.thread.terminate();
    running.pending.fail(reason);
  }
}

function failedAll(expectations: readonly Expectation[], reason: string): CheckVerdict {
  const checks = checkExpectations('', expectations).checks.map((check) => ({ ...check, passed: false, error: reason }));
  return { passed: false, checks };
}
