import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { InviteInfo, InviteList, InviteParams, IssuedInvite, IssueInviteBody, ResentInvite } from '../../shared/api/invites';
import { SessionParams } from '../../shared/api/sessions';
import { AtelierError } from '../../shared/errors';
import type { FieldProblem } from '../../shared/problems';
import { CLOSE_CODES } from '../../shared/protocol';
import { inviteInfo, issueInvite } from '../sessions/invites';
import { resendInvite } from '../sessions/resend-invite';
import { namedFieldErrors } from './field-errors';
import { errors } from './error-responses';

// Invites of a session (admin only). A revoked invite stops working at once: its cookie and
// bearer token are refused and its open sockets close with 4001.

export async function inviteRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.setSchemaErrorFormatter(namedFieldErrors);
  // Admin only: the caller is checked before the request is validated, so 401/403 come first.
  app.addHook('onRequest', async (request) => app.services.access.requireAdmin(request));
  const { sessions, invites, rooms, clock, config, audit, access } = app.services;
  const security = [{ bearer: [] }];
  const requireSession = (id: string) => {
    if (!sessions.get(id)) throw new AtelierError('not_found', 'No such session.');
  };

  app.get(
    '/api/sessions/:id/invites',
    {
      schema: {
        tags: ['invites'],
        summary: "A session's invites, without their tokens",
        security,
        params: SessionParams,
        response: { 200: InviteList, ...errors(401, 403, 404) },
      },
    },
    async (request) => {
      requireSession(request.params.id);
      const now = clock.now();
      return { invites: invites.forSession(request.params.id).map((row) => inviteInfo(row, now)) };
    },
  );

  app.post(
    '/api/sessions/:id/invites',
    {
      schema: {
        tags: ['invites'],
        summary: 'A new invite for one person and role; the token is returned once',
        security,
        params: SessionParams,
        body: IssueInviteBody,
        response: { 201: IssuedInvite, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      requireSession(request.params.id);
      const { role, name, ttlHours, expiresAt: absolute } = request.body;
      const now = clock.now();
      if (ttlHours !== undefined && absolute !== undefined) {
        const message = 'give body/ttlHours or body/expiresAt, not both';
        throw new AtelierError('invalid_payload', `Invalid request: ${message}.`, [
          { path: '/expiresAt', rule: 'one_of', params: { other: 'ttlHours' }, message },
        ] satisfies FieldProblem[]);
      }
      if (absolute !== undefined && absolute <= now) {
        throw new AtelierError('invalid_payload', 'Invalid request: body/expiresAt must be in the future.', [
          { path: '/expiresAt', rule: 'in_past', message: 'must be in the future' },
        ] satisfies FieldProblem[]);
      }
      const expiresAt = absolute ?? now + (ttlHours !== undefined ? ttlHours * 3_600_000 : config.inviteTtlDays * 86_400_000);
      const issued = issueInvite(invites, config.publicUrl, {
        sessionId: request.params.id,
        role,
        name: name?.trim() || null,
        now,
        expiresAt,
      });
      audit.record({
        actor: access.requireAdmin(request),
        action: 'invite.create',
        target: { type: 'invite', id: issued.inviteId },
        details: { sessionId: request.params.id, role, expiresAt },
      });
      return reply.status(201).send(issued);
    },
  );

  app.post(
    '/api/invites/:inviteId/revoke',
    {
      schema: {
        tags: ['invites'],
        summary: 'Revoke an invite: its link, cookie and token stop working and its sockets close (4001). Idempotent.',
        security,
        params: InviteParams,
        response: { 200: InviteInfo, ...errors(401, 403, 404) },
      },
    },
    async (request) => {
      const invite = invites.byId(request.params.inviteId);
      if (!invite) throw new AtelierError('not_found', 'No such invite.');
      if (invite.revokedAt === null) {
        invites.revoke(invite.id, clock.now());
        audit.record({
          actor: access.requireAdmin(request),
          action: 'invite.revoke',
          target: { type: 'invite', id: invite.id },
          details: { sessionId: invite.sessionId, role: invite.role },
        });
      }
      rooms.closeInvite(invite.sessionId, invite.id, CLOSE_CODES.unauthorized);
      return inviteInfo(invites.byId(invite.id)!, clock.now());
    },
  );

  app.post(
    '/api/invites/:inviteId/resend',
    {
      schema: {
        tags: ['invites'],
        summary:
          'Re-send an invite: a new link for the same person and role (emailed to the candidate when email is configured); the old link is revoked and its sockets close (4001). The token is returned once',
        security,
        params: InviteParams,
        response: { 200: ResentInvite, ...errors(401, 403, 404, 409) },
      },
    },
    async (request) => resendInvite(app.services, request.params.inviteId, access.requireAdmin(request)),
  );
}
