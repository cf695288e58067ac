import type { Expectation } from '../../shared/expectations';

// Regex expectations for exercises whose answer is a JSON object. Tolerant of whitespace and
// key order, strict about what surrounds the object (a code fence or a sentence breaks a parser).

const SIX_KEYS = ['intent', 'product', 'urgency', 'sentiment', 'customer_id', 'summary'];

/**
 * The answer is one JSON object, nothing around it, with the six keys of the ticket contract.
 * Seven expectations, since patterns run without lookahead: the object, then each key. What the
 * exercise shipped before it had JSON Schema checks (ticketChecks); kept for the upgrade.
 */
export const TICKET_SHAPE: Expectation[] = [
  { kind: 'regex', pattern: '^\\s*\\{[\\s\\S]*\\}\\s*$' },
  ...SIX_KEYS.map((key): Expectation => ({ kind: 'regex', pattern: `"${key}"\\s*:` })),
];

/**
 * The ticket contract as a JSON Schema (draft 2020-12): exactly the six keys, the enumerations,
 * the normalised customer number or null, a summary of at most 200 characters. `products` are
 * the plan names of the exercise's language.
 */
export function ticketSchema(products: readonly string[]): Record<string, unknown> {
  return {
    title: 'Ticket contract',
    type: 'object',
    additionalProperties: false,
    required: SIX_KEYS,
    properties: {
      intent: { enum: ['outage', 'billing', 'cancellation', 'moving', 'plan_change', 'other'] },
      product: { enum: [...products, null] },
      urgency: { enum: ['high', 'medium', 'low'] },
      sentiment: { enum: ['negative', 'neutral', 'positive'] },
      customer_id: { type: ['string', 'null'], pattern: '^BW-[0-9]{5}$' },
      summary: { type: 'string', minLength: 1, maxLength: 200 },
    },
  };
}

/**
 * The checks every ticket gets: nothing around the object (a schema check alone would accept a
 * fenced block, which the ticketing system's parser does not), then the contract as a schema.
 */
export function ticketChecks(products: readonly string[]): Expectation[] {
  return [TICKET_SHAPE[0]!, { kind: 'json_schema', schema: ticketSchema(products) }];
}

/** `"key": value`, where value is a regex source: '"outage"', 'null', '"(low|medium)"'. */
export function jsonField(key: string, value: string): Expectation {
  return { kind: 'regex', pattern: `"${key}"\\s*:\\s*${value}` };
}
