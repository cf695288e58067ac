// The simulator's eval: the built-in exercises' test cases with the weak starting prompt and
// the reference prompt, and free questions per knowledge-base entry with three prompts (weak,
// a careful short one, the reference), in English and French. Deterministic: no clock, no
// randomness, so CI can hold it to its targets (tests/server/llm/offline-eval.test.ts).

import { BUILT_IN_EXERCISES } from '../../server/exercises/built-in';
import { REFERENCE_PROMPTS } from '../../server/exercises/reference-prompts';
import { simulate, type SimulatedAnswer } from '../../server/llm/offline/compose';
import type { LlmRequest } from '../../server/llm/provider';
import { DEFAULT_PARAM_BOUNDS } from '../../shared/exercise';
import { checkJsonSchema } from '../../server/checks/json-schema';
import { checkExpectations } from '../../shared/expectations';
import { HELD_OUT, TUNED, UNANSWERABLE, type FreeQuestion } from './questions';

export type Language = 'en' | 'fr';
export type PromptName = 'weak' | 'careful' | 'good';

/** The test-case kinds, read from the id prefix each built-in test case carries. */
const KINDS = [
  'answerable',
  'ambiguous',
  'unanswerable',
  'out-of-scope',
  'manipulation',
  'bias',
  'standard',
  'missing-info',
  'injection',
  'other-language',
  'messy',
];

export interface CaseResult {
  exercise: string;
  language: Language;
  prompt: 'weak' | 'good';
  caseId: string;
  kind: string;
  variant: number;
  passed: boolean;
  failed: string[];
  text: string;
}

export interface FreeResult {
  /** `held-out`: questions written after the tuning, never tuned on. */
  set: 'tuned' | 'held-out';
  language: Language;
  prompt: PromptName;
  question: FreeQuestion;
  variant: number;
  onTopic: boolean;
  quoted: number[];
  situation: string | null;
  text: string;
}

export interface UnanswerableResult {
  language: Language;
  prompt: PromptName;
  turns: string[];
  saysUnknown: boolean;
  text: string;
}

export interface EvalResults {
  variants: number;
  cases: CaseResult[];
  free: FreeResult[];
  unanswerable: UnanswerableResult[];
}

const PARAMS = {
  temperature: DEFAULT_PARAM_BOUNDS.temperature.default,
  topP: DEFAULT_PARAM_BOUNDS.topP.default,
  maxOutputTokens: DEFAULT_PARAM_BOUNDS.maxOutputTokens.default,
};

/** The short careful prompt of issue 16's walk-through, on each language's knowledge base. */
export const CAREFUL_PROMPTS: Record<Language, (knowledgeBase: string) => string> = {
  en: (kb) =>
    `You are the Brightwave support assistant. Answer only from the knowledge base; for outages give the troubleshooting steps and the fault line.\n\n${kb}`,
  fr: (kb) =>
    `Tu es l'assistant du support de Brightwave. Réponds uniquement à partir de la base de connaissances ; pour les pannes, donne les étapes de dépannage et le numéro du service dépannage.\n\n${kb}`,
};

function exercise(id: string) {
  const found = BUILT_IN_EXERCISES.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no built-in exercise ${id}`);
  return found.content;
}

/** Each user turn is answered in order, so a follow-up sees the simulator's own earlier answers. */
function converse(system: string, turns: string[], variant: number) {
  const messages: LlmRequest['messages'] = [];
  let last: SimulatedAnswer = { text: '', trace: { mode: 'chat', situation: null, entries: [], followUp: false, understood: [] } };
  turns.forEach((turn, index) => {
    messages.push({ role: 'user', content: turn });
    // Earlier turns are first answers; the last one is the answer (or regenerate) measured.
    last = simulate({
      model: 'simulator',
      system,
      messages: [...messages],
      params: PARAMS,
      variant: index === turns.length - 1 ? variant : 0,
    });
    messages.push({ role: 'assistant', content: last.text });
  });
  return last;
}

const groupOf = (entryId: string) => Number(entryId.split('.')[0]);

/** `variants`: how many answers per question (0 = first answer, then regenerates); the small mode uses 1. */
export function runSimEval(options: { variants?: number } = {}): EvalResults {
  const variants = options.variants ?? 3;
  const results: EvalResults = { variants, cases: [], free: [], unanswerable: [] };
  const exercises: Array<[string, Language]> = [
    ['refine-the-chatbot-en', 'en'],
    ['refine-the-chatbot-fr', 'fr'],
    ['support-emails-to-json-en', 'en'],
    ['support-emails-to-json-fr', 'fr'],
  ];
  for (const [id, language] of exercises) {
    const content = exercise(id);
    const prompts: Array<['weak' | 'good', string]> = [
      ['weak', content.systemPrompt],
      ['good', REFERENCE_PROMPTS[id] ?? ''],
    ];
    for (const [prompt, system] of prompts) {
      for (const testCase of content.testCases) {
        for (let variant = 0; variant < variants; variant++) {
          const { text } = converse(system, [testCase.input], variant);
          const check = checkExpectations(text, testCase.expectations, { jsonSchema: checkJsonSchema });
          const kind = KINDS.find((candidate) => testCase.id.startsWith(`${candidate}-`)) ?? testCase.id;
          const failed = check.checks.filter((c) => !c.passed).map((c) => `${c.kind}${c.detail ? ` ${c.detail}` : ''}`);
          results.cases.push({
            exercise: content.slug.replace(/-fr$/, ''),
            language,
            prompt,
            caseId: testCase.id,
            kind,
            variant,
            passed: check.passed,
            failed,
            text,
          });
        }
      }
    }
  }

  for (const language of ['en', 'fr'] as const) {
    const content = exercise(`refine-the-chatbot-${language}`);
    const prompts: Array<[PromptName, string]> = [
      ['weak', content.systemPrompt],
      ['careful', CAREFUL_PROMPTS[language](content.knowledgeBase)],
      ['good', REFERENCE_PROMPTS[`refine-the-chatbot-${language}`] ?? ''],
    ];
    for (const [prompt, system] of prompts) {
      const sets: Array<['tuned' | 'held-out', FreeQuestion]> = [
        ...TUNED[language].map((question): ['tuned', FreeQuestion] => ['tuned', question]),
        ...HELD_OUT[language].map((question): ['held-out', FreeQuestion] => ['held-out', question]),
      ];
      for (const [set, question] of sets) {
        for (let variant = 0; variant < variants; variant++) {
          const answer = converse(system, question.turns, variant);
          const quoted = [...new Set(answer.trace.entries.map(groupOf))];
          const allowed = new Set([...question.topics, ...(question.alsoFine ?? [])]);
          const onTopic = question.topics.every((topic) => quoted.includes(topic)) && quoted.every((topic) => allowed.has(topic));
          results.free.push({
            set,
            language,
            prompt,
            question,
            variant,
            onTopic,
            quoted,
            situation: answer.trace.situation,
            text: answer.text,
          });
        }
      }
      for (const turns of UNANSWERABLE[language]) {
        const answer = converse(system, turns, 0);
        results.unanswerable.push({
          language,
          prompt,
          turns,
          saysUnknown:
            answer.trace.situation === 'unknown' &&
            answer.trace.entries.length === 0 &&
            !/\d+[.,]99|%/.test(answer.text) &&
            isDontKnow(answer.text),
          text: answer.text,
        });
      }
    }
  }
  return results;
}

function isDontKnow(text: string): boolean {
  return /\b(don't|do not) (have|know)\b|\bje ne sais pas\b|\bje n'ai pas\b|\bne figure pas\b/i.test(text);
}
