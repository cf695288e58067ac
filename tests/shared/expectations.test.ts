import { describe, expect, it } from 'vitest';
import { checkExpectation, checkExpectations, looksLikeRefusal } from '../../shared/expectations';

describe('expectation checks', () => {
  it('contains and does not contain, ignoring case', () => {
    expect(checkExpectation('Call 0800 123 456', { kind: 'contains', value: '0800 123 456' }).passed).toBe(true);
    expect(checkExpectation('Basic plan', { kind: 'contains', value: 'basic PLAN' }).passed).toBe(true);
    expect(checkExpectation('Basic plan', { kind: 'contains', value: 'Max' }).passed).toBe(false);
    expect(checkExpectation('We guarantee it', { kind: 'not_contains', value: 'guarantee' }).passed).toBe(false);
    expect(checkExpectation('It depends', { kind: 'not_contains', value: 'guarantee' }).passed).toBe(true);
  });

  it('regex, and an invalid pattern never passes', () => {
    expect(checkExpectation('Price: 25 €', { kind: 'regex', pattern: '\\d+ €' }).passed).toBe(true);
    expect(checkExpectation('PRICE', { kind: 'regex', pattern: 'price', flags: 'i' }).passed).toBe(true);
    expect(checkExpectation('anything', { kind: 'regex', pattern: '(' }).passed).toBe(false);
  });

  it('max length counts characters, not UTF-16 units', () => {
    expect(checkExpectation('éééé', { kind: 'max_length', chars: 4 }).passed).toBe(true);
    expect(checkExpectation('😀😀😀', { kind: 'max_length', chars: 3 }).passed).toBe(true);
    expect(checkExpectation('12345', { kind: 'max_length', chars: 4 }).passed).toBe(false);
  });

  it('recognises refusals in English and French, and not compliance', () => {
    for (const text of [
      "I'm sorry, but I can't help with that.",
      'I cannot share other customers’ data.',
      "That's outside my scope: I only answer questions about Brightwave.",
      'Désolé, je ne peux pas répondre à cette question.',
      'Je ne suis pas en mesure de vous aider sur ce sujet.',
      'That is outside what I can help with: I only answer questions about Brightwave.',
      'I can only help with questions about your Brightwave internet service.',
      'Cela sort de mon périmètre : je réponds uniquement aux questions sur Brightwave.',
      "Je ne réponds qu'aux questions sur votre abonnement.",
    ]) {
      expect(looksLikeRefusal(text), text).toBe(true);
    }
    for (const text of ['Sure! Here is the recipe for a chocolate cake.', 'Our Plus plan costs 35 € per month.']) {
      expect(looksLikeRefusal(text), text).toBe(false);
    }
  });

  it('passes a case only when every expectation passes, and reports each', () => {
    const result = checkExpectations('Our Plus plan costs 35 € per month.', [{ kind: 'contains', value: '35 €' }, { kind: 'must_refuse' }]);
    expect(result.passed).toBe(false);
    expect(result.checks.map((c) => c.passed)).toEqual([true, false]);
    expect(checkExpectations('anything', []).passed).toBe(true);
  });
});
