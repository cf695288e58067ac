// Relative imports (not $shared): this module is pure and is also unit-tested from Node.
import type { SessionEvent } from '../../../../shared/events';
import { reduce, reduceRange } from '../../../../shared/reducer';
import { initialState, type SessionState } from '../../../../shared/state';

// A session's events in seq order, with the reduced state kept every `checkpointEvery` events,
// so that "the state at instant t" (the reducer over the events with at ≤ t) costs at most
// `checkpointEvery` reductions instead of a replay from the first event. The live console
// feeds it event by event; the reviewer replay builds it once from a recording.

export const DEFAULT_CHECKPOINT_EVERY = 100;

export interface SessionLogOptions {
  checkpointEvery?: number;
}

export class SessionLog {
  readonly checkpointEvery: number;
  readonly #events: SessionEvent[] = [];
  /** Running maximum of `at`: seeking by time needs a non-decreasing key, even if a clock steps back. */
  readonly #seekAt: number[] = [];
  /** checkpoints[k] is the state after the first k × checkpointEvery events (checkpoints[0] is the initial state). */
  readonly #checkpoints: SessionState[] = [initialState()];
  #head: SessionState = initialState();

  constructor(options: SessionLogOptions = {}) {
    const every = options.checkpointEvery ?? DEFAULT_CHECKPOINT_EVERY;
    if (!Number.isInteger(every) || every < 1) throw new RangeError('checkpointEvery must be a positive integer');
    this.checkpointEvery = every;
  }

  static from(events: readonly SessionEvent[], options: SessionLogOptions = {}): SessionLog {
    const log = new SessionLog(options);
    log.appendAll(events);
    return log;
  }

  get length(): number {
    return this.#events.length;
  }

  get events(): readonly SessionEvent[] {
    return this.#events;
  }

  /** The state after every event: the live state. */
  get head(): SessionState {
    return this.#head;
  }

  /** Time of the first and last events; null while empty. */
  get firstAt(): number | null {
    return this.#seekAt[0] ?? null;
  }

  get lastAt(): number | null {
    return this.#seekAt[this.#seekAt.length - 1] ?? null;
  }

  /** Applies the next event and returns the new head state. Events must come in seq order. */
  append(event: SessionEvent): SessionState {
    const previous = this.#events[this.#events.length - 1];
    if (previous && event.seq <= previous.seq) throw new RangeError(`event ${event.seq} after ${previous.seq}`);
    this.#head = reduce(this.#head, event);
    this.#events.push(event);
    this.#seekAt.push(Math.max(event.at, this.lastAt ?? event.at));
    if (this.#events.length % this.checkpointEvery === 0) this.#checkpoints.push(this.#head);
    return this.#head;
  }

  /**
   * Applies a batch of events in seq order (a recording, or a catch-up): the same log as
   * appending them one by one, reduced a checkpoint's stretch at a time (see `reduceRange`).
   */
  appendAll(events: readonly SessionEvent[]): SessionState {
    let previous = this.#events[this.#events.length - 1];
    for (const event of events) {
      if (previous && event.seq <= previous.seq) throw new RangeError(`event ${event.seq} after ${previous.seq}`);
      this.#seekAt.push(Math.max(event.at, this.lastAt ?? event.at));
      this.#events.push(event);
      previous = event;
    }
    let done = this.#events.length - events.length;
    while (done < this.#events.length) {
      const nextCheckpoint = (Math.floor(done / this.checkpointEvery) + 1) * this.checkpointEvery;
      const end = Math.min(nextCheckpoint, this.#events.length);
      this.#head = reduceRange(this.#head, this.#events, done, end);
      if (end === nextCheckpoint) this.#checkpoints.push(this.#head);
      done = end;
    }
    return this.#head;
  }

  /** How many events happened at or before `t` (the length of the prefix shown at t). */
  countAt(t: number): number {
    let low = 0;
    let high = this.#seekAt.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.#seekAt[mid]! <= t) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** The state after the first `count` events: from the nearest checkpoint, reduced forward. */
  stateAfter(count: number): SessionState {
    const n = Math.max(0, Math.min(count, this.#events.length));
    if (n === this.#events.length) return this.#head;
    const k = Math.min(Math.floor(n / this.checkpointEvery), this.#checkpoints.length - 1);
    return reduceRange(this.#checkpoints[k]!, this.#events, k * this.checkpointEvery, n);
  }

  /** The session as it was at instant `t`: the reducer over the events with at ≤ t. */
  stateAt(t: number): SessionState {
    return this.stateAfter(this.countAt(t));
  }

  /** The time the `index`-th event (0-based) counts as, for seeking. */
  seekTimeOf(index: number): number | null {
    return this.#seekAt[index] ?? null;
  }
}
