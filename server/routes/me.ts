import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Me } from '../../shared/api/accounts';
import { MySessions } from '../../shared/api/me';
import { accountView } from '../accounts/account-directory';
import { mySessions } from '../accounts/my-sessions';
import { errors } from './error-responses';

// The signed-in account and its interviews: a browser's sign-in, or one of the account's API tokens.

export async function meRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { access, invites, sessions, clock } = app.services;

  app.get(
    '/api/me',
    {
      schema: {
        tags: ['me'],
        summary: 'The signed-in account, and how this browser signed in (`token` for an API token)',
        security: [{ bearer: [] }],
        response: { 200: Me, ...errors(401) },
      },
    },
    async (request) => {
      const caller = access.requireAccount(request);
      if (caller.via === 'api_token')
        return { account: accountView(caller.account), signIn: { method: 'token' as const, expiresAt: null } };
      const { method: opened, expiresAt } = caller.signIn;
      const method: Me['signIn']['method'] = opened === 'oidc' ? 'oidc' : opened === 'setup' ? 'setup' : 'password';
      return { account: accountView(caller.account), signIn: { method, expiresAt } };
    },
  );

  app.get(
    '/api/me/sessions',
    {
      schema: {
        tags: ['me'],
        summary: 'My interviews: the sessions this account is scheduled into (an admin account: all), upcoming, live, to review, reviewed',
        security: [{ bearer: [] }],
        response: { 200: MySessions, ...errors(401) },
      },
    },
    async (request) => ({ sessions: mySessions(access.requireAccount(request).account, { invites, sessions, now: clock.now() }) }),
  );
}
