import type { FastifyInstance } from 'fastify';
import { Providers } from '../../shared/api/providers';
import { errors } from './error-responses';

export async function providerRoutes(app: FastifyInstance) {
  const { access, models } = app.services;

  app.get(
    '/api/providers',
    {
      schema: {
        tags: ['providers'],
        summary: 'Configured providers and their models, with their status (never a key)',
        security: [{ bearer: [] }],
        response: {
          200: Providers,
          ...errors(401, 403),
        },
      },
    },
    async (request) => {
      access.requireAdmin(request);
      const signal = AbortSignal.timeout(10_000);
      return { defaultModel: models.defaultModelId, providers: await models.status(signal) };
    },
  );
}
