import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  GreenhouseErrorList,
  GreenhouseInterviewList,
  GreenhouseKeyCreate,
  GreenhouseKeyList,
  GreenhouseKeyParams,
  GreenhouseSettings,
  GreenhouseSettingsPatch,
  IssuedGreenhouseKey,
} from '../../shared/api/greenhouse';
import { errors } from './error-responses';
import { namedFieldErrors } from './field-errors';

// The admin's side of the Greenhouse integration: API keys (shown once), settings, and what
// Greenhouse sent and reported.

export async function greenhouseAdminRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.setSchemaErrorFormatter(namedFieldErrors);
  app.addHook('onRequest', async (request) => app.services.access.requireAdmin(request));
  const { greenhouse, audit, access } = app.services;
  const security = [{ bearer: [] }];
  const tags = ['greenhouse'];

  app.get(
    '/api/integrations/greenhouse/keys',
    {
      schema: {
        tags,
        summary: 'The API keys issued to Greenhouse (never the keys themselves)',
        security,
        response: { 200: GreenhouseKeyList, ...errors(401, 403) },
      },
    },
    async () => ({
      keys: greenhouse.keys(),
    }),
  );

  app.post(
    '/api/integrations/greenhouse/keys',
    {
      schema: {
        tags,
        summary: 'Issue an API key for Greenhouse; the key is shown this once',
        security,
        body: GreenhouseKeyCreate,
        response: { 201: IssuedGreenhouseKey, ...errors(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const issued = greenhouse.issueKey(request.body.name);
      audit.record({
        actor: access.requireAdmin(request),
        action: 'greenhouse.key.create',
        target: { type: 'greenhouse_key', id: issued.key.id },
      });
      return reply.status(201).send(issued);
    },
  );

  app.delete(
    '/api/integrations/greenhouse/keys/:id',
    {
      schema: {
        tags,
        summary: 'Revoke a key: Greenhouse calls made with it get 401',
        security,
        params: GreenhouseKeyParams,
        response: { 200: GreenhouseKeyList, ...errors(401, 403, 404) },
      },
    },
    async (request) => {
      greenhouse.revokeKey(request.params.id);
      audit.record({
        actor: access.requireAdmin(request),
        action: 'greenhouse.key.revoke',
        target: { type: 'greenhouse_key', id: request.params.id },
      });
      return { keys: greenhouse.keys() };
    },
  );

  app.get(
    '/api/integrations/greenhouse/settings',
    {
      schema: {
        tags,
        summary: 'Score sharing, invite emails, the completion PATCH credentials',
        security,
        response: { 200: GreenhouseSettings, ...errors(401, 403) },
      },
    },
    async () => greenhouse.settings(),
  );

  app.put(
    '/api/integrations/greenhouse/settings',
    {
      schema: {
        tags,
        summary: 'Change the Greenhouse settings; fields left out keep their value',
        security,
        body: GreenhouseSettingsPatch,
        response: { 200: GreenhouseSettings, ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      const settings = greenhouse.updateSettings(request.body);
      audit.record({ actor: access.requireAdmin(request), action: 'greenhouse.settings', details: { changed: Object.keys(request.body) } });
      return settings;
    },
  );

  app.get(
    '/api/integrations/greenhouse/interviews',
    {
      schema: {
        tags,
        summary: 'Tests Greenhouse sent, newest first, with their completion PATCH',
        security,
        response: { 200: GreenhouseInterviewList, ...errors(401, 403) },
      },
    },
    async () => ({ interviews: greenhouse.interviews() }),
  );

  app.get(
    '/api/integrations/greenhouse/errors',
    {
      schema: {
        tags,
        summary: 'Errors Greenhouse reported (response_error), newest first',
        security,
        response: { 200: GreenhouseErrorList, ...errors(401, 403) },
      },
    },
    async () => ({ errors: greenhouse.errors() }),
  );
}
