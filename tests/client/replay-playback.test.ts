import { describe, expect, it } from 'vitest';
import type { TimelineMarker } from '../../client/src/lib/timeline/markers';
import { SessionLog } from '../../client/src/lib/timeline/session-log';
import {
  advanceCursor,
  DEFAULT_IDLE_GAP_MS,
  IDLE_LEAD_MS,
  idleJumpTarget,
  idleStretches,
  nextSpeed,
  playFrom,
  shiftCursor,
  stepEvent,
  stepToMarker,
  type EventTimes,
} from '../../client/src/lib/replay/playback';
import { basicSession, sequence } from '../shared/fixtures';

// The replay's pure playback: cursor advance per frame, idle skipping, event and marker steps.

/** Event times as a SessionLog exposes them, from a plain sorted array. */
function timesOf(ats: number[]): EventTimes {
  return {
    length: ats.length,
    countAt: (t) => ats.filter((at) => at <= t).length,
    seekTimeOf: (i) => ats[i] ?? null,
  };
}

/** Plays from `from` with 16 ms frames until the end; returns the frame count and the cursors seen. */
function play(times: EventTimes, from: number, end: number, speed: number, idleGapMs: number | null) {
  let cursor = from;
  const seen: number[] = [];
  let frames = 0;
  let skips = 0;
  for (;;) {
    const step = advanceCursor(times, cursor, 16, { speed, end, idleGapMs });
    frames++;
    if (step.skipped) skips++;
    cursor = step.cursor;
    seen.push(cursor);
    if (step.finished) break;
    if (frames > 1_000_000) throw new Error('never finished');
  }
  return { frames, seen, skips };
}

describe('advanceCursor', () => {
  const times = timesOf([0, 1_000, 2_000, 3_000]);

  it('moves by the frame time times the speed, and stops at the end', () => {
    expect(advanceCursor(times, 0, 16, { speed: 1, end: 3_000, idleGapMs: null })).toEqual({ cursor: 16, finished: false, skipped: false });
    expect(advanceCursor(times, 0, 16, { speed: 8, end: 3_000, idleGapMs: null }).cursor).toBe(128);
    expect(advanceCursor(times, 2_990, 16, { speed: 1, end: 3_000, idleGapMs: null })).toEqual({
      cursor: 3_000,
      finished: true,
      skipped: false,
    });
    // A negative frame time (a clock hiccup) never moves the cursor back.
    expect(advanceCursor(times, 500, -40, { speed: 4, end: 3_000, idleGapMs: null }).cursor).toBe(500);
  });

  it('finishes 8× about eight times sooner than 1×', () => {
    const slow = play(times, 0, 3_000, 1, null);
    const fast = play(times, 0, 3_000, 8, null);
    expect(slow.frames).toBe(Math.ceil(3_000 / 16));
    expect(fast.frames).toBe(Math.ceil(3_000 / (16 * 8)));
    // Monotonic, never past the end.
    for (const run of [slow, fast]) {
      run.seen.forEach((t, i) => expect(t).toBeGreaterThanOrEqual(run.seen[i - 1] ?? 0));
      expect(run.seen.at(-1)).toBe(3_000);
    }
  });
});

describe('idle skipping', () => {
  // Two bursts of activity with five idle minutes between them.
  const ats = [0, 500, 1_000, 1_000 + 300_000, 1_000 + 300_500];
  const times = timesOf(ats);
  const end = ats.at(-1)!;

  it('jumps a gap longer than the threshold, landing just before the next event', () => {
    expect(idleJumpTarget(times, 1_200, DEFAULT_IDLE_GAP_MS)).toBe(301_000 - IDLE_LEAD_MS);
    // Inside a short gap, or past the last event: nothing to jump.
    expect(idleJumpTarget(times, 200, DEFAULT_IDLE_GAP_MS)).toBeNull();
    expect(idleJumpTarget(times, end + 10, DEFAULT_IDLE_GAP_MS)).toBeNull();
    // Already at the landing point: no jump backwards, no jump in place.
    expect(idleJumpTarget(times, 301_000 - IDLE_LEAD_MS, DEFAULT_IDLE_GAP_MS)).toBeNull();
    expect(idleJumpTarget(times, 300_900, DEFAULT_IDLE_GAP_MS)).toBeNull();
  });

  it('turns five idle minutes into one frame, and plays the activity itself at speed', () => {
    const full = play(times, 0, end, 1, null);
    const skipping = play(times, 0, end, 1, DEFAULT_IDLE_GAP_MS);
    expect(full.frames).toBeGreaterThan(18_000);
    expect(skipping.skips).toBe(1);
    expect(skipping.frames).toBeLessThan(200);
    // Every event is still passed through (none is jumped over).
    for (const at of ats) expect(skipping.seen.some((t) => t >= at)).toBe(true);
    const landing = skipping.seen.find((t) => t > 2_000)!;
    expect(landing).toBe(301_000 - IDLE_LEAD_MS);
  });

  it('a gap just under the threshold plays in full', () => {
    const near = timesOf([0, DEFAULT_IDLE_GAP_MS]);
    expect(play(near, 0, DEFAULT_IDLE_GAP_MS, 1, DEFAULT_IDLE_GAP_MS).skips).toBe(0);
    expect(idleStretches(timesOf(ats), DEFAULT_IDLE_GAP_MS)).toEqual([{ from: 1_000, to: 301_000 }]);
  });

  it('works on a real SessionLog', () => {
    const events = sequence(basicSession());
    const log = SessionLog.from(events);
    const first = log.firstAt!;
    const last = log.lastAt!;
    const result = play(log, first, last, 8, DEFAULT_IDLE_GAP_MS);
    expect(result.seen.at(-1)).toBe(last);
  });
});

describe('stepping', () => {
  const times = timesOf([100, 200, 200, 400]);

  it('steps one event forward and back, counting events at the cursor as now', () => {
    expect(stepEvent(times, 0, 1)).toBe(100);
    expect(stepEvent(times, 100, 1)).toBe(200);
    expect(stepEvent(times, 200, 1)).toBe(400);
    expect(stepEvent(times, 400, 1)).toBeNull();
    expect(stepEvent(times, 400, -1)).toBe(200);
    expect(stepEvent(times, 200, -1)).toBe(100);
    expect(stepEvent(times, 100, -1)).toBeNull();
  });

  it('shifts by a stretch of time within the recording', () => {
    expect(shiftCursor(1_000, 5_000, 0, 4_000)).toBe(4_000);
    expect(shiftCursor(1_000, -5_000, 0, 4_000)).toBe(0);
    expect(shiftCursor(1_000, 500, 0, 4_000)).toBe(1_500);
  });

  it('steps between markers, optionally of some kinds only', () => {
    const marker = (key: string, kind: TimelineMarker['kind'], at: number): TimelineMarker => ({ key, kind, at, detail: '' });
    const markers = [marker('a', 'turn', 100), marker('b', 'note', 200), marker('c', 'version', 300)];
    expect(stepToMarker(markers, 100, 1)?.key).toBe('b');
    expect(stepToMarker(markers, 100, 1, new Set(['version']))?.key).toBe('c');
    expect(stepToMarker(markers, 300, -1)?.key).toBe('b');
    expect(stepToMarker(markers, 100, -1)).toBeNull();
    expect(stepToMarker(markers, 300, 1)).toBeNull();
  });

  it('cycles speeds within 1×–8× and restarts play from the start at the end', () => {
    expect(nextSpeed(1)).toBe(2);
    expect(nextSpeed(8)).toBe(8);
    expect(nextSpeed(2, -1)).toBe(1);
    expect(nextSpeed(1, -1)).toBe(1);
    expect(playFrom(500, 0, 1_000)).toBe(500);
    expect(playFrom(1_000, 0, 1_000)).toBe(0);
  });
});
