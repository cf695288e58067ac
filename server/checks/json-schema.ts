import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import type { CheckResult, SchemaViolation } from '../../shared/expectations';
import { compilePattern } from '../../shared/pattern';
import { jsonDepthExceeds } from '../json-depth';
import { schemaBoundsIssue } from './schema-bounds';

export { schemaBoundsIssue };

// JSON Schema checks (draft 2020-12, Ajv). A candidate's schema is hostile input, so this runs
// on the check worker only, never on the event loop, and:
//  - `pattern` and `patternProperties` compile into the linear-time engine (shared/pattern.ts),
//    never into a backtracking RegExp; a pattern it cannot run makes the schema invalid;
//  - `format` is an annotation, as the 2020-12 draft has it by default: no format regex runs;
//  - nothing is fetched: `$ref` resolves inside the schema or not at all;
//  - strict mode refuses unknown keywords, so a typo is an error, not a silently ignored rule;
//  - compiled schemas are cached, a bounded number, and their patterns' programs are dropped
//    after each validation (re2js's lazy DFA can grow to megabytes while it matches).

/** The most schemas kept compiled at once (a session edits a handful). */
const MAX_COMPILED = 64;
/** Ajv keeps each compiled schema's `$id`s; a fresh instance every so many compiles drops them. */
const RECYCLE_AFTER = 500;
/** The answer's JSON may nest this deep: validating is recursive. */
const MAX_ANSWER_DEPTH = 64;
/** How many violations a check reports: the first ones, by path. */
const MAX_VIOLATIONS = 5;

// ── linear-time patterns ───────────────────────────────────────────────

interface LinearRegExp {
  test(text: string): boolean;
  toString(): string;
}
/** Patterns that compiled a program during the current validation: their programs are dropped after it. */
const inUse = new Set<{ program: { test(text: string): boolean } | null }>();

/** Ajv's `code.regExp`: each schema pattern checked at compile time, compiled for real only while validating. */
function linearRegExp(source: string, flags: string): LinearRegExp {
  const compiled = compilePattern(source, flags);
  if (!compiled.ok) throw new Error(`pattern /${source}/ cannot run: ${compiled.message}`);
  const holder: { program: { test(text: string): boolean } | null } = { program: null };
  return {
    test(text) {
      if (!holder.program) {
        const program = compilePattern(source, flags);
        if (!program.ok) return false;
        holder.program = program;
        inUse.add(holder);
      }
      return holder.program.test(text);
    },
    toString: () => `/${source}/${flags}`,
  };
}
linearRegExp.code = 'linearRegExp';

function dropPrograms(): void {
  for (const holder of inUse) holder.program = null;
  inUse.clear();
}

// ── compiling ──────────────────────────────────────────────────────────

function newAjv(): Ajv2020 {
  return new Ajv2020({
    // Unknown keywords and formats are errors; what plain JSON Schema allows (keywords without
    // a `type`, open tuples) is allowed.
    strict: true,
    strictTypes: false,
    strictTuples: false,
    strictRequired: false,
    allErrors: true,
    validateFormats: false,
    addUsedSchema: false,
    // No loadSchema: a $ref to anything outside the schema is an error, never a fetch.
    code: { regExp: linearRegExp as never },
  });
}

let ajv = newAjv();
let compiles = 0;
const compiled = new Map<string, ValidateFunction | { error: string }>();

export type SchemaCompilation = { ok: true; validate: ValidateFunction } | { ok: false; error: string };

/** The schema compiled (from the cache when it was compiled before), or why it is not a valid schema. */
export function compileSchema(schema: unknown): SchemaCompilation {
  const bounds = schemaBoundsIssue(schema);
  if (bounds) return { ok: false, error: bounds };
  const key = JSON.stringify(schema);
  let entry = compiled.get(key);
  if (entry) {
    // Most recently used last: the first entry is the one to evict.
    compiled.delete(key);
  } else {
    entry = compileNew(schema as object | boolean);
  }
  compiled.set(key, entry);
  if (compiled.size > MAX_COMPILED) compiled.delete(compiled.keys().next().value!);
  return typeof entry === 'function' ? { ok: true, validate: entry } : { ok: false, error: entry.error };
}

function compileNew(schema: object | boolean): ValidateFunction | { error: string } {
  if (++compiles % RECYCLE_AFTER === 0) ajv = newAjv();
  try {
    return ajv.compile(schema);
  } catch (error) {
    return { error: schemaError(error) };
  } finally {
    if (typeof schema === 'object') ajv.removeSchema(schema);
  }
}

function schemaError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // Ajv's own prefixes say what the field's problem already says ("not a valid JSON Schema").
  return message
    .replace(/^schema is invalid: /, '')
    .replace(/^strict mode: /, '')
    .slice(0, 500);
}

// ── checking ───────────────────────────────────────────────────────────

/** The JSON in an answer: all of it, or else the first fenced block (```json … ``` or ``` … ```). */
export function jsonOfAnswer(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  const candidates = [text.trim()];
  const fence = /```[a-zA-Z0-9_-]*[ \t]*\r?\n([\s\S]*?)```/.exec(text);
  if (fence) candidates.push(fence[1]!.trim());
  for (const candidate of candidates) {
    if (candidate === '') continue;
    if (jsonDepthExceeds(candidate, MAX_ANSWER_DEPTH))
      return { ok: false, error: `The answer's JSON nests too deeply (more than ${MAX_ANSWER_DEPTH} levels).` };
    try {
      return { ok: true, value: JSON.parse(candidate) };
    } catch {
      // try the next candidate
    }
  }
  return { ok: false, error: fence ? 'Neither the answer nor its first fenced block is valid JSON.' : 'The answer is not valid JSON.' };
}

/** The json_schema check of one answer (the check worker's JsonSchemaCheck). */
export function checkJsonSchema(text: string, schema: unknown): Pick<CheckResult, 'passed' | 'error' | 'violations'> {
  const compilation = compileSchema(schema);
  if (!compilation.ok) return { passed: false, error: compilation.error };
  const json = jsonOfAnswer(text);
  if (!json.ok) return { passed: false, violations: [{ path: '', keyword: 'json', message: json.error }] };
  try {
    const valid = compilation.validate(json.value);
    if (valid) return { passed: true };
    return { passed: false, violations: (compilation.validate.errors ?? []).slice(0, MAX_VIOLATIONS).map(violationOf) };
  } finally {
    dropPrograms();
  }
}

function violationOf(error: ErrorObject): SchemaViolation {
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(error.params ?? {})) {
    if (typeof value === 'string' || typeof value === 'number') params[name] = typeof value === 'string' ? value.slice(0, 200) : value;
    else if (Array.isArray(value)) params[name] = value.map(String).join(', ').slice(0, 200);
  }
  return {
    path: error.instancePath,
    keyword: error.keyword,
    message: error.message ?? 'is not valid',
    ...(Object.keys(params).length ? { params } : {}),
  };
}

/** Whether a schema is valid, for an editor: the reason when it is not. */
export function schemaIssue(schema: unknown): string | null {
  const compilation = compileSchema(schema);
  return compilation.ok ? null : compilation.error;
}
