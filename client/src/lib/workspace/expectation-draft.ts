import type { Expectation } from '../../../../shared/expectations';
import { LIMITS } from '../../../../shared/limits';
import type { PatternIssue } from '../../../../shared/pattern-issue';

// A check being written, as the editors hold it: a JSON Schema as the text typed (it may not
// parse yet), a list of values as lines (blank ones kept while typing). Converted to the
// expectation the server takes only when it is valid.
// (Relative imports of shared/: unit-tested in node without the $shared alias.)

export type DraftExpectation = Exclude<Expectation, { kind: 'json_schema' }> | { kind: 'json_schema'; schemaText: string };

export const EXPECTATION_KINDS: Expectation['kind'][] = [
  'contains',
  'not_contains',
  'contains_any',
  'contains_all',
  'regex',
  'max_length',
  'must_refuse',
  'json_schema',
  'llm_rubric',
];

export const SCHEMA_EXAMPLE = '{\n  "type": "object",\n  "required": ["answer"],\n  "properties": { "answer": { "type": "string" } }\n}';

export function blankExpectation(kind: Expectation['kind']): DraftExpectation {
  switch (kind) {
    case 'contains':
    case 'not_contains':
      return { kind, value: '' };
    case 'contains_any':
    case 'contains_all':
      return { kind, values: [''] };
    case 'regex':
      return { kind, pattern: '' };
    case 'max_length':
      return { kind, chars: 400 };
    case 'must_refuse':
      return { kind };
    case 'json_schema':
      return { kind, schemaText: SCHEMA_EXAMPLE };
    case 'llm_rubric':
      return { kind, rubric: '', threshold: 0.7 };
  }
}

export function toDraft(e: Expectation | DraftExpectation): DraftExpectation {
  if (e.kind !== 'json_schema') return e;
  return 'schemaText' in e ? e : { kind: 'json_schema', schemaText: JSON.stringify(e.schema, null, 2) };
}

/** The expectation to send, or null while the draft is not valid (see draftIssue). */
export function fromDraft(d: DraftExpectation): Expectation | null {
  if (d.kind === 'json_schema') {
    const parsed = parseSchema(d.schemaText);
    return parsed.ok ? { kind: 'json_schema', schema: parsed.value } : null;
  }
  if (d.kind === 'contains_any' || d.kind === 'contains_all')
    return { kind: d.kind, values: d.values.map((v) => v.trim()).filter(Boolean) };
  return d;
}

export type DraftIssue =
  | { kind: 'empty' }
  | { kind: 'pattern'; issue: PatternIssue }
  | { kind: 'json'; message: string }
  | { kind: 'schemaNotObject' }
  | { kind: 'schemaTooLarge'; limit: number }
  | { kind: 'threshold' }
  | { kind: 'tooManyValues'; limit: number };

/** Why a pattern cannot run, or null (also while the browser cannot tell yet: see pattern-checker.svelte.ts). */
export type PatternCheck = (pattern: string, flags: string) => PatternIssue | null;

/** What a browser can say about a draft before the server sees it (the server compiles the schema itself). */
export function draftIssue(d: DraftExpectation, checkPattern: PatternCheck): DraftIssue | null {
  switch (d.kind) {
    case 'contains':
    case 'not_contains':
      return d.value.trim() ? null : { kind: 'empty' };
    case 'contains_any':
    case 'contains_all': {
      const values = d.values.map((v) => v.trim()).filter(Boolean);
      if (values.length === 0) return { kind: 'empty' };
      return values.length > 20 ? { kind: 'tooManyValues', limit: 20 } : null;
    }
    case 'regex': {
      if (!d.pattern) return { kind: 'empty' };
      const issue = checkPattern(d.pattern, d.flags ?? '');
      return issue ? { kind: 'pattern', issue } : null;
    }
    case 'max_length':
      return d.chars >= 1 ? null : { kind: 'empty' };
    case 'must_refuse':
      return null;
    case 'json_schema': {
      if (!d.schemaText.trim()) return { kind: 'empty' };
      if (d.schemaText.length > LIMITS.maxSchemaChars) return { kind: 'schemaTooLarge', limit: LIMITS.maxSchemaChars };
      const parsed = parseSchema(d.schemaText);
      if (!parsed.ok) return parsed.issue;
      return null;
    }
    case 'llm_rubric':
      if (!d.rubric.trim()) return { kind: 'empty' };
      return Number.isFinite(d.threshold) && d.threshold >= 0 && d.threshold <= 1 ? null : { kind: 'threshold' };
  }
}

function parseSchema(text: string): { ok: true; value: unknown } | { ok: false; issue: DraftIssue } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, issue: { kind: 'json', message: error instanceof Error ? error.message : String(error) } };
  }
  if (typeof value !== 'boolean' && (typeof value !== 'object' || value === null || Array.isArray(value)))
    return { ok: false, issue: { kind: 'schemaNotObject' } };
  return { ok: true, value };
}
