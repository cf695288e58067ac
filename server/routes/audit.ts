import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AuditPage, AuditQuery } from '../../shared/api/audit';
import { namedFieldErrors } from './field-errors';
import { errors } from './error-responses';

export async function auditRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.setSchemaErrorFormatter(namedFieldErrors);
  // Admin only: the caller is checked before the request is validated, so 401/403 come first.
  app.addHook('onRequest', async (request) => app.services.access.requireAdmin(request));
  const { audit } = app.services;

  app.get(
    '/api/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'The audit log of admin actions, newest first; page with ?before=<the last id you got>',
        security: [{ bearer: [] }],
        querystring: AuditQuery,
        response: {
          200: AuditPage,
          ...errors(400, 401, 403),
        },
      },
    },
    async (request) => {
      const limit = request.query.limit ?? 100;
      const entries = audit.page(limit, request.query.before);
      return { entries, nextBefore: entries.length === limit ? entries[entries.length - 1]!.id : null };
    },
  );
}
