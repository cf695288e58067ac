import Type from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { namedFieldErrors } from './field-errors';
import { errors } from './schemas';

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
        querystring: Type.Object(
          {
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
            before: Type.Optional(Type.Integer({ minimum: 1, description: 'Only entries with a smaller id' })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            entries: Type.Array(
              Type.Object({
                id: Type.Integer(),
                at: Type.Number(),
                actor: Type.String(),
                action: Type.String(),
                target: Type.Union([Type.Object({ type: Type.String(), id: Type.String() }), Type.Null()]),
                details: Type.Object({}, { additionalProperties: true }),
              }),
            ),
            nextBefore: Type.Union([Type.Integer(), Type.Null()], { description: 'Pass as ?before= for the next page; null at the end' }),
          }),
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
