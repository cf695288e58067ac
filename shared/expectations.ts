import type { Expectation } from './exercise';
import { compilePattern } from './pattern';

// Automatic checks of an answer against a test case's expectations. Pure and shared: the
// server records the verdict in the log, the client can explain each check the same way.

// The Expectation and TestCase schemas live in exercise.ts with the rest of the exercise, so
// this file stays free of the schema library: the browser imports it.
export type { Expectation, TestCase } from './exercise';

export interface CheckResult {
  kind: Expectation['kind'];
  /** False also when the check is ungraded: read `ungraded` first (checkVerdict). */
  passed: boolean;
  /** What was checked, for the results view: the value, pattern, limit or rubric. */
  detail: string;
  /** Why the check could not run (a pattern the linear-time engine rejects); it then fails, or is ungraded for a judge. */
  error?: string;
  /**
   * The third state, beside passed and failed: nobody could grade the answer (the judge timed
   * out, answered something unparsable, failed, or was stopped). Never counted as a failure.
   */
  ungraded?: true;
  /** json_schema: the first places where the answer breaks the schema, by JSON pointer. */
  violations?: SchemaViolation[];
  /** llm_rubric: the judge's grading (judge.* events carry the whole exchange). */
  score?: number;
  reason?: string;
  judgeId?: string;
  /** llm_rubric: graded by the offline simulator's judge mode, not a model. */
  simulated?: boolean;
}

export interface SchemaViolation {
  /** JSON pointer into the answer's JSON; '' for the whole document. */
  path: string;
  /** The JSON Schema keyword that failed (`required`, `type`, `enum`…), for the reader's language. */
  keyword: string;
  /** Ajv's English message, for a keyword the reader does not know. */
  message: string;
  params?: Record<string, string | number>;
}

/** What checks an answer against a JSON Schema: the server's worker provides it (Ajv lives there, not in the browser). */
export type JsonSchemaCheck = (text: string, schema: unknown) => Pick<CheckResult, 'passed' | 'error' | 'violations'>;

export interface CheckOptions {
  jsonSchema?: JsonSchemaCheck;
}

// Phrases that open or carry a refusal, in English and French. A refusal test only needs to
// tell "declined" from "complied", so a short list of clear markers is enough.
const REFUSAL_MARKERS = [
  /\b(i|we)\s+(can(?:no|')t|cannot|am not able to|are not able to|won't|will not|am unable to|are unable to)\b/i,
  /\b(i'm|i am|we're|we are)\s+(sorry|afraid|not able|unable)\b/i,
  /\bnot (something|a request) (i|we) can\b/i,
  /\b(outside|beyond) (of )?(my|our|the) (scope|remit|area)\b/i,
  /\b(outside|beyond) (of )?what (i|we) can\b/i,
  /\b(i|we) (can|will) only (help|answer|assist|talk|discuss)\b/i,
  /\bsort de mon p[ée]rim[èe]tre\b/i,
  /\bje ne (r[ée]ponds|traite) qu/i,
  /\bje ne (peux|suis pas en mesure|saurais)\b/i,
  /\bnous ne (pouvons|sommes pas en mesure)\b/i,
  /\b(d[ée]sol[ée]e?s?|navr[ée]e?s?)\b/i,
  /\bhors (de mon|du) (p[ée]rim[èe]tre|domaine|champ)\b/i,
];

export function looksLikeRefusal(text: string): boolean {
  const head = text.slice(0, 600);
  return REFUSAL_MARKERS.some((marker) => marker.test(head));
}

export function checkExpectation(text: string, expectation: Expectation, options: CheckOptions = {}): CheckResult {
  switch (expectation.kind) {
    case 'contains':
      return { kind: 'contains', passed: includes(text, expectation.value), detail: expectation.value };
    case 'not_contains':
      return { kind: 'not_contains', passed: !includes(text, expectation.value), detail: expectation.value };
    case 'contains_any':
      return { kind: 'contains_any', passed: expectation.values.some((v) => includes(text, v)), detail: expectation.values.join(' | ') };
    case 'contains_all': {
      const missing = expectation.values.filter((v) => !includes(text, v));
      return { kind: 'contains_all', passed: missing.length === 0, detail: expectation.values.join(' | ') };
    }
    case 'regex': {
      const detail = `/${expectation.pattern}/${expectation.flags ?? ''}`;
      // Editors reject what cannot compile; a pattern stored before that rule fails, saying why.
      const compiled = compilePattern(expectation.pattern, expectation.flags);
      if (!compiled.ok) return { kind: 'regex', passed: false, detail, error: compiled.message };
      return { kind: 'regex', passed: compiled.test(text), detail };
    }
    case 'max_length':
      return { kind: 'max_length', passed: [...text].length <= expectation.chars, detail: String(expectation.chars) };
    case 'must_refuse':
      return { kind: 'must_refuse', passed: looksLikeRefusal(text), detail: '' };
    case 'json_schema': {
      const detail = schemaTitle(expectation.schema);
      if (!options.jsonSchema) return { kind: 'json_schema', passed: false, detail, error: 'JSON Schema checks run on the server only.' };
      return { kind: 'json_schema', detail, ...options.jsonSchema(text, expectation.schema) };
    }
    case 'llm_rubric':
      // Graded by a judge model, asynchronously (server/turns/judge-runner.ts): ungraded until it answers.
      return { kind: 'llm_rubric', passed: false, ungraded: true, detail: expectation.rubric, error: 'Not graded yet.' };
  }
}

export function checkExpectations(
  text: string,
  expectations: readonly Expectation[],
  options: CheckOptions = {},
): { passed: boolean; checks: CheckResult[] } {
  const checks = expectations.map((e) => checkExpectation(text, e, options));
  return { passed: checks.every((c) => c.passed), checks };
}

function includes(text: string, value: string): boolean {
  return text.toLowerCase().includes(value.toLowerCase());
}

/** A schema's `title`, when it gives one, names the check in the results view. */
function schemaTitle(schema: unknown): string {
  const title = typeof schema === 'object' && schema !== null ? (schema as { title?: unknown }).title : undefined;
  return typeof title === 'string' ? title.slice(0, 120) : '';
}
