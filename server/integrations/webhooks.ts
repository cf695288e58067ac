import type { Delivery, Webhook, WebhookCreate, WebhookEventType } from '../../shared/api/webhooks';
import { AtelierError } from '../../shared/errors';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import type { DeliveryKind, DeliveryRow, OutboxStore } from '../db/outbox-store';
import type { WebhookRow, WebhookStore } from '../db/webhook-store';
import { newId } from '../ids';
import { checkOutboundUrl, type AddressPolicy, type SelfAddress } from './address-policy';
import type { Dispatcher, Target } from './dispatcher';
import { signatureHeader } from './signature';

// The admin's webhook endpoints: registration (URL checked), the deliveries made to each, and
// re-sending one.

/** How many deliveries GET …/deliveries lists, newest first. */
export const DELIVERY_PAGE = 200;

export interface WebhookServiceDeps {
  database: Database;
  webhooks: WebhookStore;
  outbox: OutboxStore;
  dispatcher: Dispatcher;
  clock: Clock;
  policy: AddressPolicy;
  self: SelfAddress;
}

export class WebhookService {
  constructor(private readonly deps: WebhookServiceDeps) {}

  async register(input: WebhookCreate): Promise<Webhook> {
    const url = await checkOutboundUrl(input.url, this.deps.policy, this.deps.self);
    const row: WebhookRow = {
      id: newId(),
      url: url.href,
      secret: input.secret,
      events: [...input.events],
      createdAt: this.deps.clock.now(),
    };
    this.deps.webhooks.create(row);
    return this.info(row, { pending: 0, failed: 0 });
  }

  list(): Webhook[] {
    const counts = this.deps.outbox.counts('webhook');
    return this.deps.webhooks.list().map((row) => this.info(row, counts.get(row.id) ?? { pending: 0, failed: 0 }));
  }

  /** Deletes the endpoint and its deliveries (pending ones are not sent). */
  delete(id: string): void {
    const deleted = this.deps.database.transaction((tx) => {
      this.deps.outbox.deleteForEndpoint('webhook', id, tx);
      return this.deps.webhooks.delete(id, tx);
    });
    if (!deleted) throw new AtelierError('not_found', 'No such webhook.');
  }

  deliveries(id: string): Delivery[] {
    if (!this.deps.webhooks.get(id)) throw new AtelierError('not_found', 'No such webhook.');
    return deliveriesOf(this.deps.outbox, 'webhook', id);
  }

  /** Sends a delivery again now, under a new attempt id, whatever became of it. */
  resend(id: string, deliveryId: string): Delivery {
    const delivery = this.deps.outbox.get(deliveryId);
    if (!delivery || delivery.kind !== 'webhook' || delivery.endpointId !== id) throw new AtelierError('not_found', 'No such delivery.');
    if (this.deps.dispatcher.isSending(deliveryId)) throw new AtelierError('conflict', 'This delivery is being sent right now.');
    this.deps.outbox.resend(deliveryId, this.deps.clock.now());
    this.deps.dispatcher.wake();
    return deliveriesIn(this.deps.outbox, [this.deps.outbox.get(deliveryId)!])[0]!;
  }

  private info(row: WebhookRow, counts: { pending: number; failed: number }): Webhook {
    return { id: row.id, url: row.url, events: row.events as WebhookEventType[], createdAt: row.createdAt, ...counts };
  }
}

export function deliveriesOf(outbox: OutboxStore, kind: DeliveryKind, endpointId: string): Delivery[] {
  return deliveriesIn(outbox, outbox.forEndpoint(kind, endpointId, DELIVERY_PAGE));
}

function deliveriesIn(outbox: OutboxStore, rows: readonly DeliveryRow[]): Delivery[] {
  const attempts = outbox.attemptsOf(rows.map((r) => r.id));
  return rows.map((row) => ({
    id: row.id,
    eventId: row.eventId,
    type: row.eventType,
    sessionId: row.sessionId,
    status: row.status,
    createdAt: row.createdAt,
    nextAttemptAt: row.status === 'pending' ? row.nextAttemptAt : null,
    settledAt: row.settledAt,
    attempts: attempts
      .filter((a) => a.deliveryId === row.id)
      .map(({ id, startedAt, finishedAt, outcome, statusCode, error }) => ({ id, startedAt, finishedAt, outcome, statusCode, error })),
  }));
}

/** A webhook delivery on the wire: the stored body as it is, signed at the attempt's time. */
export function webhookTarget(webhooks: WebhookStore): Target {
  return (delivery, attemptId, now) => {
    const hook = webhooks.get(delivery.endpointId);
    if (!hook) return { gone: 'The webhook was deleted.' };
    return {
      url: hook.url,
      method: 'POST',
      body: delivery.body,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Atelier-Webhooks/1',
        'atelier-signature': signatureHeader(hook.secret, delivery.body, Math.floor(now / 1000)),
        'atelier-event': delivery.eventType,
        'atelier-delivery': delivery.id,
        'atelier-attempt': attemptId,
      },
    };
  };
}
