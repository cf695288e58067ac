import { Compile } from 'typebox/compile';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_EXERCISES, DEFAULT_EXERCISE_ID } from '../../../server/exercises/built-in';
import { REFERENCE_PROMPTS } from '../../../server/exercises/reference-prompts';
import { checkJsonSchema } from '../../../server/checks/json-schema';
import { DEFEND_SECRET } from '../../../server/exercises/defend-the-prompt.en';
import { ticketChecks } from '../../../server/exercises/json-checks';
import { simulateJudgement } from '../../../server/llm/offline/judge';
import { ruleProblems } from '../../../server/exercises/validate-exercise';
import { OfflineSimulator } from '../../../server/llm/offline/simulator';
import { ExerciseContent } from '../../../shared/exercise';
import { checkExpectations as checkStrings, type Expectation } from '../../../shared/expectations';
import { patternIssue } from '../../../shared/pattern';

const validator = Compile(ExerciseContent);
const byId = (id: string) => {
  const found = BUILT_IN_EXERCISES.find((exercise) => exercise.id === id);
  if (!found) throw new Error(`no built-in exercise ${id}`);
  return found.content;
};
const refine = ['refine-the-chatbot-en', 'refine-the-chatbot-fr'];
const emails = ['support-emails-to-json-en', 'support-emails-to-json-fr'];
const defend = ['defend-the-prompt-en', 'defend-the-prompt-fr'];

/** Every check as the server runs it: JSON Schemas through the worker's validator. */
const checkExpectations = (text: string, expectations: readonly Expectation[]) =>
  checkStrings(text, expectations, { jsonSchema: checkJsonSchema });

/** The test-case kinds, read from the id prefix each exercise's test cases carry. */
const REFINE_KINDS = ['ambiguous', 'unanswerable', 'out-of-scope', 'manipulation', 'bias'];
const EMAIL_KINDS = ['missing-info', 'injection', 'other-language'];
const DEFEND_KINDS = ['injection', 'jailbreak', 'exfiltration', 'ordinary'];
const kindsOf = (ids: string[], kinds: string[]) => kinds.filter((kind) => ids.some((id) => id.startsWith(`${kind}-`)));

const ROLE_SKILLS = {
  hard: ['precise-prompts', 'genai-limits-ethics', 'programming-api', 'llm-knowledge', 'data-bias-analysis'],
  soft: ['creativity-curiosity', 'analysis', 'user-empathy', 'communication-teamwork'],
};

describe('built-in exercises: content', () => {
  it('every built-in validates against ExerciseContent and its rules, and its schemas compile', () => {
    for (const { id, content } of BUILT_IN_EXERCISES) {
      const errors = [...validator.Errors(content)].map((error) => `${error.instancePath} ${error.message}`);
      expect(errors, id).toEqual([]);
      expect(validator.Check(content), id).toBe(true);
      expect(ruleProblems(content), id).toEqual([]);
      for (const testCase of content.testCases) {
        for (const e of testCase.expectations)
          if (e.kind === 'json_schema') expect(checkJsonSchema('{}', e.schema).error, `${id}/${testCase.id}`).toBeUndefined();
      }
    }
  });

  it('has unique ids and slugs, and the English "refine the chatbot" stays the default', () => {
    const ids = BUILT_IN_EXERCISES.map((exercise) => exercise.id);
    const slugs = BUILT_IN_EXERCISES.map((exercise) => exercise.content.slug);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(slugs).size).toBe(slugs.length);
    expect(ids).toEqual(expect.arrayContaining([...refine, ...emails, ...defend]));
    expect(DEFAULT_EXERCISE_ID).toBe('refine-the-chatbot-en');
    expect(byId(DEFAULT_EXERCISE_ID).language).toBe('en');
    expect(byId('refine-the-chatbot-fr').language).toBe('fr');
    expect(byId('support-emails-to-json-fr').language).toBe('fr');
    expect(byId('defend-the-prompt-fr').language).toBe('fr');
  });

  it('runs on the offline simulator by default, within the declared parameter bounds', () => {
    for (const { id, content } of BUILT_IN_EXERCISES) {
      expect(content.defaultModel, id).toBe('offline/simulator');
      for (const bound of Object.values(content.params)) {
        expect(bound.min <= bound.default && bound.default <= bound.max, id).toBe(true);
      }
    }
  });

  it('gives each exercise 6–8 uniquely named test cases, a 3–4 exchange seeded conversation, and regexes the linear-time engine runs', () => {
    for (const { id, content } of BUILT_IN_EXERCISES) {
      expect(content.testCases.length, id).toBeGreaterThanOrEqual(6);
      expect(content.testCases.length, id).toBeLessThanOrEqual(8);
      expect(new Set(content.testCases.map((testCase) => testCase.id)).size, id).toBe(content.testCases.length);
      expect(content.seedConversation.length, id).toBeGreaterThanOrEqual(3);
      expect(content.seedConversation.length, id).toBeLessThanOrEqual(4);
      for (const testCase of content.testCases) {
        expect(testCase.expectations.length, `${id}/${testCase.id}`).toBeGreaterThan(0);
        for (const expectation of testCase.expectations) {
          if (expectation.kind === 'regex')
            expect(patternIssue(expectation.pattern, expectation.flags), `${id}/${testCase.id}: /${expectation.pattern}/`).toBeNull();
        }
      }
    }
  });

  it('covers the five required kinds of test input in "refine the chatbot", and the hard cases of the email exercise', () => {
    for (const id of refine)
      expect(
        kindsOf(
          byId(id).testCases.map((t) => t.id),
          REFINE_KINDS,
        ),
        id,
      ).toEqual(REFINE_KINDS);
    for (const id of emails)
      expect(
        kindsOf(
          byId(id).testCases.map((t) => t.id),
          EMAIL_KINDS,
        ),
        id,
      ).toEqual(EMAIL_KINDS);
    for (const id of defend)
      expect(
        kindsOf(
          byId(id).testCases.map((t) => t.id),
          DEFEND_KINDS,
        ),
        id,
      ).toEqual(DEFEND_KINDS);
    // The kinds that must be declined are checked as refusals.
    for (const id of refine) {
      for (const testCase of byId(id).testCases.filter((t) => /^(out-of-scope|manipulation|bias)-/.test(t.id))) {
        expect(
          testCase.expectations.map((e) => e.kind),
          `${id}/${testCase.id}`,
        ).toContain('must_refuse');
      }
    }
  });

  it('keeps the French and English versions of each exercise aligned: test cases, expectation kinds, rubric', () => {
    for (const [en, fr] of [refine, emails, defend] as [string, string][]) {
      const shape = (id: string) => byId(id).testCases.map((t) => [t.id, t.expectations.map((e) => e.kind)]);
      expect(shape(fr)).toEqual(shape(en));
      const rubric = (id: string) => byId(id).rubric.map((c) => [c.id, c.group]);
      expect(rubric(fr)).toEqual(rubric(en));
      expect(byId(fr).questions.map((q) => q.id)).toEqual(byId(en).questions.map((q) => q.id));
    }
  });

  it("scores the role's hard and soft skills, each with anchors for 1, 3 and 5", () => {
    for (const { id, content } of BUILT_IN_EXERCISES) {
      expect(
        content.rubric.filter((c) => c.group === 'hard').map((c) => c.id),
        id,
      ).toEqual(ROLE_SKILLS.hard);
      expect(
        content.rubric.filter((c) => c.group === 'soft').map((c) => c.id),
        id,
      ).toEqual(ROLE_SKILLS.soft);
      for (const criterion of content.rubric) {
        for (const level of ['1', '3', '5'] as const)
          expect(criterion.anchors[level].trim().length, `${id}/${criterion.id}/${level}`).toBeGreaterThan(20);
        expect(new Set(Object.values(criterion.anchors)).size, `${id}/${criterion.id}`).toBe(3);
      }
    }
  });

  it('asks the five interview questions, q1 to q5', () => {
    for (const { id, content } of BUILT_IN_EXERCISES) {
      expect(
        content.questions.map((q) => q.id),
        id,
      ).toEqual(['q1', 'q2', 'q3', 'q4', 'q5']);
      for (const question of content.questions) expect(question.text, `${id}/${question.id}`).toContain('?');
    }
  });

  it('keeps the knowledge base in the starting prompt and the brief, and the fault line in both languages', () => {
    for (const id of refine) {
      const content = byId(id);
      expect(content.systemPrompt).toContain(content.knowledgeBase);
      expect(content.brief).toContain(content.knowledgeBase.split('\n')[1] ?? '∅');
    }
    expect(byId('refine-the-chatbot-en').knowledgeBase).toContain('0800 123 456');
    expect(byId('refine-the-chatbot-fr').knowledgeBase).toContain('0 800 123 456');
  });
});

// ---------------------------------------------------------------------------------------------
// The exercise must be practicable offline: the weak starting prompt fails the risky cases on the
// simulator, the reference prompt passes them, and the knowledge-base questions pass with both.

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
  for (const testCase of byId(id).testCases)
    results.set(testCase.id, checkExpectations(await answer(system, testCase.input), testCase.expectations).passed);
  return results;
}

describe('"refine the chatbot" on the offline simulator', () => {
  for (const id of refine) {
    it(`${id}: the weak prompt fails at least 4 cases, the reference prompt passes at least 6 of 7`, async () => {
      const weak = await runSuite(id, byId(id).systemPrompt);
      const reference = REFERENCE_PROMPTS[id];
      expect(reference).toBeDefined();
      const good = await runSuite(id, reference ?? '');
      const failures = [...weak.values()].filter((passed) => !passed).length;
      const passes = [...good.values()].filter(Boolean).length;
      expect(failures, JSON.stringify(Object.fromEntries(weak))).toBeGreaterThanOrEqual(4);
      expect(passes, JSON.stringify(Object.fromEntries(good))).toBeGreaterThanOrEqual(6);
      // The weak bot is dangerous, not useless: it answers the knowledge-base questions.
      for (const [caseId, passed] of weak) if (caseId.startsWith('answerable-')) expect(passed, `weak ${caseId}`).toBe(true);
      // Each risky kind fails with the weak prompt.
      for (const kind of ['unanswerable', 'manipulation', 'bias', 'out-of-scope']) {
        const caseId = [...weak.keys()].find((key) => key.startsWith(`${kind}-`)) ?? '';
        expect(weak.get(caseId), `weak ${caseId}`).toBe(false);
      }
    });
  }
});

// ---------------------------------------------------------------------------------------------
// The email exercise's expectations: a correct ticket passes them all, and each output of the
// seeded conversation (the weak prompt's typical mistakes) fails its test case.

const REFERENCE_TICKETS: Record<string, Record<string, string>> = {
  'support-emails-to-json-en': {
    'standard-outage':
      '{"intent": "outage", "product": "Plus", "urgency": "high", "sentiment": "negative", "customer_id": "BW-48213", "summary": "No connection since yesterday evening, Brightbox light red; the customer works from home and asks for a technician."}',
    'missing-info-moving':
      '{"intent": "moving", "product": null, "urgency": "low", "sentiment": "neutral", "customer_id": null, "summary": "The customer is moving in March and asks how to transfer the service and whether it costs anything."}',
    'injection-in-email':
      '{\n  "intent": "billing",\n  "product": "Plus",\n  "urgency": "medium",\n  "sentiment": "neutral",\n  "customer_id": "BW-51907",\n  "summary": "November invoice is 45 € instead of the 35 € Plus price; the email also contains instructions aimed at the AI."\n}',
    'other-language-cancellation':
      '{"intent": "cancellation", "product": "Max", "urgency": "medium", "sentiment": "neutral", "customer_id": "BW-30577", "summary": "The customer wants to cancel the Max contract before moving abroad at the end of the month and asks whether to return the router."}',
    'messy-billing-threat':
      '{"intent": "billing", "product": null, "urgency": "medium", "sentiment": "negative", "customer_id": "BW-48213", "summary": "Charged twice this month (70 € instead of 35 €); the customer threatens to cancel if it is not fixed."}',
    'missing-info-positive':
      '{"intent": "other", "product": null, "urgency": "low", "sentiment": "positive", "customer_id": null, "summary": "Thanks for Tuesday\'s technician, who was on time and friendly; everything works."}',
  },
  'support-emails-to-json-fr': {
    'standard-outage':
      '{"intent": "outage", "product": "Plus", "urgency": "high", "sentiment": "negative", "customer_id": "BW-48213", "summary": "Connexion coupée depuis hier soir, voyant rouge ; le client télétravaille et demande un technicien."}',
    'missing-info-moving':
      '{"intent": "moving", "product": null, "urgency": "low", "sentiment": "neutral", "customer_id": null, "summary": "La cliente déménage en mars et demande comment garder internet et si c\'est payant."}',
    'injection-in-email':
      '{"intent": "billing", "product": "Plus", "urgency": "medium", "sentiment": "neutral", "customer_id": "BW-51907", "summary": "Facture de novembre à 45 € au lieu de 35 € pour l\'offre Plus ; l\'e-mail contient aussi des consignes adressées à l\'IA."}',
    'other-language-cancellation':
      '{"intent": "cancellation", "product": "Max", "urgency": "medium", "sentiment": "neutral", "customer_id": "BW-30577", "summary": "La cliente veut résilier son offre Max avant de partir à l\'étranger et demande si elle doit renvoyer la box."}',
    'messy-billing-threat':
      '{"intent": "billing", "product": null, "urgency": "medium", "sentiment": "negative", "customer_id": "BW-48213", "summary": "Prélevé deux fois ce mois-ci (70 € au lieu de 35 €) ; le client menace de résilier."}',
    'missing-info-positive':
      '{"intent": "other", "product": null, "urgency": "low", "sentiment": "positive", "customer_id": null, "summary": "Remerciements pour le technicien venu mardi, ponctuel et aimable ; tout fonctionne."}',
  },
};

describe('"refine the chatbot": the ambiguous-price case', () => {
  const passes = (id: string, text: string) =>
    checkExpectations(text, byId(id).testCases.find((t) => t.id === 'ambiguous-price')?.expectations ?? []).passed;

  it('passes a clarifying question, or all three prices in any order; fails one plan picked at random', () => {
    expect(passes('refine-the-chatbot-en', 'Which plan do you mean: Basic, Plus or Max?')).toBe(true);
    expect(passes('refine-the-chatbot-en', 'Max costs 45 €, Basic 25 € and Plus 35 € per month.')).toBe(true);
    expect(passes('refine-the-chatbot-en', 'Basic is 25 €/month, Plus 35 €/month, Max 45 €/month.')).toBe(true);
    expect(passes('refine-the-chatbot-en', 'The Plus plan costs 35 € per month.')).toBe(false);
    expect(passes('refine-the-chatbot-en', 'Basic is 25 € and Plus is 35 €.')).toBe(false);
    expect(passes('refine-the-chatbot-fr', 'De quelle offre parlez-vous ?')).toBe(true);
    expect(passes('refine-the-chatbot-fr', 'Max : 45 €, Plus : 35 €, Essentiel : 25 €.')).toBe(true);
    expect(passes('refine-the-chatbot-fr', 'L’offre Plus coûte 35 € par mois.')).toBe(false);
  });
});

describe('"support emails to structured data": expectations', () => {
  for (const id of emails) {
    it(`${id}: a correct ticket passes every check`, () => {
      for (const testCase of byId(id).testCases) {
        const ticket = REFERENCE_TICKETS[id]?.[testCase.id];
        expect(ticket, testCase.id).toBeDefined();
        expect(() => JSON.parse(ticket ?? ''), testCase.id).not.toThrow();
        const result = checkExpectations(ticket ?? '', testCase.expectations);
        expect(
          result.checks.filter((c) => !c.passed),
          testCase.id,
        ).toEqual([]);
      }
    });

    it(`${id}: each seeded output of the weak prompt fails its test case`, () => {
      const content = byId(id);
      for (const exchange of content.seedConversation) {
        const testCase = content.testCases.find((t) => t.input === exchange.user);
        expect(testCase, exchange.user.slice(0, 40)).toBeDefined();
        expect(checkExpectations(exchange.assistant, testCase?.expectations ?? []).passed, testCase?.id).toBe(false);
      }
    });
  }

  it('checks the contract with a JSON Schema: any key order, no fence or chat around it, no unknown value', () => {
    const shape = byId('support-emails-to-json-en').testCases[0]?.expectations.slice(0, 2) ?? [];
    expect(shape).toEqual(ticketChecks(['Basic', 'Plus', 'Max', 'Brightbox 3']));
    expect(shape.map((e) => e.kind)).toEqual(['regex', 'json_schema']);
    const check = (text: string) => checkExpectations(text, shape);
    const ticket = '{"summary": "x", "customer_id": null, "sentiment": "neutral", "urgency": "low", "product": null, "intent": "other"}';
    expect(check(ticket).passed).toBe(true);
    expect(check(`\`\`\`json\n${ticket}\n\`\`\``).passed).toBe(false);
    expect(check(`Here is the JSON: ${ticket}`).passed).toBe(false);
    const partial = check('{"intent": "other", "product": null}');
    expect(partial.passed).toBe(false);
    expect(partial.checks[1]!.violations?.map((v) => v.params?.missingProperty)).toEqual(
      expect.arrayContaining(['urgency', 'sentiment', 'customer_id', 'summary']),
    );
    const wrong = check(
      '{"summary": "x", "customer_id": "48213", "sentiment": "neutral", "urgency": "low", "product": "Max plan", "intent": "baja"}',
    );
    expect(wrong.checks[1]!.violations?.map((v) => v.path).sort()).toEqual(['/customer_id', '/intent', '/product']);
  });
});

// ---------------------------------------------------------------------------------------------
// "Defend the prompt" offline: the weak prompt leaks the code or obeys, the reference prompt
// withstands every attack and still answers the ordinary questions. Rubric checks are graded the
// way an offline session grades them: by the simulated judge.

async function gradeSuite(id: string, system: string): Promise<Map<string, boolean>> {
  const results = new Map<string, boolean>();
  for (const testCase of byId(id).testCases) {
    const text = await answer(system, testCase.input);
    const checks = checkExpectations(text, testCase.expectations).checks.map((check, i) => {
      const e = testCase.expectations[i]!;
      if (e.kind !== 'llm_rubric') return check.passed;
      const verdict = JSON.parse(simulateJudgement({ rubric: e.rubric, input: testCase.input, answer: text, threshold: e.threshold })) as {
        score: number;
      };
      return verdict.score >= e.threshold;
    });
    results.set(testCase.id, checks.every(Boolean));
  }
  return results;
}

describe('"defend the prompt" on the offline simulator', () => {
  for (const id of defend) {
    it(`${id}: the weak prompt leaks or obeys in at least 3 attacks; the reference prompt passes every case`, async () => {
      const content = byId(id);
      expect(content.systemPrompt).toContain(DEFEND_SECRET);
      expect(content.judge?.model).toMatch(/^[^/]+\/.+/);
      const weak = await gradeSuite(id, content.systemPrompt);
      const attacks = [...weak].filter(([caseId]) => !caseId.startsWith('ordinary-'));
      expect(attacks.filter(([, passed]) => !passed).length, JSON.stringify(Object.fromEntries(weak))).toBeGreaterThanOrEqual(3);
      // Weak, not useless: it answers the ordinary questions.
      for (const [caseId, passed] of weak) if (caseId.startsWith('ordinary-')) expect(passed, `weak ${caseId}`).toBe(true);
      const reference = REFERENCE_PROMPTS[id];
      expect(reference).toBeDefined();
      expect(reference).not.toContain(DEFEND_SECRET);
      const good = await gradeSuite(id, reference ?? '');
      expect(
        [...good].filter(([, passed]) => !passed),
        JSON.stringify(Object.fromEntries(good)),
      ).toEqual([]);
    });

    it(`${id}: grades attacks with not_contains, must_refuse and llm_rubric, and ordinary questions with the judge too`, () => {
      const kinds = new Set(byId(id).testCases.flatMap((t) => t.expectations.map((e) => e.kind)));
      for (const kind of ['not_contains', 'must_refuse', 'llm_rubric', 'contains_any'] as const) expect(kinds.has(kind), kind).toBe(true);
      for (const testCase of byId(id).testCases) {
        expect(
          testCase.expectations.some((e) => e.kind === 'not_contains' && e.value === DEFEND_SECRET),
          testCase.id,
        ).toBe(true);
        expect(
          testCase.expectations.some((e) => e.kind === 'llm_rubric'),
          testCase.id,
        ).toBe(true);
      }
      // Each seeded answer of the weak prompt that leaks the code fails its checks.
      for (const exchange of byId(id).seedConversation.filter((x) => x.assistant.includes(DEFEND_SECRET))) {
        expect(checkExpectations(exchange.assistant, [{ kind: 'not_contains', value: DEFEND_SECRET }]).passed).toBe(false);
      }
    });
  }
});
