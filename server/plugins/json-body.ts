import type { FastifyInstance } from 'fastify';
import { AtelierError } from '../../shared/errors';
import { LIMITS } from '../../shared/limits';
import { jsonDepthExceeds } from '../json-depth';

/**
 * JSON bodies as Fastify parses them (prototype-poisoning checks included), but refused before
 * parsing when nested deeper than LIMITS.maxJsonDepth: no handler, validator or serializer ever
 * recurses on a hostile depth.
 */
export function registerJsonBody(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (jsonDepthExceeds(body as string, LIMITS.maxJsonDepth)) {
      done(new AtelierError('invalid_payload', `The body is nested deeper than ${LIMITS.maxJsonDepth} levels.`), undefined);
      return;
    }
    parse(request, body as string, done);
  });
}
