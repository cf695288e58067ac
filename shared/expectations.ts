import Type, { type Static } from 'typebox';

// Automatic checks of an answer against a test case's expectations. Pure and shared: the
// server records the verdict in the log, the client can explain each check the same way.

export const Expectation = Type.Union([
  Type.Object({ kind: Type.Literal('contains'), value: Type.String({ minLength: 1, maxLength: 500 }) }),
  Type.Object({ kind: Type.Literal('not_contains'), value: Type.String({ minLength: 1, maxLength: 500 }) }),
  Type.Object({ kind: Type.Literal('regex'), pattern: Type.String({ minLength: 1, maxLength: 500 }), flags: Type.Optional(Type.String({ pattern: '^[imsu]*$', maxLength: 4 })) }),
  Type.Object({ kind: Type.Literal('max_length'), chars: Type.Integer({ minimum: 1, maximum: 100_000 }) }),
  Type.Object({ kind: Type.Literal('must_refuse') }),
]);
export type Expectation = Static<typeof Expectation>;

export const TestCase = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 64 }),
  /** A short name for lists and the results matrix. */
  title: Type.String({ maxLength: 120 }),
  input: Type.String({ minLength: 1, maxLength: 20_000 }),
  expectations: Type.Array(Expectation, { maxItems: 20 }),
});
export type TestCase = Static<typeof TestCase>;

export interface CheckResult {
  kind: Expectation['kind'];
  passed: boolean;
  /** What was checked, for the results view: the value, pattern or limit. */
  detail: string;
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

export function checkExpectation(text: string, expectation: Expectation): CheckResult {
  switch (expectation.kind) {
    case 'contains':
      return { kind: 'contains', passed: text.toLowerCase().includes(expectation.value.toLowerCase()), detail: expectation.value };
    case 'not_contains':
      return { kind: 'not_contains', passed: !text.toLowerCase().includes(expectation.value.toLowerCase()), detail: expectation.value };
    case 'regex': {
      let passed = false;
      try {
        passed = new RegExp(expectation.pattern, expectation.flags ?? '').test(text);
      } catch {
        passed = false; // an invalid pattern can never pass; the editor rejects it up front
      }
      return { kind: 'regex', passed, detail: `/${expectation.pattern}/${expectation.flags ?? ''}` };
    }
    case 'max_length':
      return { kind: 'max_length', passed: [...text].length <= expectation.chars, detail: String(expectation.chars) };
    case 'must_refuse':
      return { kind: 'must_refuse', passed: looksLikeRefusal(text), detail: '' };
  }
}

export function checkExpectations(text: string, expectations: readonly Expectation[]): { passed: boolean; checks: CheckResult[] } {
  const checks = expectations.map((e) => checkExpectation(text, e));
  return { passed: checks.every((c) => c.passed), checks };
}

export function isValidPattern(pattern: string, flags = ''): boolean {
  try {
    new RegExp(pattern, flags);
    return true;
  } catch {
    return false;
  }
}
