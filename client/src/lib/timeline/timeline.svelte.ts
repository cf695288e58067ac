import type { SessionState } from '$shared/state';
import type { SessionReplica } from '../live/session-replica.svelte';
import { MarkerIndex, noteMarkers, sessionSpan, sortMarkers, splitLanes, stepMarker, type Lanes, type TimelineMarker } from './markers';

// Where a view is looking in a session: live (the head of the log) or a past instant, the
// cursor. The state shown is the log reduced up to the cursor; the store keeps receiving
// events meanwhile, and `newSinceLeft` counts what arrived since the view left live.
// The reviewer replay uses the same class over a store filled from a recording.

/** Not news for "back to live · N new": streamed text chunks, and where the candidate is looking. */
const UNCOUNTED: ReadonlySet<string> = new Set(['turn.delta', 'view.changed']);

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

  /** Events that arrived since the view left live, streamed text chunks and the candidate's view changes aside (noise). */
  readonly newSinceLeft: number = $derived.by(() => {
    const count = this.#store.eventCount;
    if (this.cursor === null) return 0;
    const events = this.#store.log.events;
    let n = 0;
    for (let i = this.#leftAtCount; i < count; i++) if (!UNCOUNTED.has(events[i]!.type)) n++;
    return n;
  });

  /** Every marker, in time order: events from the log, notes from the live state. */
  readonly markers: TimelineMarker[] = $derived.by(() => {
    void this.#store.eventCount;
    const fromEvents = this.#markerIndex.update(this.#store.log.events);
    return sortMarkers([...fromEvents, ...noteMarkers(this.#store.state.notes)]);
  });

  /** The markers by lane: the candidate's (the session's span) and the staff's (before its start, after its end). */
  readonly lanes: Lanes = $derived.by(() => {
    // While the session runs, nothing is after its end (a marker may lead this client's clock).
    const ended = this.#store.state.status === 'ended';
    return splitLanes(this.markers, this.start, ended ? this.end : Number.POSITIVE_INFINITY);
  });

  /**
   * The strip's span: the session's start to its end (the live edge while it runs); before it
   * starts, its first event to now. Staff work before or after stretches nothing (see `lanes`).
   */
  get start(): number {
    return this.#span().start;
  }

  get end(): number {
    return this.#span().end;
  }

  #span(): { start: number; end: number } {
    const log = this.#store.log;
    return sessionSpan(this.#store.state, log.firstAt, log.lastAt, this.#now());
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

  /** Moves to the next or previous marker of the session; past the last one, back to live. */
  step(direction: 1 | -1): void {
    const target = stepMarker(this.lanes.candidate, this.instant, direction);
    if (target) this.seek(target.at);
    else if (direction === 1) this.goLive();
  }
}
