import { afterEach, describe, expect, it } from 'vitest';
import type { Delivery } from '../../../shared/api/webhooks';
import { apiClient, errorOf } from '../api-client';
import { connectLive, type LiveClient } from '../../helpers/live-client';
import { ManualClock } from '../../helpers/manual-clock';
import { startTestServer, type TestServer } from '../../helpers/server';
import { until } from '../../helpers/until';
import { WebhookReceiver } from '../../helpers/webhook-receiver';

// Outbound webhooks end to end: a real receiver on loopback that checks every signature, the
// server on a clock the test moves (retries wait hours), restarts on the same database.

const SECRET = 'whsec-test-0123456789abcdef';
const ALL = ['session.scheduled', 'session.started', 'session.ended', 'session.reviewed', 'session.erased'];
const HOUR = 3_600_000;

let server: TestServer;
let clock: ManualClock;
const receivers: WebhookReceiver[] = [];
const sockets: LiveClient[] = [];

async function start(outbound: Partial<TestServer['app']['services']['config']['outbound']> = {}) {
  clock = new ManualClock(Date.UTC(2026, 11, 2, 9, 0, 0));
  server = await startTestServer({ clock, config: { outbound: { timeoutMs: 5_000, concurrency: 4, allowPrivate: true, ...outbound } } });
  return apiClient(server);
}

async function receiver(): Promise<WebhookReceiver> {
  const r = await WebhookReceiver.start(SECRET);
  receivers.push(r);
  return r;
}

async function register(api: ReturnType<typeof apiClient>, url: string, events = ALL): Promise<string> {
  const created = await api.post('/api/webhooks', { url, secret: SECRET, events });
  expect(created.status).toBe(201);
  return created.body.id as string;
}

async function deliveries(api: ReturnType<typeof apiClient>, hookId: string): Promise<Delivery[]> {
  return (await api.get(`/api/webhooks/${hookId}/deliveries`)).body.deliveries as Delivery[];
}

/** Moves the clock in steps, letting each due attempt run to its end. */
async function advance(ms: number, step = 60_000) {
  for (let moved = 0; moved < ms; moved += step) {
    clock.advance(Math.min(step, ms - moved));
    await server.app.services.dispatcher.idle();
  }
}

async function candidateOf(sessionId: string, token: string): Promise<LiveClient> {
  const client = await connectLive(server.wsUrl, sessionId, { token });
  sockets.push(client);
  await client.hello(0);
  return client;
}

afterEach(async () => {
  await Promise.all(sockets.splice(0).map((s) => s.close()));
  await server?.close();
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});

describe('webhook registration', () => {
  it('refuses what is not http(s), points at the server itself, or carries credentials; never shows the secret again', async () => {
    const api = await start();
    const hook = await receiver();
    for (const url of [
      'ftp://example.com/hook',
      'javascript:alert(1)',
      'not a url',
      `${server.url}/api/webhooks`,
      server.url.replace('127.0.0.1', 'localhost') + '/x',
      `http://user:pw@127.0.0.1:${new URL(hook.url).port}/`,
    ]) {
      const refused = await api.post('/api/webhooks', { url, secret: SECRET, events: ['session.ended'] });
      expect(refused.status, url).toBe(400);
      expect(errorOf(refused).code).toBe('invalid_payload');
    }
    expect((await api.post('/api/webhooks', { url: hook.url, secret: 'short', events: ['session.ended'] })).status).toBe(400);
    expect((await api.post('/api/webhooks', { url: hook.url, secret: SECRET, events: ['session.hacked'] })).status).toBe(400);
    expect((await api.post('/api/webhooks', { url: hook.url, secret: SECRET, events: ['session.ended'], extra: 1 })).status).toBe(400);
    expect((await api.post('/api/webhooks', { url: hook.url, secret: SECRET, events: ['session.ended'] }, 'none')).status).toBe(401);

    const id = await register(api, hook.url, ['session.ended']);
    const list = await api.get('/api/webhooks');
    expect(list.body.webhooks).toEqual([expect.objectContaining({ id, url: hook.url, events: ['session.ended'], pending: 0, failed: 0 })]);
    expect(JSON.stringify(list.body)).not.toContain(SECRET);
    expect((await api.delete(`/api/webhooks/${id}`)).status).toBe(200);
    expect((await api.delete(`/api/webhooks/${id}`)).status).toBe(404);
    expect((await api.get(`/api/webhooks/${id}/deliveries`)).status).toBe(404);
  });

  it('refuses loopback and private receivers unless ATELIER_OUTBOUND_ALLOW_PRIVATE is set', async () => {
    const api = await start({ allowPrivate: false });
    const hook = await receiver();
    for (const url of [
      hook.url,
      'http://10.1.2.3/hook',
      'http://[::1]:9/hook',
      'http://169.254.169.254/latest/meta-data',
      'http://[::ffff:127.0.0.1]:9/',
    ]) {
      const refused = await api.post('/api/webhooks', { url, secret: SECRET, events: ['session.ended'] });
      expect(refused.status, url).toBe(400);
      expect(errorOf(refused).message).toMatch(/private|loopback|reserved/);
    }
  });
});

describe('deliveries', () => {
  it('tells every lifecycle moment, signed, with ids and links only, in order', async () => {
    const api = await start();
    const hook = await receiver();
    const hookId = await register(api, hook.url);
    const candidateName = 'Ada SECRET-NAME';
    const session = await server.createSession({
      candidateName,
      candidateEmail: 'ada@secret.example',
      reviewers: [{ name: 'Rita' }],
    } as never);
    const candidate = await candidateOf(session.id, session.invites.candidate.token);
    await candidate.command('session.start');
    await candidate.command('prompt.draft', { text: 'CANDIDATE-WORK in the prompt' }).catch(() => undefined);
    await candidate.command('session.submit');
    const reviewer = await candidateOf(session.id, session.invites.reviewer.token);
    await reviewer.command('note.add', { text: 'STAFF-NOTE about the candidate' });
    await reviewer.command('score.set', { criterionId: 'precise-prompts', level: 4, comment: 'STAFF-NOTE in a score', evidence: [] });
    expect(await reviewer.command('review.submit')).toMatchObject({ type: 'ack' });
    await until(() => hook.received.length >= 4, 'four deliveries');
    expect((await api.delete(`/api/sessions/${session.id}`)).status).toBe(200);
    await until(() => hook.received.length >= 5, 'the erasure');

    expect(hook.received.every((r) => r.verified)).toBe(true);
    expect(hook.events().map((e) => e.type)).toEqual(ALL);
    expect(hook.events().every((e) => e.data.session.id === session.id)).toBe(true);
    const all = hook.received.map((r) => r.body).join('\n');
    for (const secret of ['SECRET-NAME', 'secret.example', 'CANDIDATE-WORK', 'STAFF-NOTE', 'Rita']) expect(all).not.toContain(secret);
    const ended = hook.events()[2] as unknown as { data: { reason: string; session: { url: string; exerciseId: string } } };
    expect(ended.data).toMatchObject({ reason: 'submitted', session: { url: `${server.url}/admin/sessions/${session.id}` } });
    const first = hook.received[0]!;
    expect(first.headers['content-type']).toBe('application/json');
    expect(first.headers['atelier-event']).toBe('session.scheduled');
    const t = Number(/t=(\d+)/.exec(String(first.headers['atelier-signature']))![1]);
    expect(t).toBe(Math.floor(clock.now() / 1000));

    const listed = await deliveries(api, hookId);
    expect(listed.map((d) => d.status)).toEqual(['delivered', 'delivered', 'delivered', 'delivered', 'delivered']);
    expect(
      listed.every((d) => d.attempts.length === 1 && d.attempts[0]!.outcome === 'delivered' && d.attempts[0]!.statusCode === 204),
    ).toBe(true);
    expect(new Set(hook.received.map((r) => r.headers['atelier-attempt'])).size).toBe(5);
  });

  it('only sends the events an endpoint chose, and nothing for a command that was refused', async () => {
    const api = await start();
    const hook = await receiver();
    await register(api, hook.url, ['session.ended']);
    const session = await server.createSession();
    const candidate = await candidateOf(session.id, session.invites.candidate.token);
    expect(await candidate.command('session.submit')).toMatchObject({ type: 'error' });
    await candidate.command('session.start');
    await candidate.command('session.submit');
    await until(() => hook.received.length >= 1, 'the end');
    await server.app.services.dispatcher.idle();
    expect(hook.events().map((e) => e.type)).toEqual(['session.ended']);
  });

  it('retries with backoff while the receiver is down, and delivers everything in order per session once it is up', async () => {
    const api = await start();
    const hook = await receiver();
    const hookId = await register(api, hook.url);
    await hook.down();
    const a = await server.createSession();
    const b = await server.createSession();
    const candidate = await candidateOf(a.id, a.invites.candidate.token);
    await candidate.command('session.start');
    await candidate.command('session.submit');
    await server.app.services.dispatcher.idle();
    // Down for an hour: each session's first delivery is retried, the later ones wait behind it.
    await advance(HOUR);
    const during = await deliveries(api, hookId);
    const scheduledA = during.find((d) => d.sessionId === a.id && d.type === 'session.scheduled')!;
    const startedA = during.find((d) => d.sessionId === a.id && d.type === 'session.started')!;
    expect(scheduledA.status).toBe('pending');
    expect(scheduledA.attempts.length).toBeGreaterThanOrEqual(5);
    expect(scheduledA.attempts.every((x) => x.outcome === 'network_error')).toBe(true);
    expect(startedA.attempts).toEqual([]);
    // Exponential: each wait at least twice the one before (30 s, 1 min, 2 min…).
    const gaps = scheduledA.attempts.slice(1).map((x, i) => x.startedAt - scheduledA.attempts[i]!.startedAt);
    for (let i = 1; i < gaps.length; i++) expect(gaps[i]!).toBeGreaterThanOrEqual(gaps[i - 1]! * 2 - 60_000);

    await hook.up();
    await advance(5 * HOUR, 5 * 60_000);
    const bySession = (id: string) =>
      hook
        .events()
        .filter((e) => e.data.session.id === id)
        .map((e) => e.type);
    expect(bySession(a.id)).toEqual(['session.scheduled', 'session.started', 'session.ended']);
    expect(bySession(b.id)).toEqual(['session.scheduled']);
    expect(hook.received.every((r) => r.verified)).toBe(true);
    // Each attempt id went out once; each event once.
    const after = await deliveries(api, hookId);
    expect(after.every((d) => d.status === 'delivered')).toBe(true);
    const attemptIds = after.flatMap((d) => d.attempts.map((x) => x.id));
    expect(new Set(attemptIds).size).toBe(attemptIds.length);
    expect(new Set(hook.events().map((e) => e.id)).size).toBe(4);
  });

  it('keeps retrying any non-2xx for 24 hours, then gives up; the admin can send it again', async () => {
    const api = await start();
    const hook = await receiver();
    hook.mode = { kind: 'status', status: 500 };
    const hookId = await register(api, hook.url, ['session.scheduled']);
    await server.createSession();
    await server.app.services.dispatcher.idle();
    await advance(23 * HOUR, 10 * 60_000);
    expect((await deliveries(api, hookId))[0]!.status).toBe('pending');
    await advance(6 * HOUR, 10 * 60_000);
    const [given] = await deliveries(api, hookId);
    expect(given!.status).toBe('failed');
    expect(given!.attempts.every((x) => x.outcome === 'http_error' && x.statusCode === 500)).toBe(true);
    expect(given!.attempts.at(-1)!.startedAt - given!.createdAt).toBeGreaterThanOrEqual(24 * HOUR);
    expect((await api.get('/api/webhooks')).body.webhooks[0]).toMatchObject({ pending: 0, failed: 1 });

    hook.mode = { kind: 'ok' };
    const resent = await api.post(`/api/webhooks/${hookId}/deliveries/${given!.id}/resend`);
    expect(resent.status).toBe(200);
    await until(async () => (await deliveries(api, hookId))[0]!.status === 'delivered', 'the re-send');
    const ids = hook.received.map((r) => r.headers['atelier-attempt']);
    expect(new Set(ids).size).toBe(ids.length);
    expect((await api.post(`/api/webhooks/${hookId}/deliveries/nope/resend`)).status).toBe(404);
  });

  it('does not let a receiver that hangs or trickles its answer hold a worker past the timeout', async () => {
    const api = await start({ timeoutMs: 1_000, concurrency: 1 });
    const hook = await receiver();
    const hookId = await register(api, hook.url, ['session.scheduled']);
    for (const mode of [{ kind: 'hang' }, { kind: 'trickle' }] as const) {
      hook.mode = mode;
      const before = hook.received.length;
      await server.createSession();
      await until(() => hook.received.length > before, 'the request');
      const started = performance.now();
      await until(
        async () => (await deliveries(api, hookId)).filter((d) => d.attempts.some((x) => x.outcome === 'timeout')).length > before,
        `a ${mode.kind} timeout`,
      );
      // Generous for a loaded machine: the bound is 1 s; an unbounded wait would never end.
      expect(performance.now() - started).toBeLessThan(8_000);
    }
    // The one worker is free again: the next delivery goes through.
    hook.mode = { kind: 'ok' };
    await server.createSession();
    await until(() => hook.received.filter((r) => r.verified).length >= 3, 'a delivery after the timeouts');
  });

  it('resumes pending deliveries after a restart', async () => {
    const api = await start();
    const hook = await receiver();
    const hookId = await register(api, hook.url, ['session.scheduled']);
    await hook.down();
    const session = await server.createSession();
    await server.app.services.dispatcher.idle();
    server = await server.restart();
    await hook.up();
    await advance(10 * 60_000);
    await until(() => hook.events().length === 1, 'the delivery after the restart');
    expect(hook.events()[0]!.data.session.id).toBe(session.id);
    const [delivered] = await deliveries(apiClient(server), hookId);
    expect(delivered!.status).toBe('delivered');
    expect(delivered!.attempts.map((x) => x.outcome)).toEqual([
      ...delivered!.attempts.slice(0, -1).map(() => 'network_error'),
      'delivered',
    ]);
  });
});
