import Type from 'typebox';
import { ERRORS } from '../../shared/errors';

// Schemas shared by several routes, for validation and for the OpenAPI document.

export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      code: Type.Union(Object.keys(ERRORS).map((code) => Type.Literal(code))),
      message: Type.String(),
    }),
  },
  { $id: 'Error', description: 'Every error: a stable code (docs/protocol.md) and a readable message.' },
);

export const SessionParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

/** The error responses a route can give, for its OpenAPI entry. */
export function errors(...statuses: number[]) {
  return Object.fromEntries(statuses.map((status) => [status, ErrorResponse]));
}
