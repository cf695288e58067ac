import type { Expectation } from '../../shared/expectations';

// Regex expectations for exercises whose answer is a JSON object. Tolerant of whitespace and
// key order, strict about what surrounds the object (a code fence or a sentence breaks a parser).

const SIX_KEYS = ['intent', 'product', 'urgency', 'sentiment', 'customer_id', 'summary'];

/**
 * The answer is one JSON object, nothing around it, with the six keys of the ticket contract.
 * Seven expectations, since patterns run without lookahead: the object, then each key.
 */
export const TICKET_SHAPE: Expectation[] = [
  { kind: 'regex', pattern: '^\\s*\\{[\\s\\S]*\\}\\s*$' },
  ...SIX_KEYS.map((key): Expectation => ({ kind: 'regex', pattern: `"${key}"\\s*:` })),
];

/** `"key": value`, where value is a regex source: '"outage"', 'null', '"(low|medium)"'. */
export function jsonField(key: string, value: string): Expectation {
  return { kind: 'regex', pattern: `"${key}"\\s*:\\s*${value}` };
}
