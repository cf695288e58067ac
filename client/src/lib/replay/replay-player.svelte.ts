import type { MarkerKind } from '../timeline/markers';
import type { Timeline } from '../timeline/timeline.svelte';
import {
  advanceCursor,
  DEFAULT_IDLE_GAP_MS,
  nextSpeed,
  playFrom,
  shiftCursor,
  stepEvent,
  stepToMarker,
  type EventTimes,
  type Speed,
} from './playback';

// Plays a recording: on each animation frame the cursor advances by the frame's duration times
// the speed, and the timeline seeks there (its checkpoints keep a seek cheap). The timeline
// stays the one source of "where we are", so scrubbing the strip while playing just moves on.

export interface FrameScheduler {
  request(callback: (now: number) => void): number;
  cancel(handle: number): void;
}

const animationFrames: FrameScheduler = {
  request: (callback) => requestAnimationFrame(callback),
  cancel: (handle) => cancelAnimationFrame(handle),
};

export interface ReplayPlayerOptions {
  timeline: Timeline;
  /** The log's event times (read on each frame: a live log grows, a resync replaces it). */
  times: () => EventTimes;
  frames?: FrameScheduler;
}

export class ReplayPlayer {
  readonly timeline: Timeline;
  readonly #times: () => EventTimes;
  readonly #frames: FrameScheduler;
  playing = $state(false);
  speed: Speed = $state(1);
  skipIdle = $state(true);
  readonly idleGapMs = DEFAULT_IDLE_GAP_MS;
  /** How many idle gaps the current play jumped (for the status line and tests). */
  skippedGaps = $state(0);
  #handle: number | null = null;
  #lastFrame: number | null = null;

  constructor(options: ReplayPlayerOptions) {
    this.timeline = options.timeline;
    this.#times = options.times;
    this.#frames = options.frames ?? animationFrames;
  }

  play(): void {
    if (this.playing) return;
    const { start, end } = this.timeline;
    this.timeline.seek(playFrom(this.timeline.instant, start, end));
    this.playing = true;
    this.#lastFrame = null;
    this.#handle = this.#frames.request(this.#tick);
  }

  pause(): void {
    this.playing = false;
    if (this.#handle !== null) this.#frames.cancel(this.#handle);
    this.#handle = null;
    this.#lastFrame = null;
  }

  toggle(): void {
    if (this.playing) this.pause();
    else this.play();
  }

  setSpeed(speed: Speed): void {
    this.speed = speed;
  }

  cycleSpeed(direction: 1 | -1 = 1): void {
    this.speed = nextSpeed(this.speed, direction);
  }

  seek(t: number): void {
    this.timeline.seek(t);
  }

  /** ←/→: a fixed stretch of time. */
  shift(deltaMs: number): void {
    this.timeline.seek(shiftCursor(this.timeline.instant, deltaMs, this.timeline.start, this.timeline.end));
  }

  /** Shift+←/→: the next or previous event, however far. */
  stepEvent(direction: 1 | -1): void {
    const at = stepEvent(this.#times(), this.timeline.instant, direction);
    if (at !== null) this.timeline.seek(at);
  }

  /** [ and ]: the previous or next marker. */
  stepMarker(direction: 1 | -1, kinds: ReadonlySet<MarkerKind> | null = null): void {
    const marker = stepToMarker(this.timeline.lanes.candidate, this.timeline.instant, direction, kinds);
    if (marker) this.timeline.seek(marker.at);
  }

  dispose(): void {
    this.pause();
  }

  #tick = (now: number): void => {
    if (!this.playing) return;
    const dt = this.#lastFrame === null ? 0 : now - this.#lastFrame;
    this.#lastFrame = now;
    const step = advanceCursor(this.#times(), this.timeline.instant, dt, {
      speed: this.speed,
      end: this.timeline.end,
      idleGapMs: this.skipIdle ? this.idleGapMs : null,
    });
    if (step.skipped) this.skippedGaps++;
    this.timeline.seek(step.cursor);
    // The end of a recording, or the live edge of a session still running (seek went live).
    if (step.finished || this.timeline.live) {
      this.pause();
      return;
    }
    this.#handle = this.#frames.request(this.#tick);
  };
}
