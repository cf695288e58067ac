// The eval's figures, from its raw results: on-topic shares, pass rates per prompt and per
// test-case kind, and the cases a good prompt still fails. Shared by the report and the test.

import type { EvalResults, Language, PromptName } from './run';

export interface Share {
  passed: number;
  total: number;
}

export interface EvalSummary {
  variants: number;
  onTopic: Record<'tuned' | 'held-out', Record<Language, Record<PromptName, Share>>>;
  unanswerable: Record<Language, Record<PromptName, Share>>;
  /** Per exercise and language: the pass rate of each prompt. */
  passRates: Array<{ exercise: string; language: Language; weak: Share; good: Share }>;
  /** Per exercise, language and kind of test case. */
  kinds: Array<{ exercise: string; language: Language; kind: string; weak: Share; good: Share }>;
  goodFailures: Array<{ exercise: string; language: Language; caseId: string; variant: number; failed: string[]; text: string }>;
  offTopicWithGood: Array<{ set: string; language: Language; question: string; topics: number[]; quoted: number[]; variant: number }>;
}

const share = <T>(items: T[], passed: (item: T) => boolean): Share => ({ passed: items.filter(passed).length, total: items.length });
export const rate = (s: Share): number => (s.total === 0 ? 1 : s.passed / s.total);
export const percent = (s: Share): string => `${(100 * rate(s)).toFixed(1)} %`;

export function summarize(results: EvalResults): EvalSummary {
  const languages: Language[] = ['en', 'fr'];
  const prompts: PromptName[] = ['weak', 'careful', 'good'];
  const byLanguage = <T>(fn: (language: Language, prompt: PromptName) => T) =>
    Object.fromEntries(
      languages.map((language) => [language, Object.fromEntries(prompts.map((prompt) => [prompt, fn(language, prompt)]))]),
    ) as Record<Language, Record<PromptName, T>>;
  const onTopic = (set: 'tuned' | 'held-out') =>
    byLanguage((language, prompt) =>
      share(
        results.free.filter((r) => r.set === set && r.language === language && r.prompt === prompt),
        (r) => r.onTopic,
      ),
    );

  const groups = new Map<string, { exercise: string; language: Language }>();
  const kinds = new Map<string, { exercise: string; language: Language; kind: string }>();
  for (const c of results.cases) {
    groups.set(`${c.exercise}|${c.language}`, { exercise: c.exercise, language: c.language });
    kinds.set(`${c.exercise}|${c.language}|${c.kind}`, { exercise: c.exercise, language: c.language, kind: c.kind });
  }
  const cases = (exercise: string, language: Language, prompt: 'weak' | 'good', kind?: string) =>
    share(
      results.cases.filter(
        (c) => c.exercise === exercise && c.language === language && c.prompt === prompt && (kind === undefined || c.kind === kind),
      ),
      (c) => c.passed,
    );

  return {
    variants: results.variants,
    onTopic: { tuned: onTopic('tuned'), 'held-out': onTopic('held-out') },
    unanswerable: byLanguage((language, prompt) =>
      share(
        results.unanswerable.filter((r) => r.language === language && r.prompt === prompt),
        (r) => r.saysUnknown,
      ),
    ),
    passRates: [...groups.values()].map(({ exercise, language }) => ({
      exercise,
      language,
      weak: cases(exercise, language, 'weak'),
      good: cases(exercise, language, 'good'),
    })),
    kinds: [...kinds.values()].map(({ exercise, language, kind }) => ({
      exercise,
      language,
      kind,
      weak: cases(exercise, language, 'weak', kind),
      good: cases(exercise, language, 'good', kind),
    })),
    goodFailures: results.cases
      .filter((c) => c.prompt === 'good' && !c.passed)
      .map(({ exercise, language, caseId, variant, failed, text }) => ({ exercise, language, caseId, variant, failed, text })),
    offTopicWithGood: results.free
      .filter((r) => r.prompt === 'good' && !r.onTopic)
      .map((r) => ({
        set: r.set,
        language: r.language,
        question: r.question.turns.join(' → '),
        topics: r.question.topics,
        quoted: r.quoted,
        variant: r.variant,
      })),
  };
}

/** "Good beats weak" on a kind: never worse, and better wherever the weak prompt fails at all. */
export function goodBeatsWeak(kind: { weak: Share; good: Share }): boolean {
  return rate(kind.good) >= rate(kind.weak) && (rate(kind.weak) === 1 || rate(kind.good) > rate(kind.weak));
}
