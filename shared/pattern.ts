import { RE2JS, RE2JSSyntaxException } from 're2js';
import { invalid, tooLarge, unsupported, type InvalidPatternError, type PatternIssue } from './pattern-issue';

export type { PatternIssue } from './pattern-issue';

// User-supplied regular expressions (test-case expectations) compile here, and only here, into
// RE2's linear-time engine: no backtracking, so no pattern can hold a thread for more than a
// bounded number of steps per character of the answer. The server checks answers with it and
// every browser validates with it, so both say the same thing about the same pattern.
//
// Patterns are RE2 syntax, read the way JavaScript reads a pattern where the two agree on a
// meaning: `\uXXXX` escapes, `(?<name>…)` groups and `[^]` are accepted, and `\s` matches the
// same Unicode spaces as in JavaScript (a French answer's "25 €" has a no-break space).

export type CompiledPattern = { ok: true; test(text: string): boolean } | ({ ok: false } & PatternIssue);

/**
 * Instructions a compiled program may have. Time per character grows with the program
 * (counted repetitions expand: `.{0,40}` is ~80), so a cap bounds a check on a long answer.
 */
export const MAX_PROGRAM_SIZE = 2_000;

const FLAGS: Record<string, number> = { i: RE2JS.CASE_INSENSITIVE, m: RE2JS.MULTILINE, s: RE2JS.DOTALL, u: 0 };

// JavaScript's \s: ASCII whitespace, \v, and Unicode's space separators, line separators and BOM.
const JS_SPACES = '\\t\\n\\v\\f\\r \\x{a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}\\x{feff}';

// The engine's parse errors (re2js Parser.ERR_*), by the name the clients translate.
const ENGINE_ERRORS: Record<string, InvalidPatternError> = {
  'missing closing )': 'missing_paren',
  'unexpected )': 'unexpected_paren',
  'missing closing ]': 'missing_bracket',
  'invalid character class range': 'bad_range',
  'invalid escape sequence': 'bad_escape',
  'invalid named capture': 'bad_group',
  'invalid or unsupported Perl syntax': 'bad_group',
  'missing argument to repetition operator': 'nothing_to_repeat',
  'invalid nested repetition operator': 'nested_repeat',
  'invalid repeat count': 'bad_repeat_count',
  'trailing backslash at end of expression': 'trailing_backslash',
  'duplicate capture group name': 'duplicate_name',
  'expression nests too deeply': 'too_complex',
  'expression too large': 'too_complex',
};

/** Compiles `pattern` with JavaScript-style `flags` (i, m, s, u), or says why it cannot run. */
export function compilePattern(pattern: string, flags = ''): CompiledPattern {
  let mask = 0;
  for (const flag of flags) {
    const bit = FLAGS[flag];
    if (bit === undefined || flags.indexOf(flag) !== flags.lastIndexOf(flag)) return { ok: false, ...invalid('bad_flags', flags) };
    mask |= bit;
  }
  const backreference = findBackreference(pattern);
  if (backreference) return { ok: false, ...unsupported('backreference', backreference) };
  const translated = RE2JS.translateRegExp(pattern);
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(jsSpaces(translated), mask);
  } catch (error) {
    // Said about the pattern as written, not about the expanded `\s`.
    return { ok: false, ...issueOf(firstError(translated, mask) ?? error) };
  }
  const size = compiled.programSize();
  if (size > MAX_PROGRAM_SIZE) return { ok: false, ...tooLarge(size, MAX_PROGRAM_SIZE) };
  return { ok: true, test: (text) => compiled.test(text) };
}

// What each pattern compiles to is remembered (editors validate on every keystroke); the
// compiled program is not: re2js's lazy DFA grows up to 8 MB per program while it matches,
// so a cache of programs would let one session's patterns hold gigabytes.
const ISSUES = new Map<string, PatternIssue | null>();
const MAX_REMEMBERED = 500;

/** Why `pattern` cannot run, or null when it can. */
export function patternIssue(pattern: string, flags = ''): PatternIssue | null {
  const key = `${flags}/${pattern}`;
  const known = ISSUES.get(key);
  if (known !== undefined) return known;
  const compiled = compilePattern(pattern, flags);
  const issue = compiled.ok ? null : withoutOk(compiled);
  if (ISSUES.size >= MAX_REMEMBERED) ISSUES.delete(ISSUES.keys().next().value as string);
  ISSUES.set(key, issue);
  return issue;
}

function firstError(pattern: string, mask: number): unknown {
  try {
    RE2JS.compile(pattern, mask);
    return null;
  } catch (error) {
    return error;
  }
}

function withoutOk(compiled: Extract<CompiledPattern, { ok: false }>): PatternIssue {
  const { ok: _ok, ...issue } = compiled;
  return issue as PatternIssue;
}

/** The engine's parse error, with the constructs it rejects named (they are valid JavaScript). */
function issueOf(error: unknown): PatternIssue {
  if (!(error instanceof RE2JSSyntaxException)) return invalid('other', '');
  const token = error.input ?? '';
  if (token.startsWith('(?=')) return unsupported('lookahead', '(?=');
  if (token.startsWith('(?!')) return unsupported('negative_lookahead', '(?!');
  if (token.startsWith('(?<=')) return unsupported('lookbehind', '(?<=');
  if (token.startsWith('(?<!')) return unsupported('negative_lookbehind', '(?<!');
  if (token.startsWith('(?>')) return unsupported('atomic_group', '(?>');
  if (error.error === 'invalid nested repetition operator' && /^[*+?}]\+$|^\{[\d,]*\}\+$/.test(token))
    return unsupported('possessive_quantifier', token);
  if (error.error === 'invalid escape sequence' && /^\\[1-9]/.test(token)) return unsupported('backreference', token);
  return invalid(ENGINE_ERRORS[error.error] ?? 'other', token);
}

/**
 * `\1`…`\9` and `\k<name>` outside a character class: JavaScript's backreferences. Found before
 * translation, which would read `\k` and `\8` as the letters JavaScript's legacy mode makes them.
 */
function findBackreference(pattern: string): string | null {
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\') {
      const next = pattern[i + 1] ?? '';
      if (!inClass && /[1-9]/.test(next)) return `\\${/^\d+/.exec(pattern.slice(i + 1))?.[0] ?? next}`;
      if (!inClass && next === 'k' && pattern[i + 2] === '<') return `\\k${/^<[^>]*>?/.exec(pattern.slice(i + 2))?.[0] ?? ''}`;
      i++;
    } else if (ch === '[') inClass = true;
    else if (ch === ']') inClass = false;
  }
  return null;
}

/** `\s` and `\S` as JavaScript means them (RE2's are ASCII only), in RE2 syntax. */
function jsSpaces(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] ?? '';
    if (ch === '\\') {
      const next = pattern[i + 1] ?? '';
      i++;
      if (next === 's') out += inClass ? JS_SPACES : `[${JS_SPACES}]`;
      else if (next === 'S' && !inClass) out += `[^${JS_SPACES}]`;
      else out += ch + next; // \S inside a class stays RE2's: a superset that only differs on rare spaces
      continue;
    }
    if (!inClass && ch === '[') {
      inClass = true;
      out += ch;
      // A `]` right after `[` or `[^` is a literal, not the end of the class.
      if (pattern[i + 1] === '^') out += pattern[++i];
      if (pattern[i + 1] === ']') out += pattern[++i];
      continue;
    }
    if (inClass && ch === '[' && pattern[i + 1] === ':') {
      const end = pattern.indexOf(':]', i + 2);
      if (end > 0) {
        out += pattern.slice(i, end + 2);
        i = end + 1;
        continue;
      }
    }
    if (inClass && ch === ']') inClass = false;
    out += ch;
  }
  return out;
}
