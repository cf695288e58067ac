import type { EventStore, SessionAppend } from './event-store';

// Group commit. Appends queue up during one turn of the event loop and are committed together,
// in one transaction, before any of them is broadcast: write-before-broadcast holds, but a
// hundred streams cost one commit per loop turn instead of one per delta. A single-row
// commit costs ~0.15 ms here (docs/benchmarks.md), which is what made per-delta commits the
// bottleneck.
//
// A batch is shared by many sessions, so a failure must stay with the session that caused it:
// when the batch fails, each session's part is committed again on its own, and only the
// sessions whose part fails again hear about it (their rooms are closed for good).

export interface PendingAppend extends SessionAppend {
  /** Runs once the batch is durable: broadcasting, acks. */
  afterCommit: () => void;
  /** Runs instead when this session's part could not be committed. */
  onFailure: (error: unknown) => void;
}

export class GroupCommit {
  private pending: PendingAppend[] = [];
  private scheduled = false;
  private taken = 0;
  /** How many entries at the head of the queue were expedited (they keep their own order). */
  private expedited = 0;

  constructor(private readonly store: EventStore) {}

  get size(): number {
    return this.pending.length;
  }

  /**
   * Which batch an entry enqueued now joins: it changes when the queue is taken to be committed.
   * An entry may still grow (more rows of its session) while this is the number it was enqueued under.
   */
  get openBatch(): number {
    return this.taken;
  }

  enqueue(entry: PendingAppend): void {
    this.pending.push(entry);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  /**
   * Moves a queued entry ahead of those not expedited, so its callbacks (its broadcast) run
   * first when the batch commits: the first token of an answer is never sent after other
   * sessions' deltas. Only moves it earlier, so what follows it (its acks) still follows it.
   */
  expedite(entry: PendingAppend): void {
    const index = this.pending.indexOf(entry);
    if (index < this.expedited) return;
    this.pending.splice(index, 1);
    this.pending.splice(this.expedited++, 0, entry);
  }

  /** Commits everything queued now. Safe to call at any time (joins, shutdown, tests). */
  flush(): void {
    this.scheduled = false;
    while (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      this.taken++;
      this.expedited = 0;
      let committed: readonly PendingAppend[] = batch;
      try {
        this.store.appendBatch(batch);
      } catch {
        committed = this.commitBySession(batch);
      }
      // Callbacks may append again: those land in the next batch of this loop.
      for (const entry of committed) entry.afterCommit();
    }
  }

  /**
   * The batch failed as a whole: commit each session's entries (in order) in a transaction of
   * their own. A session whose part fails loses all of its entries in this batch — a later one
   * would leave a gap after the one that failed.
   */
  private commitBySession(batch: readonly PendingAppend[]): PendingAppend[] {
    const bySession = new Map<string, PendingAppend[]>();
    for (const entry of batch) {
      const list = bySession.get(entry.sessionId);
      if (list) list.push(entry);
      else bySession.set(entry.sessionId, [entry]);
    }
    const committed = new Set<PendingAppend>();
    for (const entries of bySession.values()) {
      try {
        this.store.appendBatch(entries);
        for (const entry of entries) committed.add(entry);
      } catch (error) {
        for (const entry of entries) entry.onFailure(error);
      }
    }
    // Keep the batch's order for the callbacks (acks follow their events).
    return batch.filter((entry) => committed.has(entry));
  }
}
