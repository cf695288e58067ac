import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  CreatedSession,
  ScheduleRequest,
  SessionDetail,
  SessionErasure,
  SessionList,
  SessionListQuery,
  SessionLog,
  SessionLogQuery,
  SessionModels,
  SessionParams,
} from '../../shared/api/sessions';
import { AtelierError } from '../../shared/errors';
import { eraseSessions } from '../privacy/erase-sessions';
import { createSession } from '../sessions/create-session';
import { inviteInfo } from '../sessions/invites';
import { emailCandidateInvite } from '../sessions/email-invite';
import { namedFieldErrors } from './field-errors';
import { errors } from './error-responses';

export async function sessionRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.setSchemaErrorFormatter(namedFieldErrors);
  const services = app.services;
  const { access, log, sessions, models, clock, audit } = services;
  // Admin routes check the caller before validating the request, so 401/403 come before 400.
  const adminOnly = async (request: FastifyRequest) => access.requireAdmin(request);
  const withTimeLeft = <T extends { status: string; deadline: number | null }>(item: T) => ({
    ...item,
    timeLeftMs: item.status === 'live' && item.deadline !== null ? Math.max(0, item.deadline - clock.now()) : null,
  });

  app.post(
    '/api/sessions',
    {
      onRequest: adminOnly,
      schema: {
        tags: ['sessions'],
        summary: 'Schedule a session: one invite link for the candidate and for each interviewer and reviewer',
        security: [{ bearer: [] }],
        body: ScheduleRequest,
        response: { 201: CreatedSession, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const body = request.body ?? {};
      if (body.emailInvite && !services.mailer.configured)
        throw new AtelierError('conflict', 'Email is not configured on this server (ATELIER_SMTP_URL); nothing was scheduled.');
      if (body.emailInvite && !body.candidateEmail?.trim())
        throw new AtelierError('invalid_payload', 'emailInvite needs candidateEmail.', [
          { path: '/candidateEmail', rule: 'required', params: {}, message: 'Required to email the invite.' },
        ]);
      const created = createSession(services, body);
      const session = services.sessions.get(created.id)!;
      audit.record({
        actor: services.access.requireAdmin(request),
        action: 'session.create',
        target: { type: 'session', id: created.id },
        details: { exerciseId: session.exerciseId, exerciseVersion: session.exerciseVersion, invites: created.participants.length },
      });
      const inviteEmail = body.emailInvite ? await emailCandidateInvite(services, created) : undefined;
      return reply.status(201).send({ ...created, ...(inviteEmail ? { inviteEmail } : {}) });
    },
  );

  app.get(
    '/api/sessions',
    {
      onRequest: adminOnly,
      schema: {
        tags: ['sessions'],
        summary: 'List sessions, newest first; the live dashboard reads time left, turns and cost here',
        security: [{ bearer: [] }],
        querystring: SessionListQuery,
        response: { 200: SessionList, ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      const { status, exercise, q, reviewer, minScore, maxScore } = request.query;
      let exerciseId: string | undefined;
      if (exercise) {
        // An unknown exercise filters everything out rather than failing the list.
        exerciseId = services.exercises.row(exercise)?.id ?? exercise;
      }
      const list = services.sessions.list({
        ...(status ? { status: [status] } : {}),
        ...(exerciseId ? { exerciseId } : {}),
        ...(q ? { q } : {}),
        ...(reviewer ? { reviewer } : {}),
        ...(minScore !== undefined ? { minScore } : {}),
        ...(maxScore !== undefined ? { maxScore } : {}),
      });
      return { now: clock.now(), sessions: list.map(withTimeLeft) };
    },
  );

  app.get(
    '/api/sessions/:id',
    {
      onRequest: adminOnly,
      schema: {
        tags: ['sessions'],
        summary: 'One session: its summary and its invites (never their tokens)',
        security: [{ bearer: [] }],
        params: SessionParams,
        response: { 200: SessionDetail, ...errors(401, 403, 404) },
      },
    },
    async (request) => {
      const item = services.sessions.item(request.params.id);
      if (!item) throw new AtelierError('not_found', 'No such session.');
      const now = clock.now();
      return { ...withTimeLeft(item), invites: services.invites.forSession(item.id).map((row) => inviteInfo(row, now)) };
    },
  );

  app.delete(
    '/api/sessions/:id',
    {
      onRequest: adminOnly,
      schema: {
        tags: ['sessions'],
        summary: 'Erase a session and everything in it: events, notes, invites; its sockets close (4004)',
        security: [{ bearer: [] }],
        params: SessionParams,
        response: { 200: SessionErasure, ...errors(401, 403, 404) },
      },
    },
    async (request) => {
      const [erased] = await eraseSessions(services, [request.params.id]);
      if (!erased) throw new AtelierError('not_found', 'No such session.');
      audit.record({
        actor: services.access.requireAdmin(request),
        action: 'session.delete',
        target: { type: 'session', id: erased.id },
        details: { events: erased.events, invites: erased.invites },
      });
      return { erased: { id: erased.id, events: erased.events, notes: erased.notes, invites: erased.invites } };
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
        querystring: SessionLogQuery,
        response: { 200: SessionLog, ...errors(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const sessionId = request.params.id;
      const participant = access.requireParticipant(request, sessionId, request.query.role);
      // A replay opens a session nobody is in: reading its log never loads it into a room.
      if (!sessions.get(sessionId)) throw new AtelierError('not_found', 'No such session.');
      const json = log.visibleJson(sessionId, log.viewer(sessionId, participant), {
        after: request.query.after ?? 0,
        packDeltas: request.query.pack === 'deltas',
        omitSettledDeltas: request.query.omit === 'settled-deltas',
      });
      // Already JSON text (see visibleLogJson): Fastify sends a string typed application/json as
      // it is; the response schema above still documents its shape.
      return reply.type('application/json; charset=utf-8').send(json as unknown as SessionLog);
    },
  );

  app.get(
    '/api/sessions/:id/models',
    {
      schema: {
        tags: ['sessions'],
        summary: 'The models this session may use',
        params: SessionParams,
        response: { 200: SessionModels, ...errors(401, 403, 404) },
      },
    },
    async (request) => {
      access.requireParticipant(request, request.params.id);
      const row = sessions.get(request.params.id);
      const exercise = row ? services.exercises.version(row.exerciseId, row.exerciseVersion)?.content : undefined;
      if (!exercise) throw new AtelierError('not_found', 'No such session.');
      const allowed = models.models().filter((m) => exercise.models.length === 0 || exercise.models.includes(m.id));
      const defaultModel = allowed.some((m) => m.id === exercise.defaultModel)
        ? exercise.defaultModel
        : (allowed[0]?.id ?? models.defaultModelId);
      return {
        models: allowed.map(({ id, label, simulated, unsupportedParams }) => ({
          id,
          label,
          simulated,
          unsupportedParams: unsupportedParams ?? [],
        })),
        defaultModel,
      };
    },
  );
}
