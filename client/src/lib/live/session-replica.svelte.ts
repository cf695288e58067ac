import type { SessionEvent } from '$shared/events';
import type { SessionState } from '$shared/state';
import { SessionLog } from '../timeline/session-log';

// The one session state of a view, fed by the shared reducer whether events arrive live
// or from a recording. State is replaced, never mutated, so it is held raw. The store also
// keeps every event it applied (with checkpoints), so a timeline can show any past instant.

export class SessionReplica {
  #log = new SessionLog();
  /** A log being read again from the first event (see `beginRebuild`); the old one stays on screen meanwhile. */
  #rebuilding: SessionLog | null = null;
  state: SessionState = $state.raw(this.#log.head);
  /** How many events the log holds: read it to react to the log growing. */
  eventCount = $state(0);
  /** False while the log was read without settled deltas (see `completeLog`): the head is exact, not every past instant. */
  complete = $state(true);

  get headSeq(): number {
    return this.#rebuilding ? this.#rebuilding.head.headSeq : this.state.headSeq;
  }

  get rebuilding(): boolean {
    return this.#rebuilding !== null;
  }

  get log(): SessionLog {
    return this.#log;
  }

  /**
   * Applies an event unless it is already held. Seqs may skip: a candidate never receives
   * staff-only events, so a hole is not an error here.
   */
  apply(event: SessionEvent): boolean {
    if (event.seq <= this.headSeq) return false;
    if (this.#rebuilding) {
      this.#rebuilding.append(event);
      return true;
    }
    this.state = this.#log.append(event);
    this.eventCount = this.#log.length;
    return true;
  }

  /**
   * Applies a batch of events (the log read in one request) with one update of the view,
   * where applying them one by one would re-render it once per event. Events already held are
   * skipped.
   */
  applyBatch(events: readonly SessionEvent[], options: { partial?: boolean } = {}): void {
    if (options.partial) this.complete = false;
    const headSeq = this.headSeq;
    const fresh = events.filter((event) => event.seq > headSeq);
    if (fresh.length === 0) return;
    if (this.#rebuilding) {
      this.#rebuilding.appendAll(fresh);
      return;
    }
    this.state = this.#log.appendAll(fresh);
    this.eventCount = this.#log.length;
  }

  /**
   * Swaps in the whole log, read after a first read that left settled deltas out: the same
   * head, now seekable into every answer as it streamed. Events received since are kept; a
   * log being rebuilt meanwhile will be completed by its own reads.
   */
  completeLog(events: readonly SessionEvent[]): void {
    if (this.#rebuilding) return;
    const log = SessionLog.from(events);
    const lastSeq = log.events[log.length - 1]?.seq ?? 0;
    log.appendAll(this.#log.events.filter((event) => event.seq > lastSeq));
    this.#log = log;
    this.state = log.head;
    this.eventCount = log.length;
    this.complete = true;
  }

  /**
   * The server asked us to read the log again from the start (what we may see of the past
   * changed, e.g. other scorers' scores once our review is submitted). Events now build a new
   * log; the current state stays on screen until `finishRebuild` swaps it in at once.
   */
  beginRebuild(): void {
    this.#rebuilding = new SessionLog();
  }

  finishRebuild(): void {
    const rebuilt = this.#rebuilding;
    if (!rebuilt) return;
    this.#rebuilding = null;
    this.#log = rebuilt;
    this.state = rebuilt.head;
    this.eventCount = rebuilt.length;
  }

  reset(): void {
    this.#rebuilding = null;
    this.#log = new SessionLog();
    this.state = this.#log.head;
    this.eventCount = 0;
    this.complete = true;
  }
}
