import { AtelierError } from '../../shared/errors';
import { draft } from '../../shared/events';
import { mayStartAt, startOpensAt } from '../../shared/planned-start';
import { requireExercise, requireLive } from './guards';
import { NOTHING, type Handlers } from './handler';

// The session's lifecycle: the candidate starts and submits, live staff extend and end. A
// session planned for a time starts from five minutes before it (shared/planned-start.ts), by
// the server's clock, unless live staff allowed an early start.

export const SESSION_HANDLERS: Handlers<
  'session.start' | 'session.submit' | 'session.end' | 'session.extend' | 'session.allow_early_start'
> = {
  'session.start': ({ state, actor, now }) => {
    if (state.status !== 'scheduled') throw new AtelierError(state.status === 'ended' ? 'session_ended' : 'already_started');
    if (!mayStartAt(state, now)) {
      const opensAt = startOpensAt(state)!;
      throw new AtelierError('too_early', `The session opens at ${new Date(opensAt).toISOString()} (5 minutes before its planned start).`);
    }
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
  'session.allow_early_start': ({ state, actor, now }) => {
    if (state.status !== 'scheduled') throw new AtelierError(state.status === 'ended' ? 'session_ended' : 'already_started');
    if (state.plannedStart === null) throw new AtelierError('conflict', 'This session has no planned start: the candidate may start now.');
    // Once is enough (the first one is on record), and not needed once the start is open.
    if (mayStartAt(state, now)) return NOTHING;
    return { drafts: [draft('session.early_start_allowed', actor, {})] };
  },
};
