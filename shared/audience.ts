import type { Actor, EventType, SessionEvent } from './events';
import { isStaff, type Role } from './roles';
import type { SessionState } from './state';

// The audience rule, in one place. Every socket, REST read and export goes through `viewOf`;
// nothing else decides who sees what.
//  - by type: staff-only events never reach the candidate;
//  - numbering: the candidate knows each event by its place among the events it may see
//    (`candidateSeq`), never by the log's seq, whose gaps would time every staff note;
//  - calibration: a scorer (interviewer or reviewer) sees only their own scores until they
//    have submitted their review, so that scores are independent;
//  - blind review: a reviewer of a blind session never sees the candidate's name.

export type Audience = 'everyone' | 'staff';

const AUDIENCE: Record<EventType, Audience> = {
  'session.created': 'everyone',
  'session.started': 'everyone',
  'session.extended': 'everyone',
  'session.ended': 'everyone',
  // The candidate's Start opens when staff allow it: they must see it.
  'session.early_start_allowed': 'everyone',
  'participant.joined': 'everyone',
  'participant.left': 'everyone',
  'prompt.draft': 'everyone',
  'prompt.version': 'everyone',
  'message.sent': 'everyone',
  'turn.started': 'everyone',
  'turn.delta': 'everyone',
  'turn.completed': 'everyone',
  'turn.failed': 'everyone',
  'turn.cancelled': 'everyone',
  'turn.diagnostic': 'staff',
  'testcase.saved': 'everyone',
  'testcase.removed': 'everyone',
  'testrun.started': 'everyone',
  'testrun.case.checked': 'everyone',
  'testrun.finished': 'everyone',
  // The candidate sees how their answers were graded, the judge's exact request and raw answer
  // included (the judge's prompt is part of the exercise they were given); a provider's own
  // failure cause stays with staff, as for answers.
  'judge.started': 'everyone',
  'judge.completed': 'everyone',
  'judge.failed': 'everyone',
  'judge.diagnostic': 'staff',
  'compare.started': 'everyone',
  'compare.verdict': 'everyone',
  // People decide: a staff label on an automatic check is staff material, like a score.
  'check.overridden': 'staff',
  'flag.set': 'everyone',
  'flag.cleared': 'everyone',
  'writeup.updated': 'everyone',
  // The candidate is told up front that focus changes and pastes are recorded.
  'activity.focus': 'everyone',
  'activity.paste': 'everyone',
  'hint.received': 'everyone',
  // Where the candidate is looking serves staff who follow along; the candidate knows it already.
  'view.changed': 'staff',
  'note.added': 'staff',
  'note.edited': 'staff',
  'note.deleted': 'staff',
  'score.set': 'staff',
  'question.marked': 'staff',
  'review.submitted': 'staff',
  'review.configured': 'staff',
};

export function audienceOf(type: EventType): Audience {
  return AUDIENCE[type];
}

export function canSee(role: Role, event: Pick<SessionEvent, 'type'>): boolean {
  return audienceOf(event.type) === 'everyone' || isStaff(role);
}

/** An event of the log with its number in the candidate's view (null for staff-only events). */
export interface NumberedEvent {
  event: SessionEvent;
  candidateSeq: number | null;
}

/**
 * Numbers events for the candidate's view, continuing from `candidateHead`: each event everyone
 * may see takes the next number. The server numbers each event so when it appends it.
 */
export function numberForCandidate(events: readonly SessionEvent[], candidateHead = 0): NumberedEvent[] {
  let n = candidateHead;
  return events.map((event) => ({ event, candidateSeq: audienceOf(event.type) === 'everyone' ? ++n : null }));
}

/** Who is looking, with what the rules need to know about them. */
export interface Viewer {
  role: Role;
  participantId: string;
  /** Whether this viewer has submitted their own review (others' scores become visible). */
  submitted: boolean;
  /** Whether the candidate's identity is hidden from this viewer. */
  blind: boolean;
}

/** The only events `viewerOf` reads the state of: a reader without the reduced session reduces just these. */
export const VIEWER_EVENT_TYPES: readonly EventType[] = ['review.submitted', 'review.configured'];

export function viewerOf(role: Role, participantId: string, state: Pick<SessionState, 'scorers' | 'review'>): Viewer {
  return {
    role,
    participantId,
    submitted: state.scorers[participantId]?.submittedAt != null,
    blind: role === 'reviewer' && state.review.blind,
  };
}

/** Roles whose scores are independent: they see other scorers' scores only after submitting. */
const CALIBRATED: ReadonlySet<Role> = new Set(['interviewer', 'reviewer']);

/**
 * The event as this viewer may see it: null when hidden; a copy when part of it is not theirs
 * to see (the candidate's name in blind review) or when they know it by another number.
 * `candidateSeq` is the event's number in the candidate's view (null for staff-only events).
 */
export function viewOf(viewer: Viewer, event: SessionEvent, candidateSeq: number | null): SessionEvent | null {
  if (!canSee(viewer.role, event)) return null;
  if (
    event.type === 'score.set' &&
    CALIBRATED.has(viewer.role) &&
    !viewer.submitted &&
    event.actor.participantId !== viewer.participantId
  ) {
    return null;
  }
  if (!isStaff(viewer.role)) {
    const seq = seqSeenBy(viewer, event.seq, candidateSeq);
    return seq === event.seq ? event : { ...event, seq };
  }
  return viewer.blind ? anonymized(event) : event;
}

/** The number this viewer knows an event by: the log's seq for staff, `candidateSeq` for the candidate. */
export function seqSeenBy(viewer: Pick<Viewer, 'role'>, seq: number, candidateSeq: number | null): number {
  if (isStaff(viewer.role)) return seq;
  // Every event the candidate may see is numbered when it is appended (and by migration 0003).
  if (candidateSeq === null) throw new Error(`event ${seq} has no candidate number`);
  return candidateSeq;
}

/** The events as this viewer may see them, in order. */
export function visibleEvents(viewer: Viewer, events: readonly NumberedEvent[]): SessionEvent[] {
  const out: SessionEvent[] = [];
  for (const { event, candidateSeq } of events) {
    const seen = viewOf(viewer, event, candidateSeq);
    if (seen) out.push(seen);
  }
  return out;
}

/**
 * True when `viewOf` passes this event on untouched but for its number (`seqSeenBy`), decided
 * from its type and its actor's role alone — so a reader of stored rows can forward the
 * recorded JSON without parsing its data. False means "parse it and ask viewOf", not "hidden".
 */
export function seenAsRecorded(viewer: Viewer, type: EventType, actorRole: Actor['role']): boolean {
  if (!canSee(viewer.role, { type }) || type === 'score.set') return false;
  return !viewer.blind || (actorRole !== 'candidate' && type !== 'session.created' && type !== 'participant.joined');
}

/** True when this event changes what the viewer may see of the past (they must resync). */
export function revealsHistory(viewer: Viewer, event: SessionEvent): boolean {
  return event.type === 'review.submitted' && event.actor.participantId === viewer.participantId && CALIBRATED.has(viewer.role);
}

function anonymized(event: SessionEvent): SessionEvent {
  const actor =
    event.actor.role === 'candidate' && event.actor.name !== undefined
      ? { role: event.actor.role, participantId: event.actor.participantId }
      : event.actor;
  if (event.type === 'session.created') return { ...event, actor, data: { ...event.data, candidateName: null } };
  if (event.type === 'participant.joined' && event.data.role === 'candidate')
    return { ...event, actor, data: { ...event.data, name: null } };
  return actor === event.actor ? event : ({ ...event, actor } as SessionEvent);
}
