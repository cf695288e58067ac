import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ApiTokenList, ApiTokenParams, CreateApiTokenBody, CreatedApiToken } from '../../shared/api/me';
import { NoContent } from '../../shared/api/auth';
import { AtelierError } from '../../shared/errors';
import { CLOSE_CODES } from '../../shared/protocol';
import type { AccountRow } from '../db/account-store';
import { namedFieldErrors } from './field-errors';
import { errors } from './error-responses';

// The signed-in account's personal API tokens: made (the secret is in this one answer), listed,
// revoked. Only a browser's sign-in manages them: a token cannot mint tokens that would outlive
// its own revocation. The caller is checked before the body is validated.

export async function apiTokenRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.setSchemaErrorFormatter(namedFieldErrors);
  const { access, apiTokens, audit, database, rooms } = app.services;
  const signedIn = (request: FastifyRequest): AccountRow => {
    const caller = access.requireAccount(request);
    if (caller.via === 'api_token')
      throw new AtelierError('forbidden', 'API tokens are managed from a signed-in browser, not with a token.');
    return caller.account;
  };
  const actor = (account: AccountRow) => ({ kind: 'account' as const, accountId: account.id, name: account.name, via: 'sign_in' as const });
  app.addHook('onRequest', async (request) => void signedIn(request));

  app.get(
    '/api/me/tokens',
    {
      schema: {
        tags: ['me'],
        summary: "The signed-in account's API tokens that are not revoked, newest first (never the secrets)",
        response: { 200: ApiTokenList, ...errors(401, 403) },
      },
    },
    async (request) => ({ tokens: apiTokens.list(signedIn(request).id) }),
  );

  app.post(
    '/api/me/tokens',
    {
      schema: {
        tags: ['me'],
        summary: 'Make an API token for the signed-in account; the answer holds its secret, shown this once',
        body: CreateApiTokenBody,
        response: { 201: CreatedApiToken, ...errors(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const account = signedIn(request);
      const issued = apiTokens.issue(account.id, request.body.name);
      audit.record({ actor: actor(account), action: 'api_token.create', target: { type: 'api_token', id: issued.token.id } });
      return reply.status(201).send(issued);
    },
  );

  app.delete(
    '/api/me/tokens/:id',
    {
      schema: {
        tags: ['me'],
        summary: 'Revoke one of your API tokens: it is refused from the next request on',
        params: ApiTokenParams,
        response: { 204: NoContent, ...errors(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const account = signedIn(request);
      database.transaction((tx) => {
        apiTokens.revoke(account.id, request.params.id, tx);
        audit.record({ actor: actor(account), action: 'api_token.revoke', target: { type: 'api_token', id: request.params.id } }, tx);
      });
      // A socket the token opened closes now, as a deactivated account's do.
      rooms.disconnectEverywhere((c) => c.participant.apiTokenId === request.params.id, CLOSE_CODES.unauthorized);
      return reply.status(204).send(null);
    },
  );
}
