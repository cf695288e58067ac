import { AtelierError } from '../../shared/errors';
import { draft } from '../../shared/events';
import { newId } from '../ids';
import { requireLive } from './guards';
import { NOTHING, type Handlers } from './handler';

// The candidate's judgement and account of their work: flags on answers, the write-up, and the
// activity they were told is recorded (focus changes, pastes), and where they are looking (for
// staff who follow along: a bounded number per minute, and only places that exist).

export const WORK_HANDLERS: Handlers<'flag.set' | 'flag.clear' | 'writeup.update' | 'activity.focus' | 'activity.paste' | 'view.changed'> =
  {
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
    'view.changed': ({ session, state, actor }, data) => {
      requireLive(state);
      if (data.nodeId !== null) {
        const node = state.nodes[data.nodeId];
        if (!node || node.threadId !== data.thread) throw new AtelierError('not_found', 'No such message in that conversation.');
      }
      const seen = state.candidateView;
      if (seen && seen.tab === data.tab && seen.thread === data.thread && seen.nodeId === data.nodeId) return NOTHING;
      session.admitViewChange();
      return { drafts: [draft('view.changed', actor, data)] };
    },
  };
