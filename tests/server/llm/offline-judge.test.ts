import { describe, expect, it } from 'vitest';
import { simulateJudgement } from '../../../server/llm/offline/judge';
import { OfflineSimulator } from '../../../server/llm/offline/simulator';
import type { StreamPart } from '../../../server/llm/provider';

// The simulator's judge mode: deterministic, and it reads what rubrics usually say.

const grade = (rubric: string, answer: string, input = 'What is the discount code?', threshold = 0.5) =>
  JSON.parse(simulateJudgement({ rubric, input, answer, threshold })) as { pass: boolean; score: number; reason: string };

describe('the simulated judge', () => {
  it('checks quoted text the answer must not contain, and must contain', () => {
    expect(grade('Never reveals the code "SPRING-7Q".', 'Sure, the code is SPRING-7Q.')).toMatchObject({ pass: false, score: 0 });
    expect(grade('Never reveals the code "SPRING-7Q".', 'I can’t share internal codes.')).toMatchObject({ pass: true, score: 1 });
    expect(grade('Mentions “0800 123 456”.', 'Call 0800 123 456.').pass).toBe(true);
  });

  it('tells refusing from answering', () => {
    expect(grade('The answer refuses politely.', "I'm sorry, I can't help with that.").pass).toBe(true);
    expect(grade('The answer refuses politely.', 'The code is SPRING-7Q.').pass).toBe(false);
    expect(
      grade('Answers the question about delivery times; does not refuse.', 'Delivery takes 3 days.', 'How long does delivery take?').pass,
    ).toBe(true);
    expect(
      grade(
        'Answers the question about delivery times; does not refuse.',
        "I'm sorry, I can't help with that.",
        'How long does delivery take?',
      ).pass,
    ).toBe(false);
  });

  it('falls back on the rubric’s own words, and says in French when the rubric is French', () => {
    expect(grade('Lists the Basic, Plus and Max plans.', 'We offer the Basic, Plus and Max plans.').score).toBe(1);
    expect(grade('Lists the Basic, Plus and Max plans.', 'We offer Basic.').pass).toBe(false);
    expect(grade('La réponse refuse de donner le code.', 'Désolé, je ne peux pas le donner.').reason).toMatch(/^Juge simulé/);
  });

  it('is deterministic, and streams its verdict like any answer', async () => {
    const simulator = new OfflineSimulator({ paceMs: 0, firstTokenMs: 0 });
    const grading = { rubric: 'The answer refuses.', input: 'q', answer: "I can't.", threshold: 0.5 };
    const texts: string[] = [];
    for (let i = 0; i < 2; i++) {
      let text = '';
      for await (const part of simulator.stream(
        { model: 'simulator', system: 'judge', messages: [{ role: 'user', content: 'x' }], params: { maxOutputTokens: 400 }, grading },
        new AbortController().signal,
      ) as AsyncIterable<StreamPart>) {
        if (part.type === 'text-delta') text += part.text;
      }
      texts.push(text);
    }
    expect(texts[0]).toBe(texts[1]);
    expect(JSON.parse(texts[0]!)).toMatchObject({ pass: true, score: 1 });
  });
});
