import Type from 'typebox';
import type { FastifyInstance } from 'fastify';
import { errors } from './schemas';

const Model = Type.Object({ id: Type.String(), label: Type.String(), simulated: Type.Boolean(), price: Type.Optional(Type.Object({ inputPerMTok: Type.Number(), outputPerMTok: Type.Number() })) });

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
          200: Type.Object({
            defaultModel: Type.String(),
            providers: Type.Array(
              Type.Object({
                id: Type.String(),
                kind: Type.String(),
                baseUrl: Type.Optional(Type.String()),
                status: Type.Union([Type.Literal('configured'), Type.Literal('key_missing'), Type.Literal('unreachable')]),
                error: Type.Optional(Type.String()),
                models: Type.Array(Model),
              }),
            ),
          }),
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
