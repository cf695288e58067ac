import Type from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { visibleTo } from '../../shared/audience';
import { AtelierError } from '../../shared/errors';
import { LIMITS } from '../../shared/limits';
import { createSession } from '../sessions/create-session';
import { errors, SessionParams } from './schemas';

const Invite = Type.Object({ url: Type.String(), token: Type.String(), expiresAt: Type.Number() });
const SessionStatus = Type.Union([Type.Literal('scheduled'), Type.Literal('live'), Type.Literal('ended')]);
const SessionListItem = Type.Object({
  id: Type.String(),
  candidateName: Type.Union([Type.String(), Type.Null()]),
  exerciseId: Type.String(),
  exerciseTitle: Type.String(),
  status: SessionStatus,
  createdAt: Type.Number(),
  startedAt: Type.Union([Type.Number(), Type.Null()]),
  endedAt: Type.Union([Type.Number(), Type.Null()]),
  deadline: Type.Union([Type.Number(), Type.Null()]),
  turns: Type.Integer(),
  inputTokens: Type.Integer(),
  outputTokens: Type.Integer(),
  costUsd: Type.Number(),
});

export async function sessionRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const services = app.services;
  const { access, rooms, events, models } = services;

  app.post(
    '/api/sessions',
    {
      schema: {
        tags: ['sessions'],
        summary: 'Create a session with one invite link per role',
        security: [{ bearer: [] }],
        body: Type.Object(
          {
            exercise: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Exercise id or slug; default: the built-in exercise' })),
            candidateName: Type.Optional(Type.String({ maxLength: LIMITS.maxNameChars })),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({ id: Type.String(), invites: Type.Object({ candidate: Invite, interviewer: Invite, reviewer: Invite }) }),
          ...errors(400, 401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      access.requireAdmin(request);
      return reply.status(201).send(createSession(services, request.body ?? {}));
    },
  );

  app.get(
    '/api/sessions',
    {
      schema: {
        tags: ['sessions'],
        summary: 'List sessions, newest first',
        security: [{ bearer: [] }],
        querystring: Type.Object({ status: Type.Optional(SessionStatus) }),
        response: { 200: Type.Object({ sessions: Type.Array(SessionListItem) }), ...errors(401, 403) },
      },
    },
    async (request) => {
      access.requireAdmin(request);
      return { sessions: services.sessions.list(request.query.status ? { status: [request.query.status] } : {}) };
    },
  );

  app.get(
    '/api/sessions/:id/events',
    {
      schema: {
        tags: ['sessions'],
        summary: "The session's event log, as the caller's role may see it",
        security: [{ bearer: [] }],
        params: SessionParams,
        querystring: Type.Object({ after: Type.Optional(Type.Integer({ minimum: 0 })) }),
        response: { 200: Type.Object({ events: Type.Array(Type.Unknown()) }), ...errors(401, 403, 404) },
      },
    },
    async (request) => {
      const participant = access.requireParticipant(request, request.params.id);
      if (!services.sessions.get(request.params.id)) throw new AtelierError('not_found', 'No such session.');
      return { events: visibleTo(participant.role, events.after(request.params.id, request.query.after ?? 0)) };
    },
  );

  app.get(
    '/api/sessions/:id/models',
    {
      schema: {
        tags: ['sessions'],
        summary: 'The models this session may use',
        params: SessionParams,
        response: {
          200: Type.Object({
            models: Type.Array(Type.Object({ id: Type.String(), label: Type.String(), simulated: Type.Boolean() })),
            defaultModel: Type.String(),
          }),
          ...errors(401, 403, 404),
        },
      },
    },
    async (request) => {
      access.requireParticipant(request, request.params.id);
      const session = rooms.get(request.params.id);
      const exercise = session?.room.state.exercise;
      if (!exercise) throw new AtelierError('not_found', 'No such session.');
      const allowed = models.models().filter((m) => exercise.models.length === 0 || exercise.models.includes(m.id));
      const defaultModel = allowed.some((m) => m.id === exercise.defaultModel) ? exercise.defaultModel : (allowed[0]?.id ?? models.defaultModelId);
      return { models: allowed.map(({ id, label, simulated }) => ({ id, label, simulated })), defaultModel };
    },
  );
}
