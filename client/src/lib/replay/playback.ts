import { stepMarker, type MarkerKind, type TimelineMarker } from '../timeline/markers';

// The replay's pure core: where the cursor goes on each animation frame, which idle stretches
// it jumps, which marker the bracket keys land on. No DOM, no state: the player calls these.

export const SPEEDS = [1, 2, 4, 8] as const;
export type Speed = (typeof SPEEDS)[number];

/** ←/→ move the cursor this much. */
export const STEP_MS = 5_000;
/** With "skip idle" on, a gap longer than this between two events is jumped. */
export const DEFAULT_IDLE_GAP_MS = 10_000;
/** An idle jump lands this long before the next event, so the reader sees it coming. */
export const IDLE_LEAD_MS = 500;

/** The event times of a log, in a non-decreasing order (a SessionLog satisfies this). */
export interface EventTimes {
  readonly length: number;
  /** How many events happened at or before `t`. */
  countAt(t: number): number;
  /** The time of the `index`-th event (0-based). */
  seekTimeOf(index: number): number | null;
}

export interface AdvanceOptions {
  speed: number;
  /** The end of the recording: the cursor never passes it. */
  end: number;
  /** Jump idle gaps longer than this; null plays them in full. */
  idleGapMs: number | null;
}

export interface Advance {
  cursor: number;
  /** The cursor reached the end. */
  finished: boolean;
  /** This frame jumped an idle gap. */
  skipped: boolean;
}

/**
 * The cursor after `dtMs` of wall time at `speed`. With idle skipping, a cursor in (or about
 * to enter) a gap of more than `idleGapMs` between two events jumps to just before the next one.
 */
export function advanceCursor(times: EventTimes, cursor: number, dtMs: number, options: AdvanceOptions): Advance {
  let next = cursor + Math.max(0, dtMs) * options.speed;
  let skipped = false;
  if (options.idleGapMs !== null) {
    const target = idleJumpTarget(times, next, options.idleGapMs);
    if (target !== null && target > next) {
      next = target;
      skipped = true;
    }
  }
  if (next >= options.end) return { cursor: options.end, finished: true, skipped };
  return { cursor: next, finished: false, skipped };
}

/**
 * Where to jump from `t` if it sits in an idle gap: the gap runs from the last event at or
 * before `t` to the next event after it (or from the recording's start when `t` precedes every
 * event). Null when the gap is short, or when no event comes after `t`.
 */
export function idleJumpTarget(times: EventTimes, t: number, idleGapMs: number): number | null {
  const count = times.countAt(t);
  const nextAt = times.seekTimeOf(count);
  if (nextAt === null) return null;
  const previousAt = count > 0 ? times.seekTimeOf(count - 1) : null;
  if (previousAt === null || nextAt - previousAt <= idleGapMs) return null;
  const landing = nextAt - IDLE_LEAD_MS;
  return landing > t ? landing : null;
}

/** The idle gaps of a recording (longer than `idleGapMs`), for drawing them on the strip. */
export function idleStretches(times: EventTimes, idleGapMs: number): { from: number; to: number }[] {
  const out: { from: number; to: number }[] = [];
  for (let i = 1; i < times.length; i++) {
    const from = times.seekTimeOf(i - 1)!;
    const to = times.seekTimeOf(i)!;
    if (to - from > idleGapMs) out.push({ from, to });
  }
  return out;
}

/** The time of the next (or previous) event strictly after (or before) `t`, for a one-event step. */
export function stepEvent(times: EventTimes, t: number, direction: 1 | -1): number | null {
  if (direction === 1) return times.seekTimeOf(times.countAt(t));
  // The last event strictly before t: the events at exactly t count as "now".
  let index = times.countAt(t) - 1;
  while (index >= 0 && times.seekTimeOf(index)! >= t) index--;
  return index >= 0 ? times.seekTimeOf(index) : null;
}

/** The cursor moved by `deltaMs`, kept within the recording. */
export function shiftCursor(t: number, deltaMs: number, start: number, end: number): number {
  return Math.min(end, Math.max(start, t + deltaMs));
}

/** The marker the bracket keys go to, among the kinds shown (all when `kinds` is null). */
export function stepToMarker(
  sorted: readonly TimelineMarker[],
  t: number,
  direction: 1 | -1,
  kinds: ReadonlySet<MarkerKind> | null = null,
): TimelineMarker | null {
  return stepMarker(kinds ? sorted.filter((m) => kinds.has(m.kind)) : sorted, t, direction);
}

/** The next speed in the cycle 1× → 2× → 4× → 8× → 1×. */
export function nextSpeed(speed: Speed, direction: 1 | -1 = 1): Speed {
  const index = SPEEDS.indexOf(speed);
  return SPEEDS[Math.min(SPEEDS.length - 1, Math.max(0, index + direction))]!;
}

/** Where play starts: from the cursor, or from the start when it stands at the end. */
export function playFrom(cursor: number, start: number, end: number): number {
  return cursor >= end ? start : Math.max(start, cursor);
}
