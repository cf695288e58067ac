import type { PatternIssue } from './pattern-issue';

// What is wrong with one field of a request, in a form each client can put in its own
// language: a stable rule with its parameters, plus the server's English sentence as a
// fallback. Sent as `problems` beside an `invalid_payload` error.

export const PROBLEM_RULES = [
  'required',
  'unknown_field',
  'too_short',
  'too_long',
  'too_small',
  'too_large',
  'too_few',
  'too_many',
  'pattern',
  'type',
  'not_allowed',
  'format',
  'duplicate_id',
  'invalid_regex',
  'unsupported_regex',
  'regex_too_large',
  'min_exceeds_max',
  'outside_bounds',
  'model_not_allowed',
  'in_past',
  'one_of',
  'invalid_json_schema',
  'invalid_judge_prompt',
  'invalid',
] as const;

export type ProblemRule = (typeof PROBLEM_RULES)[number];

export interface FieldProblem {
  /** JSON pointer into the request body (`/testCases/2/id`); `/` for the whole body. */
  path: string;
  rule: ProblemRule;
  /** The numbers and names the sentence needs (`limit`, `min`, `max`, `models`…). */
  params?: Record<string, string | number>;
  /** The English sentence, for clients that do not know the rule. */
  message: string;
}

/** A pattern the linear-time engine cannot run, as the problem of the field that holds it. */
export function patternProblem(path: string, issue: PatternIssue): FieldProblem {
  switch (issue.reason) {
    case 'unsupported':
      return { path, rule: 'unsupported_regex', params: { construct: issue.construct, token: issue.token }, message: issue.message };
    case 'invalid':
      return { path, rule: 'invalid_regex', params: { error: issue.error, token: issue.token }, message: issue.message };
    case 'too_large':
      return { path, rule: 'regex_too_large', params: { size: issue.size, limit: issue.limit }, message: issue.message };
  }
}

/** One schema validator error (ajv's or TypeBox's shape: both name a keyword and its params). */
export interface SchemaError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

const LIMIT_RULES: Record<string, ProblemRule> = {
  minLength: 'too_short',
  maxLength: 'too_long',
  minimum: 'too_small',
  maximum: 'too_large',
  minItems: 'too_few',
  maxItems: 'too_many',
};

/** A validator's error as field problems (ajv names one missing field; TypeBox lists them). */
export function problemsOfSchemaError(error: SchemaError, prefix = ''): FieldProblem[] {
  const path = `${prefix}${error.instancePath}` || '/';
  const under = (name: string) => `${prefix}${error.instancePath}/${name}`;
  const names = (single: string, many: string) => {
    const list = error.params[many];
    return Array.isArray(list) ? list.map(String) : typeof error.params[single] === 'string' ? [error.params[single] as string] : [];
  };
  switch (error.keyword) {
    case 'required':
      return names('missingProperty', 'requiredProperties').map((name) => ({
        path: under(name),
        rule: 'required',
        message: 'is required',
      }));
    case 'additionalProperties':
      return names('additionalProperty', 'additionalProperties').map((name) => ({
        path: under(name),
        rule: 'unknown_field',
        message: 'is not a known field',
      }));
  }
  const message = error.message ?? 'is not valid';
  const limitRule = LIMIT_RULES[error.keyword];
  if (limitRule) return [{ path, rule: limitRule, params: { limit: Number(error.params.limit) }, message }];
  if (error.keyword === 'pattern') return [{ path, rule: 'pattern', message }];
  if (error.keyword === 'type') return [{ path, rule: 'type', params: { type: String(error.params.type) }, message }];
  if (error.keyword === 'format') return [{ path, rule: 'format', params: { format: String(error.params.format) }, message }];
  if (error.keyword === 'enum' || error.keyword === 'const' || error.keyword === 'anyOf' || error.keyword === 'oneOf')
    return [{ path, rule: 'not_allowed', message }];
  return [{ path, rule: 'invalid', message }];
}

/** `/title: is required; /slug: must match …` — the English summary of a list of problems. */
export function describeProblems(problems: readonly FieldProblem[]): string {
  return problems.map((p) => `${p.path}: ${p.message}`).join('; ');
}

/** Whether an error's details are a list of field problems (what an `invalid_payload` carries). */
export function isProblemList(details: unknown): details is FieldProblem[] {
  return Array.isArray(details) && details.every((d) => typeof d === 'object' && d !== null && 'rule' in d && 'path' in d);
}
