import Type from 'typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AtelierError } from '../../shared/errors';
import { LIMITS } from '../../shared/limits';
import { eraseSessions } from '../privacy/erase-sessions';
import { createSession } from '../sessions/create-session';
import { inviteInfo } from '../sessions/invites';
import { namedFieldErrors } from './field-errors';
import { errors, SessionParams } from './schemas';

export const Invite = Type.Object({ url: Type.String(), token: Type.String(), expiresAt: Type.Number() });
const InviteRoleSchema = Type.Union([Type.Literal('candidate'), Type.Literal('interviewer'), Type.Literal('reviewer')]);
export const IssuedInvite = Type.Object({
  inviteId: Type.String(),
  role: InviteRoleSchema,
  name: Type.Union([Type.String(), Type.Null()]),
  url: Type.String(),
  token: Type.String({ description: 'Shown once; only its hash is stored' }),
  expiresAt: Type.Number(),
});
export const InviteInfo = Type.Object({
  id: Type.String(),
  role: InviteRoleSchema,
  name: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.Number(),
  expiresAt: Type.Number(),
  revokedAt: Type.Union([Type.Number(), Type.Null()]),
  status: Type.Union([Type.Literal('active'), Type.Literal('expired'), Type.Literal('revoked')]),
});
const SessionStatus = Type.Union([Type.Literal('scheduled'), Type.Literal('live'), Type.Literal('ended')]);
const NullableNumber = Type.Union([Type.Number(), Type.Null()]);
const SessionListItem = Type.Object({
  id: Type.String(),
  candidateName: Type.Union([Type.String(), Type.Null()]),
  candidateEmail: Type.Union([Type.String(), Type.Null()]),
  exerciseId: Type.String(),
  exerciseVersion: Type.Integer(),
  exerciseTitle: Type.String(),
  status: SessionStatus,
  reviewed: Type.Boolean({ description: 'Ended, and at least one review was submitted' }),
  reviewedAt: NullableNumber,
  createdAt: Type.Number(),
  scheduledFor: NullableNumber,
  startedAt: NullableNumber,
  endedAt: NullableNumber,
  deadline: NullableNumber,
  timeLeftMs: Type.Union([Type.Number(), Type.Null()], { description: 'For a live session: until the deadline, by the server clock' }),
  turns: Type.Integer(),
  inputTokens: Type.Integer(),
  outputTokens: Type.Integer(),
  costUsd: Type.Number(),
  scoreMean: Type.Union([Type.Number(), Type.Null()]),
  reviewers: Type.Array(Type.String()),
});
const Named = Type.Object({ name: Type.String({ minLength: 1, maxLength: LIMITS.maxNameChars }) }, { additionalProperties: false });

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
        body: Type.Object(
          {
            exercise: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Exercise id or slug; default: the built-in exercise' })),
            candidateName: Type.Optional(Type.String({ maxLength: LIMITS.maxNameChars })),
            candidateEmail: Type.Optional(Type.String({ format: 'email', maxLength: 254 })),
            interviewers: Type.Optional(Type.Array(Named, { minItems: 1, maxItems: 20, description: 'One named invite each; default: one unnamed invite' })),
            reviewers: Type.Optional(Type.Array(Named, { minItems: 1, maxItems: 20, description: 'One named invite each; default: one unnamed invite' })),
            scheduledFor: Type.Optional(Type.Integer({ minimum: 0, description: 'When the session is planned, ms since epoch; invites last from then' })),
            inviteTtlHours: Type.Optional(Type.Integer({ minimum: 1, maximum: 24 * 366, description: 'Invite lifetime; default ATELIER_INVITE_TTL_DAYS' })),
            blindReview: Type.Optional(Type.Boolean({ description: "Hide the candidate's name and identity from reviewers" })),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({
            id: Type.String(),
            invites: Type.Object({ candidate: Invite, interviewer: Invite, reviewer: Invite }, { description: 'The first invite of each role' }),
            participants: Type.Array(IssuedInvite),
          }),
          ...errors(400, 401, 403, 404, 409),
        },
      },
    },
    async (request, reply) => {
      const created = createSession(services, request.body ?? {});
      const session = services.sessions.get(created.id)!;
      audit.record({
        actor: 'admin',
        action: 'session.create',
        target: { type: 'session', id: created.id },
        details: { exerciseId: session.exerciseId, exerciseVersion: session.exerciseVersion, invites: created.participants.length },
      });
      return reply.status(201).send(created);
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
        querystring: Type.Object(
          {
            status: Type.Optional(
              Type.Union([SessionStatus, Type.Literal('reviewed')], { description: '"ended" includes reviewed sessions; "reviewed" only those with a submitted review' }),
            ),
            exercise: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Exercise id or slug' })),
            q: Type.Optional(Type.String({ maxLength: 200, description: "Part of the candidate's name or email" })),
            reviewer: Type.Optional(Type.String({ maxLength: 200, description: "Part of a reviewer's name" })),
            minScore: Type.Optional(Type.Number({ minimum: 1, maximum: 5, description: 'Mean rubric level at least' })),
            maxScore: Type.Optional(Type.Number({ minimum: 1, maximum: 5, description: 'Mean rubric level at most' })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ now: Type.Number(), sessions: Type.Array(SessionListItem) }), ...errors(400, 401, 403) },
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
        response: { 200: Type.Object({ ...SessionListItem.properties, invites: Type.Array(InviteInfo) }), ...errors(401, 403, 404) },
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
        response: {
          200: Type.Object({ erased: Type.Object({ id: Type.String(), events: Type.Integer(), notes: Type.Integer(), invites: Type.Integer() }) }),
          ...errors(401, 403, 404),
        },
      },
    },
    async (request) => {
      const [erased] = await eraseSessions(services, [request.params.id]);
      if (!erased) throw new AtelierError('not_found', 'No such session.');
      audit.record({ actor: 'admin', action: 'session.delete', target: { type: 'session', id: erased.id }, details: { events: erased.events, invites: erased.invites } });
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
        querystring: Type.Object({
          after: Type.Optional(Type.Integer({ minimum: 0 })),
          role: Type.Optional(Type.String({ description: "Which of this browser's invites to read as, when it holds several" })),
          pack: Type.Optional(Type.Literal('deltas', { description: 'Streamed deltas as [seq, at, turnId, text] arrays instead of event objects (docs/protocol.md)' })),
          omit: Type.Optional(
            Type.Literal('settled-deltas', { description: 'Leave out the deltas of turns that have ended (their end event has the whole text); `omitted` counts them' }),
          ),
        }),
        response: { 200: Type.Object({ events: Type.Array(Type.Unknown()), omitted: Type.Optional(Type.Integer()) }), ...errors(401, 403, 404) },
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
      return reply.type('application/json; charset=utf-8').send(json as unknown as { events: unknown[]; omitted?: number });
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
            models: Type.Array(
              Type.Object({
                id: Type.String(),
                label: Type.String(),
                simulated: Type.Boolean(),
                /** Generation parameters this model does not take: the picker says so instead of offering them. */
                unsupportedParams: Type.Array(Type.String()),
              }),
            ),
            defaultModel: Type.String(),
          }),
          ...errors(401, 403, 404),
        },
      },
    },
    async (request) => {
      access.requireParticipant(request, request.params.id);
      const row = sessions.get(request.params.id);
      const exercise = row ? services.exercises.version(row.exerciseId, row.exerciseVersion)?.content : undefined;
      if (!exercise) throw new AtelierError('not_found', 'No such session.');
      const allowed = models.models().filter((m) => exercise.models.length === 0 || exercise.models.includes(m.id));
      const defaultModel = allowed.some((m) => m.id === exercise.defaultModel) ? exercise.defaultModel : (allowed[0]?.id ?? models.defaultModelId);
      return { models: allowed.map(({ id, label, simulated, unsupportedParams }) => ({ id, label, simulated, unsupportedParams: unsupportedParams ?? [] })), defaultModel };
    },
  );
}
