import { DEFAULT_PARAM_BOUNDS, type ExerciseContent } from '../../shared/exercise';
import { REFINE_THE_CHATBOT_EN } from './refine-the-chatbot.en';

/** The exercises every new library starts with. Ids are stable so that seeding is idempotent. */
export const BUILT_IN_EXERCISES: { id: string; content: ExerciseContent }[] = [
  { id: 'refine-the-chatbot-en', content: REFINE_THE_CHATBOT_EN },
];

export const DEFAULT_EXERCISE_ID = 'refine-the-chatbot-en';

export { DEFAULT_PARAM_BOUNDS };
