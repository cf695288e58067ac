import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Account, AccountList, AccountParams, CreateAccountBody, UpdateAccountBody } from '../../shared/api/accounts';
import { accountView } from '../accounts/account-directory';
import { namedFieldErrors } from './field-errors';
import { errors } from './error-responses';

// Staff accounts (admin only): the caller is checked before the request is validated.

export async function accountRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.setSchemaErrorFormatter(namedFieldErrors);
  app.addHook('onRequest', async (request) => void app.services.access.requireAdmin(request));
  const { directory, audit, access } = app.services;
  const security = [{ bearer: [] }];

  app.get(
    '/api/accounts',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Every staff account, deactivated ones included',
        security,
        response: { 200: AccountList, ...errors(401, 403) },
      },
    },
    async () => ({ accounts: directory.list().map(accountView) }),
  );

  app.post(
    '/api/accounts',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Create a staff account (with a password for password sign-in, or without for SSO)',
        security,
        body: CreateAccountBody,
        response: { 201: Account, ...errors(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const account = await directory.create(request.body);
      audit.record({
        actor: access.requireAdmin(request),
        action: 'account.create',
        target: { type: 'account', id: account.id },
        details: { roles: account.roles, password: account.passwordHash !== null },
      });
      return reply.status(201).send(accountView(account));
    },
  );

  app.patch(
    '/api/accounts/:id',
    {
      schema: {
        tags: ['accounts'],
        summary:
          'Rename, grant or withdraw roles, set a password, deactivate (signs out everywhere and closes sockets at once) or reactivate',
        security,
        params: AccountParams,
        body: UpdateAccountBody,
        response: { 200: Account, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { account, changed, tokensRevoked } = await directory.update(request.params.id, request.body);
      const action =
        request.body.active === false ? 'account.deactivate' : request.body.active === true ? 'account.reactivate' : 'account.update';
      audit.record({
        actor: access.requireAdmin(request),
        action,
        target: { type: 'account', id: account.id },
        details: { changed, roles: account.roles, ...(tokensRevoked > 0 ? { tokensRevoked } : {}) },
      });
      return accountView(account);
    },
  );
}
