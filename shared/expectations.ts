import type { Expectation } from './exercise';
import { compilePattern } from './pattern';

// Automatic checks of an answer against a test case's expectations. Pure and shared: the
// server records the verdict in the log, the client can explain each check the same way.

// The Expectation and TestCase schemas live in exercise.ts with the rest of the exercise, so
// this file stays free of the schema library: the browser imports it.
export type { Expectation, TestCase } from './exercise';

export interface CheckResult {
  kind: Expectation['kind'];
  passed: boolean;
  /** What was checked, for the results view: the value, pattern or limit. */
  detail: string;
  /** Why the check could not run (a pattern the linear-time engine rejects); it then fails. */
  error?: string;
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
  }
}

export function checkExpectations(text: string, expectations: readonly Expectation[]): { passed: boolean; checks: CheckResult[] } {
  const checks = expectations.map((e) => checkExpectation(text, e));
  return { passed: checks.every((c) => c.passed), checks };
}
