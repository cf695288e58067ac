import type { WebhookEventType, WebhookPayload } from '../../shared/api/webhooks';
import type { Clock } from '../clock';
import type { Transaction } from '../db/database';
import type { NewDelivery, OutboxStore } from '../db/outbox-store';
import type { WebhookStore } from '../db/webhook-store';
import { newId } from '../ids';

// Writes what integrations must hear into the outbox, inside the caller's transaction: the
// delivery exists exactly when the fact it reports was committed. The dispatcher sends it.

export interface SessionFacts {
  exerciseId?: string;
  exerciseVersion?: number;
  /** session.ended's reason. */
  reason?: string;
}

export interface OutboxDeps {
  webhooks: WebhookStore;
  outbox: OutboxStore;
  clock: Clock;
  publicUrl: () => string;
  /** More deliveries for the same moment (Greenhouse's PATCH once a session is reviewed). */
  extraDeliveries?: (sessionId: string, type: WebhookEventType, eventId: string, now: number, tx: Transaction) => NewDelivery[];
}

export class Outbox {
  private readonly listeners = new Set<() => void>();

  constructor(private readonly deps: OutboxDeps) {}

  /** Called after a transaction that queued deliveries (the dispatcher wakes up). */
  onQueued(listener: () => void): void {
    this.listeners.add(listener);
  }

  record(sessionId: string, type: WebhookEventType, facts: SessionFacts, tx: Transaction): void {
    const now = this.deps.clock.now();
    const eventId = `evt_${newId()}`;
    const erased = type === 'session.erased';
    const payload: WebhookPayload = {
      id: eventId,
      type,
      createdAt: now,
      data: {
        // Ids and a link only: never the candidate's name, email or work, nor a staff note.
        session: erased
          ? { id: sessionId }
          : {
              id: sessionId,
              ...(facts.exerciseId !== undefined ? { exerciseId: facts.exerciseId } : {}),
              ...(facts.exerciseVersion !== undefined ? { exerciseVersion: facts.exerciseVersion } : {}),
              url: `${this.deps.publicUrl()}/admin/sessions/${encodeURIComponent(sessionId)}`,
            },
        ...(facts.reason !== undefined ? { reason: facts.reason } : {}),
      },
    };
    const body = JSON.stringify(payload);
    const rows: NewDelivery[] = this.deps.webhooks
      .list()
      .filter((hook) => hook.events.includes(type))
      .map((hook) => ({ id: newId(), kind: 'webhook', endpointId: hook.id, sessionId, eventId, eventType: type, body, createdAt: now }));
    rows.push(...(this.deps.extraDeliveries?.(sessionId, type, eventId, now, tx) ?? []));
    if (rows.length === 0) return;
    this.deps.outbox.enqueue(rows, tx);
    // After the caller's transaction has committed (it is synchronous).
    setImmediate(() => {
      for (const listener of this.listeners) listener();
    });
  }
}
