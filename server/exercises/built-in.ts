import { DEFAULT_PARAM_BOUNDS, type ExerciseContent } from '../../shared/exercise';
import { DEFEND_THE_PROMPT_EN } from './defend-the-prompt.en';
import { DEFEND_THE_PROMPT_FR } from './defend-the-prompt.fr';
import { REFINE_THE_CHATBOT_EN } from './refine-the-chatbot.en';
import { REFINE_THE_CHATBOT_FR } from './refine-the-chatbot.fr';
import { SUPPORT_EMAILS_TO_JSON_EN } from './support-emails-to-json.en';
import { SUPPORT_EMAILS_TO_JSON_FR } from './support-emails-to-json.fr';

/** The exercises every new library starts with. Ids are stable so that seeding is idempotent. */
export const BUILT_IN_EXERCISES: { id: string; content: ExerciseContent }[] = [
  { id: 'refine-the-chatbot-en', content: REFINE_THE_CHATBOT_EN },
  { id: 'refine-the-chatbot-fr', content: REFINE_THE_CHATBOT_FR },
  { id: 'support-emails-to-json-en', content: SUPPORT_EMAILS_TO_JSON_EN },
  { id: 'support-emails-to-json-fr', content: SUPPORT_EMAILS_TO_JSON_FR },
  { id: 'defend-the-prompt-en', content: DEFEND_THE_PROMPT_EN },
  { id: 'defend-the-prompt-fr', content: DEFEND_THE_PROMPT_FR },
];

export const DEFAULT_EXERCISE_ID = 'refine-the-chatbot-en';

export { DEFAULT_PARAM_BOUNDS };
