import Type from 'typebox';
import type { FastifyInstance } from 'fastify';
import { errors } from './schemas';

export async function exerciseRoutes(app: FastifyInstance) {
  const { access, exercises } = app.services;

  app.get(
    '/api/exercises',
    {
      schema: {
        tags: ['exercises'],
        summary: 'The exercise library (current versions, archived ones left out)',
        security: [{ bearer: [] }],
        response: {
          200: Type.Object({
            exercises: Type.Array(
              Type.Object({ id: Type.String(), slug: Type.String(), title: Type.String(), language: Type.String(), version: Type.Integer() }),
            ),
          }),
          ...errors(401, 403),
        },
      },
    },
    async (request) => {
      access.requireAdmin(request);
      return {
        exercises: exercises.list().map((e) => ({ id: e.id, slug: e.slug, title: e.title, language: e.language, version: e.currentVersion })),
      };
    },
  );
}
