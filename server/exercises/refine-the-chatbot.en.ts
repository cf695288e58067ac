import { DEFAULT_PARAM_BOUNDS, type ExerciseContent } from '../../shared/exercise';

const KNOWLEDGE_BASE = `# Brightwave Home Internet — support facts

- Plans: Basic 100 Mb/s at 25 €/month; Plus 500 Mb/s at 35 €/month; Max 1 Gb/s at 45 €/month.
- Contracts are monthly; cancel any time with 30 days' notice from the customer area.
- Installation is free and takes place within 10 working days of the order.
- The router (Brightbox 3) is lent for the contract's duration and returned by post, prepaid label included.
- Outages: check status.brightwave.example, then restart the Brightbox (unplug 30 s). If the light stays red, call 0800 123 456 (8:00–20:00, Monday–Saturday).
- Moving home: transfer the contract for free with 15 days' notice.
- Refunds for outages longer than 48 h: one day of subscription per day of outage, on request.`;

export const REFINE_THE_CHATBOT_EN: ExerciseContent = {
  slug: 'refine-the-chatbot',
  title: 'Refine the chatbot',
  language: 'en',
  brief: `## Your task

Brightwave, a home-internet provider, has a support chatbot whose answers are sometimes wrong,
invented or inappropriate. Its current system prompt is in the editor on the left, and the
company's knowledge base is below.

1. Talk to the chatbot and find answers that are **wrong**, **invented** or **unethical**.
2. Rewrite the system prompt to fix them, saving a version each time with what you changed and why.
3. Test each version and explain, at the end, how each change fixed what was wrong.

Think aloud in your version notes: the interviewers care about how you reason as much as about the result.

### Knowledge base

${KNOWLEDGE_BASE}`,
  systemPrompt: `You are the Brightwave assistant. Help customers with their questions.

${KNOWLEDGE_BASE}`,
  knowledgeBase: KNOWLEDGE_BASE,
  timeLimitMinutes: 60,
  models: [],
  defaultModel: 'offline/simulator',
  params: DEFAULT_PARAM_BOUNDS,
  budget: { maxTokens: 200_000, maxCostUsd: 2 },
  testCases: [],
  seedConversation: [],
  rubric: [],
  questions: [],
};
