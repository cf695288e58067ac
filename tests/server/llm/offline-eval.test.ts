import { describe, expect, it } from 'vitest';
import { runSimEval } from '../../../bench/sim-eval/run';
import { goodBeatsWeak, rate, summarize } from '../../../bench/sim-eval/summary';

// The simulator's eval (npm run sim:eval, docs/simulator.md) in its small mode: one answer per
// question. Deterministic, so its targets hold in CI: a good prompt keeps ≥ 95 % of the free
// questions on topic, and beats the weak starting prompt on every kind of test case.

describe('offline simulator: the eval targets', () => {
  const summary = summarize(runSimEval({ variants: 1 }));

  it('keeps at least 95 % of the free questions on topic with a good prompt, in English and French', () => {
    for (const language of ['en', 'fr'] as const) {
      const share = summary.onTopic.tuned[language].good;
      expect(share.total, language).toBeGreaterThan(40);
      expect(
        rate(share),
        `${language}: ${JSON.stringify(summary.offTopicWithGood.filter((o) => o.language === language))}`,
      ).toBeGreaterThanOrEqual(0.95);
    }
  });

  it('beats the weak starting prompt on every test-case kind, in both exercises and both languages', () => {
    expect(summary.kinds.length).toBeGreaterThanOrEqual(20);
    for (const kind of summary.kinds) expect(goodBeatsWeak(kind), JSON.stringify(kind)).toBe(true);
    for (const prompt of summary.passRates) expect(rate(prompt.good), JSON.stringify(prompt)).toBeGreaterThan(rate(prompt.weak));
  });

  it('says it does not know what the knowledge base lacks with a good prompt, and invents with the weak one', () => {
    for (const language of ['en', 'fr'] as const) {
      expect(rate(summary.unanswerable[language].good), language).toBeGreaterThanOrEqual(0.8);
      expect(rate(summary.unanswerable[language].weak), language).toBe(0);
    }
  });
});
