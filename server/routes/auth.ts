import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AdminStatus, InviteSignIn, NoContent, TokenBody } from '../../shared/api/auth';
import { AtelierError } from '../../shared/errors';
import { ACCOUNT_COOKIE, ADMIN_COOKIE, ADMIN_SIGN_IN_SECONDS, cookieOptions, inviteCookieName, sessionCookiePath } from '../auth/access';
import { errors } from './error-responses';

// Exchanging a link's token for a cookie. The token arrives in a POST body (it was in the
// link's fragment), so it never appears in a URL, a proxy log or the browser's history.

export async function authRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { access, clock } = app.services;

  app.post(
    '/api/auth/admin',
    {
      schema: {
        tags: ['auth'],
        summary: 'Exchange the admin token for the admin cookie',
        body: TokenBody,
        response: { 204: NoContent, ...errors(400, 401) },
      },
    },
    async (request, reply) => {
      if (!access.isAdminToken(request.body.token)) throw new AtelierError('unauthorized', 'That is not the admin token.');
      reply.setCookie(ADMIN_COOKIE, access.openAdminSession(), cookieOptions(request, '/', ADMIN_SIGN_IN_SECONDS));
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/auth/invite',
    {
      schema: {
        tags: ['auth'],
        summary: "Exchange an invite link's token for a session cookie",
        body: TokenBody,
        response: {
          200: InviteSignIn,
          ...errors(400, 401),
        },
      },
    },
    async (request, reply) => {
      const invite = access.inviteForToken(request.body.token);
      if (!invite) throw new AtelierError('unauthorized', 'This link is invalid, expired or revoked. Ask for a new one.');
      const maxAge = Math.max(1, Math.floor((invite.expiresAt - clock.now()) / 1000));
      reply.setCookie(inviteCookieName(invite.role), invite.id, cookieOptions(request, sessionCookiePath(invite.sessionId), maxAge));
      // The join page shows the planned start, counted down by the server's clock.
      const plannedStart = app.services.sessions.get(invite.sessionId)?.scheduledFor ?? null;
      return {
        sessionId: invite.sessionId,
        role: invite.role,
        participantId: invite.participantId ?? invite.id,
        plannedStart,
        now: clock.now(),
      };
    },
  );

  app.get(
    '/api/auth/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'Whether this browser is signed in as the admin (the admin cookie, or an admin account)',
        response: { 200: AdminStatus },
      },
    },
    async (request) => {
      const caller = access.caller(request);
      return { admin: caller?.kind === 'admin' || (caller?.kind === 'account' && caller.account.roles.includes('admin')) };
    },
  );

  app.post(
    '/api/auth/logout',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign out (the admin cookie and the account cookie): the server forgets the sign-in, the browser drops the cookies',
        response: { 204: NoContent },
      },
    },
    async (request, reply) => {
      access.closeSignIns(request);
      reply.clearCookie(ADMIN_COOKIE, { path: '/' });
      reply.clearCookie(ACCOUNT_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );
}
