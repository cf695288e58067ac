import { ErrorResponse } from '../../shared/api/errors';

/** The error responses a route can give, for its OpenAPI entry (the body is shared/api/errors.ts's). */
export function errors(...statuses: number[]) {
  return Object.fromEntries(statuses.map((status) => [status, ErrorResponse]));
}
