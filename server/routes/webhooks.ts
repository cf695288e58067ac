import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  Delivery,
  DeliveryList,
  DeliveryParams,
  Webhook,
  WebhookCreate,
  WebhookDeleted,
  WebhookList,
  WebhookParams,
} from '../../shared/api/webhooks';
import { namedFieldErrors } from './field-errors';
import { errors } from './error-responses';

// Outbound webhooks (admin only): endpoints, their deliveries with every attempt, re-sending.

export async function webhookRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.setSchemaErrorFormatter(namedFieldErrors);
  // The caller is checked before the request is validated, so 401/403 come first.
  app.addHook('onRequest', async (request) => app.services.access.requireAdmin(request));
  const { webhooks, audit, access } = app.services;
  const security = [{ bearer: [] }];
  const tags = ['webhooks'];

  app.get(
    '/api/webhooks',
    {
      schema: {
        tags,
        summary: 'Registered webhook endpoints (never their secrets)',
        security,
        response: { 200: WebhookList, ...errors(401, 403) },
      },
    },
    async () => ({
      webhooks: webhooks.list(),
    }),
  );

  app.post(
    '/api/webhooks',
    {
      schema: {
        tags,
        summary: 'Register an endpoint: Atelier POSTs the chosen events to it, signed with the secret',
        security,
        body: WebhookCreate,
        response: { 201: Webhook, ...errors(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const webhook = await webhooks.register(request.body);
      audit.record({
        actor: access.requireAdmin(request),
        action: 'webhook.create',
        target: { type: 'webhook', id: webhook.id },
        details: { events: webhook.events },
      });
      return reply.status(201).send(webhook);
    },
  );

  app.delete(
    '/api/webhooks/:id',
    {
      schema: {
        tags,
        summary: 'Delete an endpoint; its pending deliveries are not sent',
        security,
        params: WebhookParams,
        response: { 200: WebhookDeleted, ...errors(401, 403, 404) },
      },
    },
    async (request) => {
      webhooks.delete(request.params.id);
      audit.record({ actor: access.requireAdmin(request), action: 'webhook.delete', target: { type: 'webhook', id: request.params.id } });
      return { deleted: request.params.id };
    },
  );

  app.get(
    '/api/webhooks/:id/deliveries',
    {
      schema: {
        tags,
        summary: 'The latest 200 deliveries to an endpoint, newest first, with every attempt',
        security,
        params: WebhookParams,
        response: { 200: DeliveryList, ...errors(401, 403, 404) },
      },
    },
    async (request) => ({ deliveries: webhooks.deliveries(request.params.id) }),
  );

  app.post(
    '/api/webhooks/:id/deliveries/:deliveryId/resend',
    {
      schema: {
        tags,
        summary: 'Send a delivery again now, as a new attempt (same body and event id)',
        security,
        params: DeliveryParams,
        response: { 200: Delivery, ...errors(401, 403, 404, 409) },
      },
    },
    async (request) => {
      const delivery = webhooks.resend(request.params.id, request.params.deliveryId);
      audit.record({
        actor: access.requireAdmin(request),
        action: 'webhook.resend',
        target: { type: 'webhook', id: request.params.id },
        details: { delivery: delivery.id },
      });
      return delivery;
    },
  );
}
