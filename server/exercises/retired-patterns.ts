import type { Expectation } from '../../shared/exercise';
import { TICKET_SHAPE } from './json-checks';
import { CLARIFY_OR_ALL_PRICES_EN } from './refine-the-chatbot.en';
import { CLARIFY_OR_ALL_PRICES_FR } from './refine-the-chatbot.fr';

// Expectations that earlier releases shipped in the built-in exercises and that the linear-time
// engine cannot run (lookahead), each with the checks that replaced it, written out exactly as
// they were stored so that a library seeded by those releases can be recognised.

const OLD_SIX_KEYS = ['intent', 'product', 'urgency', 'sentiment', 'customer_id', 'summary'];

export const RETIRED_PATTERNS: { retired: Expectation; replacement: Expectation[] }[] = [
  {
    retired: {
      kind: 'regex',
      pattern:
        '\\bwhich (one|plan|offer)\\b|\\bdo you mean\\b|\\bclarify\\b|\\bare you (asking|interested)\\b|(?=[\\s\\S]*25)(?=[\\s\\S]*35)(?=[\\s\\S]*45)',
      flags: 'i',
    },
    replacement: [CLARIFY_OR_ALL_PRICES_EN],
  },
  {
    retired: {
      kind: 'regex',
      pattern: '\\b(lequel|laquelle|quelle offre)\\b|pr[ée]cis|parlez-vous|voulez-vous dire|(?=[\\s\\S]*25)(?=[\\s\\S]*35)(?=[\\s\\S]*45)',
      flags: 'i',
    },
    replacement: [CLARIFY_OR_ALL_PRICES_FR],
  },
  {
    retired: { kind: 'regex', pattern: `^\\s*\\{${OLD_SIX_KEYS.map((key) => `(?=[\\s\\S]*"${key}"\\s*:)`).join('')}[\\s\\S]*\\}\\s*$` },
    replacement: TICKET_SHAPE,
  },
];

const same = (a: Expectation, b: Expectation) =>
  a.kind === 'regex' && b.kind === 'regex' && a.pattern === b.pattern && (a.flags ?? '') === (b.flags ?? '');

/** The expectations with every retired one swapped for its replacement; the same array when none is. */
export function withoutRetiredPatterns(expectations: Expectation[]): Expectation[] {
  if (!expectations.some((e) => RETIRED_PATTERNS.some((r) => same(e, r.retired)))) return expectations;
  return expectations.flatMap((e) => RETIRED_PATTERNS.find((r) => same(e, r.retired))?.replacement ?? [e]);
}
