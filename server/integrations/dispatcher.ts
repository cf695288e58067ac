import type { Clock } from '../clock';
import type { AttemptResult, DeliveryKind, DeliveryRow, OutboxStore } from '../db/outbox-store';
import { newId } from '../ids';
import type { OutboundRequest, SendResult } from './outbound-http';
import { retryDelayMs, stillRetrying } from './retry-schedule';

// Sends the outbox. A delivery is picked when it is due and is the first unsettled one of its
// endpoint and session (so a receiver sees a session's events in order, even after being down);
// its attempt is written as 'sending' before the request leaves, so after a crash that attempt
// is known as interrupted and the retry goes out under a new attempt id: no attempt id is ever
// sent twice. Up to `concurrency` requests run at once, each bounded by the sender's timeout.
// Retries wait on the injectable clock (retry-schedule.ts), so tests move hours in a call.

/** What a delivery becomes on the wire, or why it cannot be sent any more (its target is gone). */
export type Target = (delivery: DeliveryRow, attemptId: string, now: number) => OutboundRequest | { gone: string };

export interface DispatcherDeps {
  outbox: OutboxStore;
  clock: Clock;
  targets: Record<DeliveryKind, Target>;
  send: (request: OutboundRequest, signal: AbortSignal) => Promise<SendResult>;
  /** The sender's bound on one request; a delivery is held this long (and a minute) while in flight. */
  timeoutMs: number;
  concurrency: number;
  reportError?: (error: unknown) => void;
}

export class Dispatcher {
  private readonly busy = new Set<string>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly abort = new AbortController();
  private timer: { cancel(): void } | null = null;
  private wakeQueued = false;
  private running = false;

  constructor(private readonly deps: DispatcherDeps) {}

  /** At start: what a crash left in flight is due again, under new attempt ids. */
  start(): void {
    this.running = true;
    this.deps.outbox.interruptSending(this.deps.clock.now());
    this.pump();
  }

  /** Something was queued or re-sent: look at the outbox soon (after the current transaction). */
  wake(): void {
    if (!this.running || this.wakeQueued) return;
    this.wakeQueued = true;
    setImmediate(() => {
      this.wakeQueued = false;
      this.pump();
    });
  }

  isSending(deliveryId: string): boolean {
    return this.busy.has(deliveryId);
  }

  /** Stops sending: requests in flight are cut and recorded as interrupted, to go again at the next start. */
  async stop(): Promise<void> {
    this.running = false;
    this.timer?.cancel();
    this.abort.abort();
    await Promise.allSettled([...this.inFlight]);
  }

  /** Resolves once nothing is in flight (tests). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0 || this.wakeQueued) {
      await Promise.allSettled([...this.inFlight]);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  private pump(): void {
    if (!this.running) return;
    try {
      const free = this.deps.concurrency - this.busy.size;
      if (free > 0) {
        for (const delivery of this.deps.outbox.due(this.deps.clock.now(), free, this.busy)) this.launch(delivery);
      }
      this.arm();
    } catch (error) {
      this.deps.reportError?.(error);
    }
  }

  /** Wakes up when the next delivery is due (a finished attempt wakes it up sooner). */
  private arm(): void {
    this.timer?.cancel();
    this.timer = null;
    if (this.busy.size >= this.deps.concurrency) return;
    const at = this.deps.outbox.nextDueAt();
    if (at === undefined) return;
    const now = this.deps.clock.now();
    // Due now but not picked (all held by work in flight): that work's end wakes us.
    if (at <= now) return;
    this.timer = this.deps.clock.setTimeout(() => this.pump(), at - now);
  }

  private launch(delivery: DeliveryRow): void {
    this.busy.add(delivery.id);
    const work = this.attempt(delivery)
      .catch((error: unknown) => this.deps.reportError?.(error))
      .finally(() => {
        this.busy.delete(delivery.id);
        this.inFlight.delete(work);
        this.wake();
      });
    this.inFlight.add(work);
  }

  private async attempt(delivery: DeliveryRow): Promise<void> {
    const { outbox, clock } = this.deps;
    const attemptId = newId();
    const startedAt = clock.now();
    const request = this.deps.targets[delivery.kind](delivery, attemptId, startedAt);
    if (!outbox.startAttempt(delivery.id, attemptId, startedAt, startedAt + this.deps.timeoutMs + 60_000)) return;
    if ('gone' in request) {
      outbox.finishAttempt(delivery.id, attemptId, {
        outcome: 'refused',
        statusCode: null,
        error: request.gone,
        finishedAt: startedAt,
        delivery: { status: 'failed', settledAt: startedAt },
      });
      return;
    }
    const sent = await this.deps.send(request, this.abort.signal);
    const now = clock.now();
    outbox.finishAttempt(delivery.id, attemptId, this.resultOf(delivery, sent, now));
  }

  private resultOf(delivery: DeliveryRow, sent: SendResult, now: number): AttemptResult {
    const retry = (outcome: AttemptResult['outcome'], statusCode: number | null, error: string | null): AttemptResult => ({
      outcome,
      statusCode,
      error,
      finishedAt: now,
      delivery: stillRetrying(delivery.createdAt, now)
        ? { status: 'pending', nextAttemptAt: now + retryDelayMs(delivery.attempts + 1) }
        : { status: 'failed', settledAt: now },
    });
    switch (sent.kind) {
      case 'response':
        if (sent.status >= 200 && sent.status < 300)
          return {
            outcome: 'delivered',
            statusCode: sent.status,
            error: null,
            finishedAt: now,
            delivery: { status: 'delivered', settledAt: now },
          };
        return retry('http_error', sent.status, `The receiver answered ${sent.status}.`);
      case 'timeout':
        return retry('timeout', null, `No complete answer within ${this.deps.timeoutMs} ms.`);
      case 'network':
        return retry('network_error', null, sent.message);
      case 'refused':
        return retry('refused', null, sent.message);
      case 'aborted':
        // The server is stopping: the attempt is cut and the delivery goes again at the next start.
        return {
          outcome: 'interrupted',
          statusCode: null,
          error: 'The server stopped before the answer came.',
          finishedAt: now,
          delivery: { status: 'pending', nextAttemptAt: now },
        };
    }
  }
}
