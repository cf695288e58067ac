import Type, { type Static } from 'typebox';
import { ERRORS, type ErrorCode } from '../errors';
import { PROBLEM_RULES, type FieldProblem as FieldProblemType, type ProblemRule } from '../problems';

// The one error body every route answers with (the error handler builds it from an AtelierError).

export const FieldProblem = Type.Object({
  path: Type.String({ description: 'JSON pointer into the request body.' }),
  // Unsafe: a union mapped from a list is typed as its list's element, not as never.
  rule: Type.Unsafe<ProblemRule>(Type.Union(PROBLEM_RULES.map((rule) => Type.Literal(rule)))),
  params: Type.Optional(Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()]))),
  message: Type.String(),
});
// problems.ts keeps a plain interface (the client imports its rule list at runtime): both must agree.
const _sameProblem: [Static<typeof FieldProblem>, FieldProblemType] extends [FieldProblemType, Static<typeof FieldProblem>] ? true : never =
  true;
void _sameProblem;

/** A stable error code (shared/errors.ts), over HTTP and in the live channel's error frames. */
export const ErrorCodeSchema = Type.Unsafe<ErrorCode>(Type.Union(Object.keys(ERRORS).map((code) => Type.Literal(code))));

export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      code: ErrorCodeSchema,
      message: Type.String(),
      problems: Type.Optional(
        Type.Array(FieldProblem, { description: 'For invalid_payload: what is wrong with which field, as a rule a client can translate.' }),
      ),
    }),
  },
  {
    $id: 'Error',
    description: 'Every error: a stable code (docs/protocol.md), a readable message, and for an invalid request its field problems.',
  },
);
export type ErrorResponse = Static<typeof ErrorResponse>;
