import { describe, expect, it } from 'vitest';
import { checkExpectation } from '../../shared/expectations';
import { compilePattern, MAX_PROGRAM_SIZE, patternIssue } from '../../shared/pattern';

// User-supplied patterns run in a linear-time engine: a candidate's regex can fail their own
// check, never hold the event loop. (A backtracking engine takes seconds on 25 characters of the
// first row, and doubles with each one more: on these answers it would not finish.)

/** A chatbot's answer, about `chars` long: words, spaces and punctuation, no `#`. */
function ordinaryAnswer(chars: number, { punctuation = true } = {}): string {
  const sentence = punctuation
    ? 'Thanks for your message, our Plus plan costs 35 euros per month and includes installation. '
    : 'thanks for your message our Plus plan costs 35 euros per month and includes installation ';
  return sentence.repeat(Math.ceil(chars / sentence.length)).slice(0, chars);
}

const LONG = 20_000;
const CATASTROPHIC: { pattern: string; flags?: string; text: string }[] = [
  { pattern: '^(?:[^#]|[^#])*#', text: ordinaryAnswer(LONG) },
  { pattern: '(a+)+$', text: `${ordinaryAnswer(LONG)} Aaaa${'a'.repeat(5_000)}h!` },
  { pattern: '(a|aa)+$', text: `${ordinaryAnswer(LONG)} Aaaa${'a'.repeat(5_000)}h!` },
  { pattern: '(x+x+)+y', text: `${ordinaryAnswer(LONG)} ${'x'.repeat(5_000)}` },
  { pattern: '^(\\w+\\s?)*$', text: `${ordinaryAnswer(LONG, { punctuation: false })}!` },
  { pattern: '(.*a){20}', text: `${ordinaryAnswer(LONG).replace(/a/g, 'o')}${'x a '.repeat(19)}` },
  { pattern: '(.*a){20}', flags: 's', text: `${ordinaryAnswer(LONG).replace(/a/g, 'o')}${'x a '.repeat(19)}` },
  { pattern: '(\\d|\\d)+#', text: `${ordinaryAnswer(LONG)} ${'1'.repeat(5_000)}` },
  { pattern: '^(([a-z])+.)+[A-Z]([a-z])+$', flags: 'm', text: `${ordinaryAnswer(LONG)}${'a'.repeat(5_000)}!` },
  { pattern: '(.*,){12}X', text: `${ordinaryAnswer(LONG)}${',x'.repeat(11)}` },
  { pattern: '^(\\s*\\w+\\s*)*\\d$', flags: 'i', text: `${ordinaryAnswer(LONG, { punctuation: false })}!` },
];

describe('user-supplied patterns', () => {
  it('runs known catastrophic patterns on ~20,000-character answers in milliseconds', () => {
    const started = performance.now();
    for (const { pattern, flags, text } of CATASTROPHIC) {
      expect(text.length).toBeGreaterThanOrEqual(LONG);
      expect(checkExpectation(text, { kind: 'regex', pattern, ...(flags ? { flags } : {}) }).passed, pattern).toBe(false);
    }
    // The engine's own time is a few ms a row; the bound leaves room for a loaded machine.
    expect(performance.now() - started).toBeLessThan(200);
  });

  it('refuses what a linear-time engine cannot run, naming the construct', () => {
    const cases: [string, string, string][] = [
      ['price(?= is)', 'lookahead', '(?='],
      ['^(?!.*refund)', 'negative_lookahead', '(?!'],
      ['(?<=€)\\d+', 'lookbehind', '(?<='],
      ['(?<!not )free', 'negative_lookbehind', '(?<!'],
      ['(\\w+) \\1', 'backreference', '\\1'],
      ['(?<word>\\w+) \\k<word>', 'backreference', '\\k<word>'],
      ['(?>a+)b', 'atomic_group', '(?>'],
      ['a++b', 'possessive_quantifier', '++'],
      ['\\d{2}+', 'possessive_quantifier', '{2}+'],
    ];
    for (const [pattern, construct, token] of cases)
      expect(patternIssue(pattern), pattern).toMatchObject({ reason: 'unsupported', construct, token });
    expect(patternIssue('(?=[\\s\\S]*25)(?=[\\s\\S]*35)')?.message).toBe(
      'Lookahead `(?=…)` is not supported: patterns run in a linear-time engine; use several checks instead.',
    );
  });

  it('tells an invalid pattern and bad flags from an unsupported one', () => {
    expect(patternIssue('(order')).toMatchObject({ reason: 'invalid', error: 'missing_paren' });
    expect(patternIssue('[a-')).toMatchObject({ reason: 'invalid', error: 'missing_bracket' });
    expect(patternIssue('*price')).toMatchObject({ reason: 'invalid', error: 'nothing_to_repeat' });
    expect(patternIssue('a{2000}')).toMatchObject({ reason: 'invalid', error: 'bad_repeat_count' });
    expect(patternIssue('price', 'ii')).toMatchObject({ reason: 'invalid', error: 'bad_flags' });
    expect(patternIssue('price', 'g')).toMatchObject({ reason: 'invalid', error: 'bad_flags' });
    expect(patternIssue('(order')?.message).toBe('Not a valid regular expression: a `(` is never closed by a `)` (at `(order`).');
  });

  it('refuses a program too large to check a long answer quickly', () => {
    expect(patternIssue('^.{0,600}-.{0,600}$')).toMatchObject({ reason: 'too_large', limit: MAX_PROGRAM_SIZE });
    expect(patternIssue('^[\\s\\S]{0,400}$')).toBeNull();
  });

  it('keeps the flags i, m, s and u, and JavaScript’s escapes and spaces, on ordinary patterns', () => {
    const matches = (pattern: string, text: string, flags = '') => {
      const compiled = compilePattern(pattern, flags);
      if (!compiled.ok) throw new Error(compiled.message);
      return compiled.test(text);
    };
    expect(matches('price', 'PRICE')).toBe(false);
    expect(matches('price', 'PRICE', 'i')).toBe(true);
    expect(matches('pr[ée]cis', 'PRÉCIS', 'i')).toBe(true);
    expect(matches('^Max$', 'Basic\nMax\nPlus')).toBe(false);
    expect(matches('^Max$', 'Basic\nMax\nPlus', 'm')).toBe(true);
    expect(matches('Basic.Max', 'Basic\nMax')).toBe(false);
    expect(matches('Basic.Max', 'Basic\nMax', 's')).toBe(true);
    expect(matches('\\p{L}+', 'été', 'u')).toBe(true);
    expect(matches('caf\\u00e9', 'café')).toBe(true);
    expect(matches('(?<euros>\\d+) €', 'costs 35 €')).toBe(true);
    expect(matches('[^]', 'x')).toBe(true);
    // `\s` is JavaScript's: French answers put a no-break space before "€".
    expect(matches('\\d+\\s€', '25\u202f€')).toBe(true);
    expect(matches('^\\S+$', 'a\u00a0b')).toBe(false);
    expect(matches('\\bfree\\b', 'it is free.')).toBe(true);
    expect(matches('\\bfree\\b', 'carefree')).toBe(false);
  });

  it('fails a check whose pattern cannot run, saying why, and never throws', () => {
    const result = checkExpectation('Which plan: 25, 35 or 45 €?', {
      kind: 'regex',
      pattern: '(?=[\\s\\S]*25)(?=[\\s\\S]*35)',
      flags: 'i',
    });
    expect(result).toMatchObject({ kind: 'regex', passed: false, detail: '/(?=[\\s\\S]*25)(?=[\\s\\S]*35)/i' });
    expect(result.error).toMatch(/^Lookahead `\(\?=…\)` is not supported/);
    expect(checkExpectation('anything', { kind: 'regex', pattern: '(' })).toMatchObject({
      passed: false,
      error: expect.stringContaining('never closed'),
    });
    expect(checkExpectation('Price: 25 €', { kind: 'regex', pattern: '\\d+ €' })).toEqual({
      kind: 'regex',
      passed: true,
      detail: '/\\d+ €/',
    });
  });
});
