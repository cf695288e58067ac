import type { FastifyError, FastifyInstance } from 'fastify';
import { AtelierError, ERRORS, type ErrorCode } from '../../shared/errors';
import { CredentialRefused } from '../auth/credential-refused';
import { isProblemList, problemsOfSchemaError, type FieldProblem, type SchemaError } from '../../shared/problems';

// The one error handler: domain errors keep their code and status; Fastify's own errors
// (schema, JSON, size) map to ours; anything else is a 500 whose details stay in the log.
// An invalid request also lists its field problems, so that clients can say them in their
// own language and next to the field.

export interface ErrorBody {
  error: { code: ErrorCode; message: string; problems?: FieldProblem[] };
}

type PublicError = ErrorBody['error'];

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AtelierError, request, reply) => {
    const { code, message, problems } = toPublicError(error);
    const status = ERRORS[code].status;
    // A wrong or missing credential counts against the address (token guessing).
    if (code === 'unauthorized' || error instanceof CredentialRefused) request.server.joinGuard?.recordFailure(request.ip);
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    return reply.status(status).send({ error: { code, message, ...(problems ? { problems } : {}) } } satisfies ErrorBody);
  });
  app.setNotFoundHandler((request, reply) => {
    return reply
      .status(404)
      .send({ error: { code: 'not_found', message: `No route ${request.method} ${request.url.split('?')[0]}.` } } satisfies ErrorBody);
  });
}

function toPublicError(error: FastifyError | AtelierError): PublicError {
  if (error instanceof AtelierError) {
    if (error.status >= 500) return { code: error.code, message: ERRORS[error.code].message };
    return { code: error.code, message: error.message, ...(isProblemList(error.details) ? { problems: error.details } : {}) };
  }
  if (error.validation) {
    // Only the body's fields are the user's to fix; a bad query or path is the client's bug.
    const problems = error.validationContext === 'body' ? error.validation.flatMap((e) => problemsOfSchemaError(e as SchemaError)) : [];
    return { code: 'invalid_payload', message: `Invalid request: ${error.message}`, ...(problems.length > 0 ? { problems } : {}) };
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { code: 'payload_too_large', message: ERRORS.payload_too_large.message };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { code: 'invalid_payload', message: `Invalid request: ${error.message}` };
  }
  if (error.statusCode && error.statusCode < 500) {
    return { code: error.statusCode === 404 ? 'not_found' : 'invalid_payload', message: error.message };
  }
  return { code: 'internal', message: ERRORS.internal.message };
}
