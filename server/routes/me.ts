import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Me } from '../../shared/api/accounts';
import { MySessions } from '../../shared/api/me';
import { AtelierError } from '../../shared/errors';
import { accountView } from '../accounts/account-directory';
import { mySessions } from '../accounts/my-sessions';
import { errors } from './error-responses';

// The signed-in account and its interviews.

export async function meRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { access, invites, sessions, clock } = app.services;
  const signedIn = (request: Parameters<typeof access.accountSignIn>[0]) => {
    const found = access.accountSignIn(request);
    if (!found) throw new AtelierError('unauthorized', 'Sign in with your account.');
    return found;
  };

  app.get(
    '/api/me',
    { schema: { tags: ['me'], summary: 'The signed-in account, and how this browser signed in', response: { 200: Me, ...errors(401) } } },
    async (request) => {
      const { account, signIn } = signedIn(request);
      const method: Me['signIn']['method'] = signIn.method === 'oidc' ? 'oidc' : signIn.method === 'setup' ? 'setup' : 'password';
      return { account: accountView(account), signIn: { method, expiresAt: signIn.expiresAt } };
    },
  );

  app.get(
    '/api/me/sessions',
    {
      schema: {
        tags: ['me'],
        summary: 'My interviews: the sessions this account is scheduled into (an admin account: all), upcoming, live, to review, reviewed',
        response: { 200: MySessions, ...errors(401) },
      },
    },
    async (request) => ({ sessions: mySessions(signedIn(request).account, { invites, sessions, now: clock.now() }) }),
  );
}
