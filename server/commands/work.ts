import { AtelierError } from '../../shared/errors';
import { draft } from '../../shared/events';
import { newId } from '../ids';
import { requireLive } from './guards';
import { NOTHING, type Handlers } from './handler';

// The candidate's judgement and account of their work: flags on answers, the write-up, and the
// activity they were told is recorded (focus changes, pastes).

export const WORK_HANDLERS: Handlers<'flag.set' | 'flag.clear' | 'writeup.update' | 'activity.focus' | 'activity.paste'> = {
  'flag.set': ({ state, actor }, data) => {
    requireLive(state);
    if (!state.turns[data.turnId]) throw new AtelierError('not_found', 'No such answer.');
    return { drafts: [draft('flag.set', actor, { flagId: newId(), ...data })] };
  },
  'flag.clear': ({ state, actor }, data) => {
    requireLive(state);
    if (!state.flags[data.flagId]) throw new AtelierError('not_found', 'No such flag.');
    return { drafts: [draft('flag.cleared', actor, { flagId: data.flagId })] };
  },
  'writeup.update': ({ state, actor }, data) => {
    requireLive(state);
    if (data.text === state.writeup.text) return NOTHING;
    return { drafts: [draft('writeup.updated', actor, { text: data.text })] };
  },
  'activity.focus': ({ state, actor }, data) => {
    requireLive(state);
    if (state.activity.hidden === !data.visible) return NOTHING;
    return { drafts: [draft('activity.focus', actor, data)] };
  },
  'activity.paste': ({ state, actor }, data) => {
    requireLive(state);
    return { drafts: [draft('activity.paste', actor, data)] };
  },
};
