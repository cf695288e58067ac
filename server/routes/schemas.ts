import Type from 'typebox';
import { ERRORS } from '../../shared/errors';
import { PROBLEM_RULES, type ProblemRule } from '../../shared/problems';

// Schemas shared by several routes, for validation and for the OpenAPI document.

/** What is wrong with one field (shared/problems.ts), as a rule a client can translate. */
export const FieldProblemSchema = Type.Object({
  path: Type.String({ description: 'JSON pointer into the request body (or the exercise content).' }),
  rule: Type.Unsafe<ProblemRule>(Type.Union(PROBLEM_RULES.map((rule) => Type.Literal(rule)))),
  params: Type.Optional(Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()]))),
  message: Type.String(),
});

export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      code: Type.Union(Object.keys(ERRORS).map((code) => Type.Literal(code))),
      message: Type.String(),
      problems: Type.Optional(
        Type.Array(FieldProblemSchema, { description: 'For invalid_payload: what is wrong with which field, as a rule a client can translate.' }),
      ),
    }),
  },
  { $id: 'Error', description: 'Every error: a stable code (docs/protocol.md), a readable message, and for an invalid request its field problems.' },
);

export const SessionParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

/** The error responses a route can give, for its OpenAPI entry. */
export function errors(...statuses: number[]) {
  return Object.fromEntries(statuses.map((status) => [status, ErrorResponse]));
}
