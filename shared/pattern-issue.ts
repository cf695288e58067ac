// Why a user-supplied pattern cannot run, in names every client can translate and in English
// (the server's messages). No engine here: a page that only describes patterns stays small.

export const UNSUPPORTED_CONSTRUCTS = [
  'lookahead',
  'negative_lookahead',
  'lookbehind',
  'negative_lookbehind',
  'backreference',
  'atomic_group',
  'possessive_quantifier',
] as const;

/** What the linear-time engine cannot run, with the construct named. */
export type UnsupportedConstruct = (typeof UNSUPPORTED_CONSTRUCTS)[number];

export const INVALID_PATTERN_ERRORS = [
  'missing_paren',
  'unexpected_paren',
  'missing_bracket',
  'bad_range',
  'bad_escape',
  'bad_group',
  'nothing_to_repeat',
  'nested_repeat',
  'bad_repeat_count',
  'trailing_backslash',
  'duplicate_name',
  'too_complex',
  'bad_flags',
  'other',
] as const;

/** Why a pattern is not a pattern, named in the engine's terms (the part it stopped at is `token`). */
export type InvalidPatternError = (typeof INVALID_PATTERN_ERRORS)[number];

export type PatternIssue =
  /** Valid JavaScript perhaps, but needs backtracking: `token` is what the pattern wrote. */
  | { reason: 'unsupported'; construct: UnsupportedConstruct; token: string; message: string }
  | { reason: 'invalid'; error: InvalidPatternError; token: string; message: string }
  /** Linear, but with too many steps per character (large counted repetitions). */
  | { reason: 'too_large'; size: number; limit: number; message: string };

const UNSUPPORTED: Record<UnsupportedConstruct, (token: string) => string> = {
  lookahead: () => 'Lookahead `(?=…)` is not supported: patterns run in a linear-time engine; use several checks instead.',
  negative_lookahead: () =>
    'Negative lookahead `(?!…)` is not supported: patterns run in a linear-time engine; use several checks instead.',
  lookbehind: () => 'Lookbehind `(?<=…)` is not supported: patterns run in a linear-time engine; use several checks instead.',
  negative_lookbehind: () =>
    'Negative lookbehind `(?<!…)` is not supported: patterns run in a linear-time engine; use several checks instead.',
  backreference: (token) =>
    `Backreference \`${token}\` is not supported: patterns run in a linear-time engine; repeat the group's pattern instead.`,
  atomic_group: () =>
    'Atomic group `(?>…)` is not supported: patterns run in a linear-time engine, which never backtracks; write the group as `(?:…)`.',
  possessive_quantifier: (token) =>
    `Possessive quantifier \`${token}\` is not supported: patterns run in a linear-time engine, which never backtracks; drop the last \`+\`.`,
};

export function unsupported(construct: UnsupportedConstruct, token: string): PatternIssue {
  return { reason: 'unsupported', construct, token, message: UNSUPPORTED[construct](token) };
}

const INVALID: Record<InvalidPatternError, string> = {
  missing_paren: 'a `(` is never closed by a `)`',
  unexpected_paren: 'a `)` closes no group',
  missing_bracket: 'a `[` is never closed by a `]`',
  bad_range: 'a character class range is backwards or not a range',
  bad_escape: 'an escape sequence is not known',
  bad_group: 'a group starts with a syntax that is not known',
  nothing_to_repeat: 'a repetition operator has nothing to repeat',
  nested_repeat: 'a repetition operator follows another',
  bad_repeat_count: 'a repetition count is above 1000 or backwards',
  trailing_backslash: 'the pattern ends with a lone `\\`',
  duplicate_name: 'two groups have the same name',
  too_complex: 'the pattern is too large or nests too deeply',
  bad_flags: 'flags are i, m, s and u, each at most once',
  other: 'the engine cannot read it',
};

export function invalid(error: InvalidPatternError, rawToken: string): PatternIssue {
  const token = rawToken.length > 40 ? `${rawToken.slice(0, 39)}…` : rawToken;
  const where = token ? ` (at \`${token}\`)` : '';
  return { reason: 'invalid', error, token, message: `Not a valid regular expression: ${INVALID[error]}${where}.` };
}

export function tooLarge(size: number, limit: number): PatternIssue {
  const message = `This pattern is too large for the linear-time engine (${size} instructions, at most ${limit}): use smaller repetition counts, a length check, or several checks.`;
  return { reason: 'too_large', size, limit, message };
}
