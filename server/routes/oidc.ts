import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { OidcCallbackQuery, Redirect, SignInOptions } from '../../shared/api/accounts';
import { AtelierError } from '../../shared/errors';
import { ACCOUNT_COOKIE, ACCOUNT_SIGN_IN_SECONDS, cookieOptions } from '../auth/access';
import { OIDC_LOGIN_SECONDS, OIDC_STATE_COOKIE, OidcSignIn } from '../auth/oidc';
import { LocalPendingLogins, RedisPendingLogins } from '../auth/pending-logins';
import { errors } from './error-responses';
import { SYSTEM_ACTION } from '../db/audit-store';

// Single sign-on (when ATELIER_OIDC_ISSUER is set): /api/auth/oidc/login sends the browser to
// the identity provider, which sends it back to /api/auth/oidc/callback (PUBLIC_URL + that path
// is the redirect URI to register). A good callback signs the account in and lands on /me.

const STATE_PATH = '/api/auth/oidc';
export const OIDC_CALLBACK_PATH = '/api/auth/oidc/callback';

export async function oidcRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { config, access, directory, audit, clock } = app.services;
  // Pending logins in Redis when it is configured: the callback may land on another node.
  const pending = app.redis ? new RedisPendingLogins(clock, app.redis) : new LocalPendingLogins(clock);
  const oidc = config.oidc ? new OidcSignIn(config.oidc, () => `${config.publicUrl}${OIDC_CALLBACK_PATH}`, clock, pending) : null;
  const required = () => {
    if (!oidc) throw new AtelierError('not_found', 'Single sign-on is not configured here (ATELIER_OIDC_ISSUER).');
    return oidc;
  };

  app.get(
    '/api/auth/options',
    {
      schema: {
        tags: ['auth'],
        summary: 'How staff can sign in here: password, and single sign-on when configured',
        response: { 200: SignInOptions },
      },
    },
    async () => ({ password: true, oidcLogin: oidc ? '/api/auth/oidc/login' : null }),
  );

  app.get(
    '/api/auth/oidc/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Start single sign-on: a redirect (302) to the identity provider',
        response: { 302: Redirect, ...errors(404) },
      },
    },
    async (request, reply) => {
      const { url, state } = await required().start();
      // Lax, not Strict: the provider's redirect back is a cross-site navigation that must carry it.
      reply.setCookie(OIDC_STATE_COOKIE, state, { ...cookieOptions(request, STATE_PATH, OIDC_LOGIN_SECONDS), sameSite: 'lax' });
      return reply.redirect(url, 302);
    },
  );

  app.get(
    OIDC_CALLBACK_PATH,
    {
      schema: {
        tags: ['auth'],
        summary: "The identity provider's redirect back: signs the account in (HttpOnly cookie) and redirects (302) to /me",
        querystring: OidcCallbackQuery,
        response: { 302: Redirect, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const sso = required();
      const raw = request.cookies[OIDC_STATE_COOKIE];
      const unsigned = raw ? request.unsignCookie(raw) : undefined;
      reply.clearCookie(OIDC_STATE_COOKIE, { path: STATE_PATH });
      const identity = await sso.finish(
        unsigned?.valid ? (unsigned.value ?? undefined) : undefined,
        new URL(request.url, config.publicUrl),
      );
      const { account, created } = await directory.signInWithOidc(identity);
      if (created) {
        audit.record({
          actor: SYSTEM_ACTION,
          action: 'account.create',
          target: { type: 'account', id: account.id },
          details: { roles: account.roles, sso: true },
        });
      }
      reply.setCookie(ACCOUNT_COOKIE, access.openAccountSession(account.id, 'oidc'), cookieOptions(request, '/', ACCOUNT_SIGN_IN_SECONDS));
      return reply.redirect('/me', 302);
    },
  );
}
