import type { Expectation } from '../../shared/expectations';

// Regex expectations for exercises whose answer is a JSON object. Tolerant of whitespace and
// key order, strict about what surrounds the object (a code fence or a sentence breaks a parser).

const SIX_KEYS = ['intent', 'product', 'urgency', 'sentiment', 'customer_id', 'summary'];

/** The answer is one JSON object, nothing around it, with the six keys of the ticket contract. */
export const TICKET_SHAPE: Expectation = {
  kind: 'regex',
  pattern: `^\\s*\\{${SIX_KEYS.map((key) => `(?=[\\s\\S]*"${key}"\\s*:)`).join('')}[\\s\\S]*\\}\\s*$`,
};

/** `"key": value`, where value is a regex source: '"outage"', 'null', '"(low|medium)"'. */
export function jsonField(key: string, value: string): Expectation {
  return { kind: 'regex', pattern: `"${key}"\\s*:\\s*${value}` };
}
