import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { PrivacySettings, SettingsPatch } from '../../shared/api/settings';
import { namedFieldErrors } from './field-errors';
import { errors } from './error-responses';

// The organisation's settings (admin only): retention and the consent text.

export async function settingsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.setSchemaErrorFormatter(namedFieldErrors);
  // Admin only: the caller is checked before the request is validated, so 401/403 come first.
  app.addHook('onRequest', async (request) => app.services.access.requireAdmin(request));
  const { privacy, retention, audit, access } = app.services;
  const security = [{ bearer: [] }];

  app.get(
    '/api/settings',
    {
      schema: {
        tags: ['settings'],
        summary: 'Retention and consent text',
        security,
        response: { 200: PrivacySettings, ...errors(401, 403) },
      },
    },
    async (request) => {
      return privacy.get();
    },
  );

  app.put(
    '/api/settings',
    {
      schema: {
        tags: ['settings'],
        summary: 'Change settings; fields left out keep their value. A shorter retention applies at once.',
        security,
        body: SettingsPatch,
        response: { 200: PrivacySettings, ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      const { settings, changed } = privacy.update(request.body);
      if (changed.length > 0) {
        audit.record({
          actor: access.requireAdmin(request),
          action: 'settings.update',
          details: { changed, retentionDays: settings.retentionDays },
        });
        if (changed.includes('retentionDays')) await retention.run();
      }
      return settings;
    },
  );
}
