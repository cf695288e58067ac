import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Delivery } from '../../../shared/api/webhooks';
import { startAtelier, type AtelierProcess } from '../../helpers/server-process';
import { testDatabaseForServer, type TestDatabase } from '../../helpers/test-database';
import { until } from '../../helpers/until';
import { WebhookReceiver } from '../../helpers/webhook-receiver';

// The server process killed (SIGKILL) while a delivery is in flight: after the restart the
// delivery goes again under a new attempt id, the cut attempt is listed as interrupted, and the
// receiver, deduplicating on the body's id, holds the event once. On PostgreSQL (the suite's
// second run) the restarted node finds the attempt's advisory lock gone with the dead process's
// connection, which is how it knows the attempt was cut (server/db/pg/pg-outbox-store.ts).

const SECRET = 'whsec-crash-0123456789abcdef';
let atelier: AtelierProcess | undefined;
let receiver: WebhookReceiver | undefined;
let database: TestDatabase | undefined;

afterEach(async () => {
  await atelier?.kill('SIGKILL');
  if (atelier) rmSync(atelier.dataDir, { recursive: true, force: true });
  await receiver?.close();
  await database?.drop();
  database = undefined;
});

describe('deliveries across a crash', () => {
  it('resends what was in flight when the process died, under a new attempt id', async () => {
    receiver = await WebhookReceiver.start(SECRET);
    receiver.mode = { kind: 'hang' };
    database = await testDatabaseForServer();
    const env = {
      ATELIER_OUTBOUND_ALLOW_PRIVATE: '1',
      ATELIER_OUTBOUND_TIMEOUT_MS: '60000',
      ...(database ? { DATABASE_URL: database.url } : {}),
    };
    atelier = await startAtelier({ env });
    const admin = { authorization: `Bearer ${atelier.adminToken}`, 'content-type': 'application/json' };
    const hook = await fetch(`${atelier.url}/api/webhooks`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({ url: receiver.url, secret: SECRET, events: ['session.scheduled'] }),
    });
    expect(hook.status).toBe(201);
    const hookId = ((await hook.json()) as { id: string }).id;
    const created = await fetch(`${atelier.url}/api/sessions`, { method: 'POST', headers: admin, body: '{}' });
    const sessionId = ((await created.json()) as { id: string }).id;
    await until(() => receiver!.received.length === 1, 'the first attempt');

    await atelier.kill('SIGKILL');
    receiver.mode = { kind: 'ok' };
    atelier = await startAtelier({ env, dataDir: atelier.dataDir });
    await until(() => receiver!.received.length === 2, 'the attempt after the restart', 60_000);

    const [first, second] = receiver.received;
    expect(first!.verified && second!.verified).toBe(true);
    expect(second!.body).toBe(first!.body);
    expect(JSON.parse(second!.body)).toMatchObject({ type: 'session.scheduled', data: { session: { id: sessionId } } });
    expect(second!.headers['atelier-attempt']).not.toBe(first!.headers['atelier-attempt']);
    const listed = await fetch(`${atelier.url}/api/webhooks/${hookId}/deliveries`, { headers: admin });
    const [delivery] = ((await listed.json()) as { deliveries: Delivery[] }).deliveries;
    expect(delivery!.status).toBe('delivered');
    expect(delivery!.attempts.map((a) => [a.id, a.outcome])).toEqual([
      [first!.headers['atelier-attempt'], 'interrupted'],
      [second!.headers['atelier-attempt'], 'delivered'],
    ]);
    // Nothing more comes: the delivered attempt is never sent again.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(receiver.received.length).toBe(2);
    // Two process starts on a loaded machine: the default 30 s is not enough.
  }, 180_000);
});
