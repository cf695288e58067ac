import { describe, expect, it } from 'vitest';
import { BUILT_IN_EXERCISES } from '../../../server/exercises/built-in';
import { REFERENCE_PROMPTS } from '../../../server/exercises/reference-prompts';
import { OfflineSimulator } from '../../../server/llm/offline/simulator';
import { checkJsonSchema } from '../../../server/checks/json-schema';
import { checkExpectations } from '../../../shared/expectations';

// "Support emails to structured data" must be practicable offline, like "refine the chatbot": on
// the simulator's JSON mode, the weak starting prompt fails most test cases and a reference-quality
// prompt passes them. The reference prompts are in server/exercises/reference-prompts.ts: each rule
// answers a failure of the starting prompt.

const content = (id: string) => {
  const found = BUILT_IN_EXERCISES.find((exercise) => exercise.id === id)?.content;
  if (!found) throw new Error(`no built-in exercise ${id}`);
  return found;
};

const REFERENCE = REFERENCE_PROMPTS;

const simulator = new OfflineSimulator({ paceMs: 0, firstTokenMs: 0 });
async function answer(system: string, input: string): Promise<string> {
  let text = '';
  const stream = simulator.stream(
    { model: 'simulator', system, messages: [{ role: 'user', content: input }], params: {} },
    new AbortController().signal,
  );
  for await (const part of stream) if (part.type === 'text-delta') text += part.text;
  return text;
}
async function runSuite(id: string, system: string): Promise<Map<string, boolean>> {
  const results = new Map<string, boolean>();
  for (const testCase of content(id).testCases)
    results.set(
      testCase.id,
      checkExpectations(await answer(system, testCase.input), testCase.expectations, { jsonSchema: checkJsonSchema }).passed,
    );
  return results;
}

describe('"support emails to structured data" on the offline simulator', () => {
  for (const id of ['support-emails-to-json-en', 'support-emails-to-json-fr']) {
    it(`${id}: the weak prompt fails at least half the cases, the reference prompt passes at least 5 of 6`, async () => {
      const weak = await runSuite(id, content(id).systemPrompt);
      const good = await runSuite(id, REFERENCE[id] ?? '');
      const failures = [...weak.values()].filter((passed) => !passed).length;
      const passes = [...good.values()].filter(Boolean).length;
      expect(failures, JSON.stringify(Object.fromEntries(weak))).toBeGreaterThanOrEqual(Math.ceil(weak.size / 2));
      expect(passes, JSON.stringify(Object.fromEntries(good))).toBeGreaterThanOrEqual(5);
      // The hard cases are the ones the rules fix: injection, missing info, another language.
      for (const kind of ['injection', 'missing-info', 'other-language']) {
        for (const [caseId, passed] of weak) if (caseId.startsWith(`${kind}-`)) expect(passed, `weak ${caseId}`).toBe(false);
      }
    });

    it(`${id}: the reference prompt's answers are bare JSON that parses`, async () => {
      for (const testCase of content(id).testCases) {
        const text = await answer(REFERENCE[id] ?? '', testCase.input);
        expect(() => JSON.parse(text), testCase.id).not.toThrow();
      }
    });

    it(`${id}: the same prompt and email always give the same ticket`, async () => {
      const [first] = content(id).testCases;
      expect(await answer(REFERENCE[id] ?? '', first?.input ?? '')).toBe(await answer(REFERENCE[id] ?? '', first?.input ?? ''));
    });
  }
});
