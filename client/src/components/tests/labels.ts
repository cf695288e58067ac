import type { RecordedCheck } from '$shared/events';
import type { Expectation, SchemaViolation } from '$shared/expectations';
import { describePatternIssue } from '../../lib/describe-pattern';
import type { I18n } from '../../lib/i18n/i18n.svelte';
import { browserPatternIssue } from '../../lib/pattern-checker.svelte';

/** An expectation or check in words: "contains “refund”", "at most 400 characters". */
export function checkLabel(i18n: I18n, kind: string, detail: string): string {
  switch (kind) {
    case 'contains':
      return i18n.t('ws.expect.contains.text', { value: detail });
    case 'not_contains':
      return i18n.t('ws.expect.not_contains.text', { value: detail });
    case 'contains_any':
      return i18n.t('ws.expect.contains_any.text', { value: quoted(detail) });
    case 'contains_all':
      return i18n.t('ws.expect.contains_all.text', { value: quoted(detail) });
    case 'regex':
      return i18n.t('ws.expect.regex.text', { value: detail });
    case 'max_length':
      return i18n.t('ws.expect.max_length.text', { value: detail });
    case 'must_refuse':
      return i18n.t('ws.expect.must_refuse.text');
    case 'json_schema':
      return detail ? i18n.t('ws.expect.json_schema.titled', { value: detail }) : i18n.t('ws.expect.json_schema.text');
    case 'llm_rubric':
      return i18n.t('ws.expect.llm_rubric.text', { value: detail });
    default:
      return `${kind} ${detail}`;
  }
}

/** `a | b` as a check records it → “a”, “b”. */
function quoted(detail: string): string {
  return detail
    .split(' | ')
    .map((v) => `“${v}”`)
    .join(', ');
}

export function expectationLabel(i18n: I18n, e: Expectation): string {
  switch (e.kind) {
    case 'contains':
    case 'not_contains':
      return checkLabel(i18n, e.kind, e.value);
    case 'contains_any':
    case 'contains_all':
      return checkLabel(i18n, e.kind, e.values.join(' | '));
    case 'regex':
      return checkLabel(i18n, e.kind, `/${e.pattern}/${e.flags ?? ''}`);
    case 'max_length':
      return checkLabel(i18n, e.kind, String(e.chars));
    case 'must_refuse':
      return checkLabel(i18n, e.kind, '');
    case 'json_schema': {
      const title = typeof e.schema === 'object' && e.schema !== null ? (e.schema as { title?: unknown }).title : undefined;
      return checkLabel(i18n, e.kind, typeof title === 'string' ? title : '');
    }
    case 'llm_rubric':
      return i18n.t('ws.expect.llm_rubric.withThreshold', { value: e.rubric, threshold: e.threshold });
  }
}

/**
 * Why a check could not run, in the reader's language: the verdict on the pattern its detail
 * names (`/pattern/flags`), as this browser computes it; else (or while the engine loads) the
 * server's recorded English.
 */
export function checkError(i18n: I18n, check: RecordedCheck): string | null {
  if (!check.error) return null;
  const regex = check.kind === 'regex' ? /^\/([\s\S]*)\/([a-z]*)$/.exec(check.detail) : null;
  const issue = regex ? browserPatternIssue(regex[1] ?? '', regex[2] ?? '') : null;
  return issue ? describePatternIssue(i18n, issue) : check.error;
}

const VIOLATION_KEYWORDS = [
  'json',
  'required',
  'type',
  'enum',
  'const',
  'additionalProperties',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'minItems',
  'maxItems',
] as const;
type KnownKeyword = (typeof VIOLATION_KEYWORDS)[number];

/** Where and how an answer breaks a JSON Schema: "/customer_id: must match the pattern". */
export function violationText(i18n: I18n, v: SchemaViolation): string {
  const where = v.path === '' ? i18n.t('ws.check.schema.root') : v.path;
  if (v.keyword === 'json') return i18n.t('ws.check.schema.json');
  if (!(VIOLATION_KEYWORDS as readonly string[]).includes(v.keyword)) return `${where}: ${v.message}`;
  const params = Object.fromEntries(Object.entries(v.params ?? {}).map(([k, value]) => [k, String(value)]));
  return `${where}: ${i18n.t(`ws.check.schema.${v.keyword as KnownKeyword}`, params)}`;
}
