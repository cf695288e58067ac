import type { SessionEvent } from '../../shared/events';
import type { EventStore } from './event-store';

// Group commit. Appends queue up during one turn of the event loop and are committed together,
// in one transaction, before any of them is broadcast: write-before-broadcast holds, but a
// hundred streams cost one commit per loop turn instead of one per delta. A single-row
// commit costs ~0.15 ms here (docs/benchmarks.md), which is what made per-delta commits the
// bottleneck.

export interface PendingAppend {
  sessionId: string;
  events: readonly SessionEvent[];
  /** More writes for the same transaction (read models). */
  alsoInTransaction?: () => void;
  /** Runs once the batch is durable: broadcasting, acks. */
  afterCommit: () => void;
  /** Runs instead when the batch could not be committed. */
  onFailure: (error: unknown) => void;
}

export class GroupCommit {
  private pending: PendingAppend[] = [];
  private scheduled = false;

  constructor(private readonly store: EventStore) {}

  get size(): number {
    return this.pending.length;
  }

  enqueue(entry: PendingAppend): void {
    this.pending.push(entry);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  /** Commits everything queued now. Safe to call at any time (joins, shutdown, tests). */
  flush(): void {
    this.scheduled = false;
    while (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      try {
        this.store.appendBatch(batch);
      } catch (error) {
        for (const entry of batch) entry.onFailure(error);
        continue;
      }
      // Callbacks may append again: those land in the next batch of this loop.
      for (const entry of batch) entry.afterCommit();
    }
  }
}
