import { createWebhook, deleteWebhook, listDeliveries, listWebhooks, resendDelivery } from '../api/admin-endpoints';
import type { Delivery, Webhook, WebhookEventType } from '$shared/api/webhooks';
import { AdminPageState } from './page-state.svelte';

// The webhooks part of the integrations page: the endpoints, the form that registers one (its
// typed text kept when the server refuses it), and the deliveries of the endpoint opened.

/** Every event an endpoint can choose, in lifecycle order (shared/api/webhooks.ts names them). */
export const WEBHOOK_EVENT_CHOICES = [
  'session.scheduled',
  'session.started',
  'session.ended',
  'session.reviewed',
  'session.erased',
] as const satisfies readonly WebhookEventType[];
// A sixth event in shared/api would fail this line until it is offered here.
const _everyEvent: WebhookEventType extends (typeof WEBHOOK_EVENT_CHOICES)[number] ? true : never = true;
void _everyEvent;

export class WebhooksPanel extends AdminPageState {
  webhooks: Webhook[] = $state.raw([]);
  url = $state('');
  secret = $state('');
  events: WebhookEventType[] = $state([...WEBHOOK_EVENT_CHOICES]);
  /** The endpoint whose deliveries are shown. */
  openId: string | null = $state(null);
  deliveries: Delivery[] = $state.raw([]);

  canRegister = $derived(this.url.trim() !== '' && this.secret.length >= 16 && this.events.length > 0);

  load(): Promise<boolean> {
    return this.run(async () => {
      this.webhooks = await listWebhooks();
    });
  }

  register(): Promise<boolean> {
    return this.run(async () => {
      await createWebhook({ url: this.url.trim(), secret: this.secret, events: [...this.events] });
      // Only once it is registered: a refused URL stays in the field to be corrected.
      this.url = '';
      this.secret = '';
      this.webhooks = await listWebhooks();
    });
  }

  remove(id: string): Promise<boolean> {
    return this.run(async () => {
      await deleteWebhook(id);
      if (this.openId === id) this.openId = null;
      this.webhooks = await listWebhooks();
    });
  }

  toggleEvent(event: WebhookEventType, on: boolean): void {
    this.events = on ? WEBHOOK_EVENT_CHOICES.filter((e) => e === event || this.events.includes(e)) : this.events.filter((e) => e !== event);
  }

  open(id: string | null): Promise<boolean> {
    this.openId = id;
    this.deliveries = [];
    return id === null ? Promise.resolve(true) : this.refreshDeliveries();
  }

  refreshDeliveries(): Promise<boolean> {
    const id = this.openId;
    if (id === null) return Promise.resolve(true);
    return this.run(async () => {
      this.deliveries = await listDeliveries(id);
      this.webhooks = await listWebhooks();
    });
  }

  resend(deliveryId: string): Promise<boolean> {
    const id = this.openId;
    if (id === null) return Promise.resolve(false);
    return this.run(async () => {
      const sent = await resendDelivery(id, deliveryId);
      this.deliveries = this.deliveries.map((d) => (d.id === sent.id ? sent : d));
    });
  }
}
