import type { EventType, SessionEvent } from './events';
import { isStaff, type Role } from './roles';

// The audience rule, in one place. The candidate's socket, the candidate's REST reads and
// anything else a candidate token reaches go through `canSee`; nothing else decides.

export type Audience = 'everyone' | 'staff';

const AUDIENCE: Record<EventType, Audience> = {
  'session.created': 'everyone',
  'session.started': 'everyone',
  'session.extended': 'everyone',
  'session.ended': 'everyone',
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
  'flag.set': 'everyone',
  'flag.cleared': 'everyone',
  'writeup.updated': 'everyone',
  // The candidate is told up front that focus changes and pastes are recorded.
  'activity.focus': 'everyone',
  'activity.paste': 'everyone',
  'hint.received': 'everyone',
  'note.added': 'staff',
  'note.edited': 'staff',
  'note.deleted': 'staff',
  'score.set': 'staff',
  'question.marked': 'staff',
  'review.submitted': 'staff',
};

export function audienceOf(type: EventType): Audience {
  return AUDIENCE[type];
}

export function canSee(role: Role, event: Pick<SessionEvent, 'type'>): boolean {
  return audienceOf(event.type) === 'everyone' || isStaff(role);
}

export function visibleTo<E extends Pick<SessionEvent, 'type'>>(role: Role, events: readonly E[]): E[] {
  return isStaff(role) ? [...events] : events.filter((event) => canSee(role, event));
}
