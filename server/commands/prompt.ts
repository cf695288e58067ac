import { draft } from '../../shared/events';
import { newId } from '../ids';
import { requireLive } from './guards';
import { NOTHING, type Handlers } from './handler';

// The system prompt: the draft as the candidate types it, and the versions they save.

export const PROMPT_HANDLERS: Handlers<'prompt.draft' | 'prompt.save'> = {
  'prompt.draft': ({ state, actor }, data) => {
    requireLive(state);
    if (data.text === state.prompt.draft) return NOTHING;
    return { drafts: [draft('prompt.draft', actor, { text: data.text })] };
  },
  'prompt.save': ({ state, actor }, data) => {
    requireLive(state);
    const parent = state.prompt.versions[state.prompt.versions.length - 1];
    const { text, label, rationale } = data;
    return {
      drafts: [draft('prompt.version', actor, { versionId: newId(), text, label: label.trim(), rationale, parentId: parent?.id ?? null })],
    };
  },
};
