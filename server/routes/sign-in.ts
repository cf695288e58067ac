import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { FirstAdminBody, Me, PasswordSignIn, SetupStatus } from '../../shared/api/accounts';
import { AtelierError } from '../../shared/errors';
import { accountView } from '../accounts/account-directory';
import { ACCOUNT_COOKIE, ACCOUNT_SIGN_IN_SECONDS, cookieOptions } from '../auth/access';
import { AccountLockout } from '../auth/account-lockout';
import { SharedAccountLockout } from '../auth/shared-account-lockout';
import { decoyHash, verifyPassword } from '../auth/passwords';
import { errors } from './error-responses';

// Staff sign-in with a password (the embedded default, for installs without an identity
// provider), the first admin account, and who is signed in. A wrong email, a wrong password
// and a deactivated account get the same 401, after the same work, and count against the
// address (the sign-in guard) and the email (the lockout).

export async function signInRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { access, accounts, directory, audit, clock } = app.services;
  // Counted by every node together with REDIS_URL, else by this one.
  const lockout = app.redis ? new SharedAccountLockout(clock, app.redis) : new AccountLockout(clock);

  app.post(
    '/api/auth/password',
    {
      schema: {
        tags: ['auth'],
        summary: "Sign in with an account's email and password: sets the HttpOnly account cookie",
        body: PasswordSignIn,
        response: { 200: Me, ...errors(400, 401, 429) },
      },
    },
    async (request, reply) => {
      const { email, password } = request.body;
      await lockout.check(email);
      const account = accounts.byEmail(email.trim());
      const matches = await verifyPassword(password, account?.passwordHash ?? (await decoyHash()));
      if (!account || !account.active || !account.passwordHash || !matches) {
        await lockout.recordFailure(email);
        throw new AtelierError('unauthorized', 'Wrong email or password, or the account is deactivated.');
      }
      const id = access.openAccountSession(account.id, 'password');
      reply.setCookie(ACCOUNT_COOKIE, id, cookieOptions(request, '/', ACCOUNT_SIGN_IN_SECONDS));
      return {
        account: accountView(account),
        signIn: { method: 'password' as const, expiresAt: clock.now() + ACCOUNT_SIGN_IN_SECONDS * 1000 },
      };
    },
  );

  app.get(
    '/api/auth/setup',
    { schema: { tags: ['auth'], summary: 'Whether the first admin account still has to be created', response: { 200: SetupStatus } } },
    async () => ({ needed: !directory.hasAdmin() }),
  );

  app.post(
    '/api/auth/setup',
    {
      schema: {
        tags: ['auth'],
        summary: "The first start's one-time admin link: creates the first admin account and its password, and signs it in",
        body: FirstAdminBody,
        response: { 201: Me, ...errors(400, 401, 409) },
      },
    },
    async (request, reply) => {
      const { token, ...input } = request.body;
      if (!access.isAdminToken(token)) throw new AtelierError('unauthorized', 'That is not the admin token.');
      const account = await directory.createFirstAdmin(input);
      audit.record({
        actor: { kind: 'admin_token' },
        action: 'account.create',
        target: { type: 'account', id: account.id },
        details: { roles: account.roles, password: true, firstAdmin: true },
      });
      const id = access.openAccountSession(account.id, 'setup');
      reply.setCookie(ACCOUNT_COOKIE, id, cookieOptions(request, '/', ACCOUNT_SIGN_IN_SECONDS));
      return reply.status(201).send({
        account: accountView(account),
        signIn: { method: 'setup' as const, expiresAt: clock.now() + ACCOUNT_SIGN_IN_SECONDS * 1000 },
      });
    },
  );
}
