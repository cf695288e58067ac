import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Consent, ConsentQuery, StaffMaterial, StaffMaterialQuery } from '../../shared/api/session-material';
import { SessionParams } from '../../shared/api/sessions';
import { AtelierError } from '../../shared/errors';
import { isStaff } from '../../shared/roles';
import { namedFieldErrors } from './field-errors';
import { errors } from './error-responses';

// What a session's participants read besides the log: the staff material of the exercise
// version the session ran (staff only), and the consent text (everyone in the session).

export async function sessionMaterialRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.setSchemaErrorFormatter(namedFieldErrors);
  const { access, sessions, exercises, privacy } = app.services;

  app.get(
    '/api/sessions/:id/staff-material',
    {
      schema: {
        tags: ['sessions'],
        summary: 'The rubric and interview questions of the exercise version this session ran (staff and admin)',
        security: [{ bearer: [] }],
        params: SessionParams,
        querystring: StaffMaterialQuery,
        response: {
          200: StaffMaterial,
          ...errors(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      const participant = access.requireParticipant(request, request.params.id, request.query.role);
      if (!isStaff(participant.role)) throw new AtelierError('forbidden', 'The staff material is for interviewers and reviewers.');
      const session = sessions.get(request.params.id);
      if (!session) throw new AtelierError('not_found', 'No such session.');
      const exercise = exercises.version(session.exerciseId, session.exerciseVersion);
      if (!exercise) throw new AtelierError('not_found', "The session's exercise version is missing.");
      const { title, language, rubric, questions } = exercise.content;
      return { exerciseId: exercise.id, exerciseVersion: exercise.version, title, language, rubric, questions };
    },
  );

  app.get(
    '/api/sessions/:id/consent',
    {
      schema: {
        tags: ['sessions'],
        summary:
          "The consent text shown on the candidate's join screen (Markdown), in the exercise's language unless ?lang= says otherwise",
        security: [{ bearer: [] }],
        params: SessionParams,
        querystring: ConsentQuery,
        response: { 200: Consent, ...errors(400, 401, 404) },
      },
    },
    async (request) => {
      access.requireParticipant(request, request.params.id, 'candidate');
      const session = sessions.get(request.params.id);
      if (!session) throw new AtelierError('not_found', 'No such session.');
      const language = request.query.lang ?? exercises.version(session.exerciseId, session.exerciseVersion)?.content.language ?? 'en';
      return privacy.consentFor(language);
    },
  );
}
