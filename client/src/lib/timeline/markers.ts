import { assertNever } from '../../../../shared/assert-never';
import type { SessionEvent } from '../../../../shared/events';
import { isChatThread, type Note } from '../../../../shared/state';

// What the timeline shows as markers: the moments worth finding again. Pure, so the live
// console and the reviewer replay draw the same strip from the same log.

export type MarkerKind =
  'lifecycle' | 'version' | 'turn' | 'testrun' | 'flag' | 'note' | 'paste' | 'focus' | 'hint' | 'extension' | 'score' | 'review';

export const MARKER_KINDS: readonly MarkerKind[] = [
  'lifecycle',
  'version',
  'turn',
  'testrun',
  'flag',
  'note',
  'paste',
  'focus',
  'hint',
  'extension',
  'score',
  'review',
];

/** Staff work: drawn in the staff colour, and in the staff lane when it falls outside the session. */
export const STAFF_KINDS: ReadonlySet<MarkerKind> = new Set(['note', 'score', 'review']);

/** What the event list beside the replay lists (pastes and focus changes stay on the strip). */
export const LISTED_KINDS: readonly MarkerKind[] = [
  'turn',
  'version',
  'testrun',
  'flag',
  'note',
  'hint',
  'extension',
  'score',
  'review',
  'lifecycle',
];

export interface TimelineMarker {
  /** Stable across recomputations: the event seq, or the note id. */
  key: string;
  kind: MarkerKind;
  at: number;
  /** A short detail for the marker's label (a version label, the pasted size…), already plain text. */
  detail: string;
  turnId?: string;
  versionId?: string;
  /** A score's criterion. */
  criterionId?: string;
}

/** The marker an event makes, if it makes one. Notes are drawn from the state (edits and deletions apply). */
export function markerOf(event: SessionEvent): TimelineMarker | null {
  const key = `e${event.seq}`;
  const at = event.at;
  switch (event.type) {
    case 'session.started':
    case 'session.ended':
      return { key, kind: 'lifecycle', at, detail: event.type === 'session.ended' ? event.data.reason : '' };
    case 'prompt.version':
      return { key, kind: 'version', at, detail: event.data.label, versionId: event.data.versionId };
    case 'turn.started':
      return isChatThread(event.data.threadId) ? { key, kind: 'turn', at, detail: '', turnId: event.data.turnId } : null;
    case 'testrun.started':
      return { key, kind: 'testrun', at, detail: String(event.data.caseIds.length) };
    case 'flag.set':
      return { key, kind: 'flag', at, detail: event.data.kind, turnId: event.data.turnId };
    case 'activity.paste':
      return { key, kind: 'paste', at, detail: `${event.data.chars}` };
    case 'activity.focus':
      return event.data.visible ? null : { key, kind: 'focus', at, detail: '' };
    // Where the candidate looks is followed by the mirror, not marked.
    case 'view.changed':
      return null;
    case 'hint.received':
      return { key, kind: 'hint', at, detail: event.data.text };
    case 'session.extended':
      return { key, kind: 'extension', at, detail: String(event.data.byMinutes) };
    case 'score.set':
      return {
        key,
        kind: 'score',
        at,
        detail: event.data.level === null ? '–' : String(event.data.level),
        criterionId: event.data.criterionId,
      };
    case 'review.submitted':
      return { key, kind: 'review', at, detail: event.actor.name ?? '' };
    // No marker of their own: streaming, presence, drafts and staff work (notes are drawn from
    // the state, so that edits and deletions apply).
    case 'session.created':
    case 'session.early_start_allowed':
    case 'participant.joined':
    case 'participant.left':
    case 'prompt.draft':
    case 'message.sent':
    case 'turn.delta':
    case 'turn.completed':
    case 'turn.failed':
    case 'turn.cancelled':
    case 'turn.diagnostic':
    case 'testcase.saved':
    case 'testcase.removed':
    case 'testrun.case.checked':
    case 'testrun.finished':
    case 'flag.cleared':
    case 'writeup.updated':
    case 'note.added':
    case 'note.edited':
    case 'note.deleted':
    case 'question.marked':
    case 'review.configured':
    // A judge's grading belongs to its test run's marker; a comparison's answers are turns.
    case 'judge.started':
    case 'judge.completed':
    case 'judge.failed':
    case 'judge.diagnostic':
    case 'compare.started':
    case 'compare.verdict':
    case 'check.overridden':
      return null;
    default:
      return assertNever(event);
  }
}

export function noteMarkers(notes: readonly Note[]): TimelineMarker[] {
  return notes.map((note) => ({
    key: `n${note.id}`,
    kind: 'note',
    at: note.pinnedAt,
    detail: note.text,
    ...(note.turnId ? { turnId: note.turnId } : {}),
    ...(note.versionId ? { versionId: note.versionId } : {}),
  }));
}

/** Collects event markers as the log grows, reading each event once. */
export class MarkerIndex {
  #source: readonly SessionEvent[] | null = null;
  #read = 0;
  #markers: TimelineMarker[] = [];

  /** `events` grows in place (a log's own array); another array means another log: start over. */
  update(events: readonly SessionEvent[]): TimelineMarker[] {
    if (events !== this.#source || events.length < this.#read) {
      this.reset();
      this.#source = events;
    }
    if (events.length === this.#read) return this.#markers;
    const added: TimelineMarker[] = [];
    for (let i = this.#read; i < events.length; i++) {
      const marker = markerOf(events[i]!);
      if (marker) added.push(marker);
    }
    this.#read = events.length;
    if (added.length > 0) this.#markers = [...this.#markers, ...added];
    return this.#markers;
  }

  reset(): void {
    this.#source = null;
    this.#read = 0;
    this.#markers = [];
  }
}

/** Markers in time order (stable for equal times). */
export function sortMarkers(markers: readonly TimelineMarker[]): TimelineMarker[] {
  return markers
    .map((m, i) => [m, i] as const)
    .sort((a, b) => a[0].at - b[0].at || a[1] - b[1])
    .map(([m]) => m);
}

/**
 * The marker to step to from instant `t` (arrow keys): the first strictly after, or the last
 * strictly before. Markers must be sorted by time. Null when there is none that way.
 */
export function stepMarker(sorted: readonly TimelineMarker[], t: number, direction: 1 | -1): TimelineMarker | null {
  if (direction === 1) return sorted.find((m) => m.at > t) ?? null;
  for (let i = sorted.length - 1; i >= 0; i--) if (sorted[i]!.at < t) return sorted[i]!;
  return null;
}

/** The candidate's lane and the staff lane: what falls within the session, before its start, after its end. */
export interface Lanes {
  candidate: TimelineMarker[];
  before: TimelineMarker[];
  after: TimelineMarker[];
}

/** Staff verdicts: in the staff lane before or after the session, in the event list always, never on the candidate's lane. */
const VERDICT_KINDS: ReadonlySet<MarkerKind> = new Set(['score', 'review']);

/** Splits sorted markers by the session's span, keeping their order. */
export function splitLanes(sorted: readonly TimelineMarker[], start: number, end: number): Lanes {
  const lanes: Lanes = { candidate: [], before: [], after: [] };
  for (const marker of sorted) {
    if (marker.at < start) lanes.before.push(marker);
    else if (marker.at > end) lanes.after.push(marker);
    else if (!VERDICT_KINDS.has(marker.kind)) lanes.candidate.push(marker);
  }
  return lanes;
}

/**
 * The strip's span: the session's start to its end (the live edge while it runs). Before it
 * starts, from the first event to now. What staff do before or after sits in the staff lane.
 */
export function sessionSpan(
  session: { startedAt: number | null; endedAt: number | null; status: 'scheduled' | 'live' | 'ended' },
  firstAt: number | null,
  lastAt: number | null,
  now: number,
): { start: number; end: number } {
  const start = session.startedAt ?? firstAt ?? now;
  if (session.status === 'ended') return { start, end: Math.max(start, session.endedAt ?? lastAt ?? start) };
  return { start, end: Math.max(start, now) };
}

/** The index of the last item at or before `t` (items sorted by `at`); -1 when none is. */
export function lastAtOrBefore(sorted: readonly { at: number }[], t: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid]!.at <= t) low = mid + 1;
    else high = mid;
  }
  return low - 1;
}

/** Where an instant sits on a strip from `start` to `end`, as a fraction in [0, 1]. */
export function fractionOf(t: number, start: number, end: number): number {
  if (end <= start) return 1;
  return Math.min(1, Math.max(0, (t - start) / (end - start)));
}

/** The instant at a fraction of the strip, rounded to the millisecond. */
export function instantAt(fraction: number, start: number, end: number): number {
  const f = Math.min(1, Math.max(0, fraction));
  return Math.round(start + f * Math.max(0, end - start));
}
