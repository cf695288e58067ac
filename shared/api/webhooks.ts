import Type, { type Static } from 'typebox';

// Outbound webhooks: endpoints the admin registers, and what was sent to them. A delivery's
// body carries ids and links only (docs/api.md, "Webhooks"); each attempt is listed with its
// outcome so the admin can see why a receiver did not get it, and send it again.

export const WEBHOOK_EVENTS = ['session.scheduled', 'session.started', 'session.ended', 'session.reviewed', 'session.erased'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

export const WebhookEventType = Type.Union([
  Type.Literal('session.scheduled'),
  Type.Literal('session.started'),
  Type.Literal('session.ended'),
  Type.Literal('session.reviewed'),
  Type.Literal('session.erased'),
]);
// The schema and the plain list (which the client imports) name the same events.
const _sameEvents: [Static<typeof WebhookEventType>, WebhookEventType] extends [WebhookEventType, Static<typeof WebhookEventType>]
  ? true
  : never = true;
void _sameEvents;

export const WebhookCreate = Type.Object(
  {
    url: Type.String({
      minLength: 1,
      maxLength: 2000,
      description: 'http(s); not this server; private addresses only if ATELIER_OUTBOUND_ALLOW_PRIVATE=1',
    }),
    secret: Type.String({ minLength: 16, maxLength: 200, description: 'Signs every delivery (Atelier-Signature); never shown again' }),
    events: Type.Array(WebhookEventType, { minItems: 1, maxItems: WEBHOOK_EVENTS.length, uniqueItems: true }),
  },
  { additionalProperties: false },
);
export type WebhookCreate = Static<typeof WebhookCreate>;

export const Webhook = Type.Object({
  id: Type.String(),
  url: Type.String(),
  events: Type.Array(WebhookEventType),
  createdAt: Type.Number(),
  /** Deliveries not yet delivered nor given up on. */
  pending: Type.Integer(),
  /** Deliveries given up on after their retries. */
  failed: Type.Integer(),
});
export type Webhook = Static<typeof Webhook>;

export const WebhookList = Type.Object({ webhooks: Type.Array(Webhook) });
export type WebhookList = Static<typeof WebhookList>;

export const WebhookDeleted = Type.Object({ deleted: Type.String() });
export type WebhookDeleted = Static<typeof WebhookDeleted>;

export const WebhookParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
export const DeliveryParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 64 }),
  deliveryId: Type.String({ minLength: 1, maxLength: 64 }),
});

export const AttemptOutcome = Type.Union([
  Type.Literal('sending'),
  Type.Literal('delivered'),
  Type.Literal('http_error'),
  Type.Literal('timeout'),
  Type.Literal('network_error'),
  Type.Literal('refused'),
  Type.Literal('interrupted'),
]);
export type AttemptOutcome = Static<typeof AttemptOutcome>;

export const DeliveryAttempt = Type.Object({
  id: Type.String({ description: 'Sent as Atelier-Attempt; never sent twice' }),
  startedAt: Type.Number(),
  finishedAt: Type.Union([Type.Number(), Type.Null()]),
  outcome: AttemptOutcome,
  statusCode: Type.Union([Type.Integer(), Type.Null()]),
  error: Type.Union([Type.String(), Type.Null()]),
});
export type DeliveryAttempt = Static<typeof DeliveryAttempt>;

export const DeliveryStatus = Type.Union([Type.Literal('pending'), Type.Literal('delivered'), Type.Literal('failed')]);
export type DeliveryStatus = Static<typeof DeliveryStatus>;

export const Delivery = Type.Object({
  id: Type.String({ description: 'Sent as Atelier-Delivery' }),
  eventId: Type.String({ description: "The body's id: receivers deduplicate on it" }),
  type: Type.String(),
  sessionId: Type.String(),
  status: DeliveryStatus,
  createdAt: Type.Number(),
  nextAttemptAt: Type.Union([Type.Number(), Type.Null()]),
  settledAt: Type.Union([Type.Number(), Type.Null()]),
  attempts: Type.Array(DeliveryAttempt),
});
export type Delivery = Static<typeof Delivery>;

export const DeliveryList = Type.Object({ deliveries: Type.Array(Delivery) });
export type DeliveryList = Static<typeof DeliveryList>;

/** The JSON body of every webhook delivery. */
export const WebhookPayload = Type.Object({
  id: Type.String(),
  type: WebhookEventType,
  createdAt: Type.Number(),
  data: Type.Object({
    session: Type.Object({
      id: Type.String(),
      exerciseId: Type.Optional(Type.String()),
      exerciseVersion: Type.Optional(Type.Integer()),
      /** The session's page in the admin area (needs the admin's sign-in). */
      url: Type.Optional(Type.String()),
    }),
    /** session.ended only. */
    reason: Type.Optional(Type.String()),
  }),
});
export type WebhookPayload = Static<typeof WebhookPayload>;
