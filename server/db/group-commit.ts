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
// One entry never waits for the batch: an answer's first token is committed at once with what
// its session queued before it (commitNow), since the candidate is waiting on exactly that.

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
   * Commits one session's queued entries now, in a transaction of their own, ahead of the batch
   * they were queued in, and runs their callbacks (an answer's first token: the candidate is
   * waiting for it, and the rest of this loop turn may be long under load). Their order is kept,
   * so what follows them (their acks) still follows them.
   */
  commitNow(sessionId: string): void {
    const mine = this.pending.filter((entry) => entry.sessionId === sessionId);
    if (mine.length === 0) return;
    this.pending = this.pending.filter((entry) => entry.sessionId !== sessionId);
    try {
      this.store.appendBatch(mine);
    } catch (error) {
      for (const entry of mine) entry.onFailure(error);
      return;
    }
    for (const entry of mine) entry.afterCommit();
  }

  /** Commits everything queued now. Safe to call at any time (joins, shutdown, tests). */
  flush(): void {
    this.scheduled = false;
    while (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      this.taken++;
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
