import type { SessionState } from '$shared/state';
import type { SessionReplica } from '../live/session-replica.svelte';
import { MarkerIndex, noteMarkers, sortMarkers, stepMarker, type TimelineMarker } from './markers';

// Where a view is looking in a session: live (the head of the log) or a past instant, the
// cursor. The state shown is the log reduced up to the cursor; the store keeps receiving
// events meanwhile, and `newSinceLeft` counts what arrived since the view left live.
// The reviewer replay uses the same class over a store filled from a recording.

export interface TimelineOptions {
  store: SessionReplica;
  /** The current time by the server's clock (the live edge of the strip). */
  now: () => number;
}

export class Timeline {
  readonly #store: SessionReplica;
  readonly #now: () => number;
  readonly #markerIndex = new MarkerIndex();

  /** The instant shown; null while following live. */
  cursor: number | null = $state(null);
  /** The log's length when the view left live. */
  #leftAtCount = $state(0);

  constructor(options: TimelineOptions) {
    this.#store = options.store;
    this.#now = options.now;
  }

  get live(): boolean {
    return this.cursor === null;
  }

  /** How many events the strip shows at the cursor: changes only when an event crosses it. */
  readonly #shownCount: number = $derived.by(() => {
    const count = this.#store.eventCount;
    return this.cursor === null ? count : this.#store.log.countAt(this.cursor);
  });

  /** The session as the view shows it: live, or exactly as it was at the cursor. */
  readonly state: SessionState = $derived.by(() => {
    if (this.cursor === null) return this.#store.state;
    return this.#store.log.stateAfter(this.#shownCount);
  });

  /** Events that arrived since the view left live, streamed text chunks aside (they would drown the count). */
  readonly newSinceLeft: number = $derived.by(() => {
    const count = this.#store.eventCount;
    if (this.cursor === null) return 0;
    const events = this.#store.log.events;
    let n = 0;
    for (let i = this.#leftAtCount; i < count; i++) if (events[i]!.type !== 'turn.delta') n++;
    return n;
  });

  /** Every marker, in time order: events from the log, notes from the live state. */
  readonly markers: TimelineMarker[] = $derived.by(() => {
    void this.#store.eventCount;
    const fromEvents = this.#markerIndex.update(this.#store.log.events);
    return sortMarkers([...fromEvents, ...noteMarkers(this.#store.state.notes)]);
  });

  /** The strip's span: from the session's first event to now (or to its last event once ended). */
  get start(): number {
    return this.#store.log.firstAt ?? this.#now();
  }

  get end(): number {
    const head = this.#store.state;
    const last = this.#store.log.lastAt ?? this.start;
    return head.status === 'ended' ? Math.max(last, head.endedAt ?? last) : Math.max(last, this.#now());
  }

  /** The instant shown: the cursor, or the live edge. */
  get instant(): number {
    return this.cursor ?? this.end;
  }

  /** Shows the session as it was at `t`, leaving live; an instant at or past the live edge does not. */
  seek(t: number): void {
    const clamped = Math.max(this.start, t);
    if (clamped >= this.end && this.#store.state.status !== 'ended') return this.goLive();
    if (this.cursor === null) this.#leftAtCount = this.#store.eventCount;
    this.cursor = Math.min(clamped, this.end);
  }

  goLive(): void {
    this.cursor = null;
  }

  /** Moves to the next or previous marker; past the last one, back to live. */
  step(direction: 1 | -1): void {
    const target = stepMarker(this.markers, this.instant, direction);
    if (target) this.seek(target.at);
    else if (direction === 1) this.goLive();
  }
}
