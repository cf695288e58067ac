import { AtelierError } from '../../shared/errors';
import { draft } from '../../shared/events';
import { requireExercise, requireLive } from './guards';
import type { Handlers } from './handler';

// The session's lifecycle: the candidate starts and submits, live staff extend and end.

export const SESSION_HANDLERS: Handlers<'session.start' | 'session.submit' | 'session.end' | 'session.extend'> = {
  'session.start': ({ state, actor, now }) => {
    if (state.status !== 'scheduled') throw new AtelierError(state.status === 'ended' ? 'session_ended' : 'already_started');
    return { drafts: [draft('session.started', actor, { deadline: now + requireExercise(state).timeLimitMinutes * 60_000 })] };
  },
  'session.submit': ({ state, actor }) => {
    requireLive(state);
    return { drafts: [draft('session.ended', actor, { reason: 'submitted' })] };
  },
  'session.end': ({ state, actor }) => {
    if (state.status === 'ended') throw new AtelierError('session_ended');
    return { drafts: [draft('session.ended', actor, { reason: 'ended_by_staff' })] };
  },
  'session.extend': ({ state, actor, now }, data) => {
    requireLive(state);
    const deadline = Math.max(state.deadline ?? now, now) + data.minutes * 60_000;
    return { drafts: [draft('session.extended', actor, { byMinutes: data.minutes, deadline })] };
  },
};
