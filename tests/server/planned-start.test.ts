import { afterEach, describe, expect, it } from 'vitest';
import { EARLY_START_TOLERANCE_MS } from '../../shared/planned-start';
import { connectLive, type LiveClient } from '../helpers/live-client';
import { ManualClock } from '../helpers/manual-clock';
import { startTestServer, type TestServer } from '../helpers/server';
import { apiClient } from './api-client';

// A session planned for a time starts from five minutes before it, by the server's clock —
// not the candidate's — unless live staff allowed an early start, which is recorded.

let server: TestServer;
const open: LiveClient[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
  await server.close();
});

async function join(sessionId: string, token: string): Promise<LiveClient> {
  const client = await connectLive(server.wsUrl, sessionId, { token });
  open.push(client);
  await client.hello();
  return client;
}

const HOUR = 3_600_000;
const MINUTE = 60_000;

async function plannedSession(clock: ManualClock, aheadMs: number | null) {
  const api = apiClient(server);
  const body = aheadMs === null ? {} : { scheduledFor: clock.now() + aheadMs };
  const created = await api.post('/api/sessions', { candidateName: 'Ada', ...body });
  expect(created.status).toBe(201);
  const invites = created.body.invites as Record<'candidate' | 'interviewer' | 'reviewer', { token: string }>;
  return { id: created.body.id as string, invites, api };
}

describe('the planned start', () => {
  it("refuses the candidate's Start before the planned start (5 minutes early is fine), whatever the candidate sends", async () => {
    const clock = new ManualClock();
    server = await startTestServer({ clock });
    const plannedStart = clock.now() + HOUR;
    const { id, invites, api } = await plannedSession(clock, HOUR);
    expect(EARLY_START_TOLERANCE_MS).toBe(5 * MINUTE);

    // The join exchange says when, by the server's clock.
    const exchanged = await api.post('/api/auth/invite', { token: invites.candidate.token }, 'none');
    expect(exchanged.body).toMatchObject({ sessionId: id, role: 'candidate', plannedStart, now: clock.now() });

    const candidate = await join(id, invites.candidate.token);
    expect(candidate.state()).toMatchObject({ status: 'scheduled', plannedStart, earlyStart: null });
    const refused = await candidate.command('session.start');
    expect(refused).toMatchObject({ type: 'error', code: 'too_early' });
    expect((refused as { message: string }).message).toContain(new Date(plannedStart - 5 * MINUTE).toISOString());

    // A clever candidate: extra fields (a "force", a time of their own) are refused by the schema,
    // and the staff action is not theirs to send.
    expect(await candidate.command('session.start', { force: true })).toMatchObject({ type: 'error', code: 'invalid_payload' });
    expect(await candidate.command('session.start', { now: plannedStart })).toMatchObject({ type: 'error', code: 'invalid_payload' });
    expect(await candidate.command('session.allow_early_start')).toMatchObject({ type: 'error', code: 'forbidden' });
    const reviewer = await join(id, invites.reviewer.token);
    expect(await reviewer.command('session.allow_early_start')).toMatchObject({ type: 'error', code: 'forbidden' });

    // 6 minutes before: still too early; 5 minutes before: open.
    clock.advance(54 * MINUTE);
    expect(await candidate.command('session.start')).toMatchObject({ type: 'error', code: 'too_early' });
    expect(candidate.state().status).toBe('scheduled');
    clock.advance(MINUTE);
    expect(await candidate.command('session.start')).toMatchObject({ type: 'ack' });
    const live = await candidate.waitFor((c) => (c.state().status === 'live' ? c.state() : undefined));
    expect(live.deadline).toBe(clock.now() + 60 * MINUTE);
    const log = server.app.services.events.all(id).map((e) => e.type);
    expect(log).not.toContain('session.early_start_allowed');
  });

  it('lets the interviewer allow an early start, recorded as an event the candidate sees, and only then', async () => {
    const clock = new ManualClock();
    server = await startTestServer({ clock });
    const { id, invites, api } = await plannedSession(clock, 2 * HOUR);
    const candidate = await join(id, invites.candidate.token);
    const interviewer = await join(id, invites.interviewer.token);
    expect(await candidate.command('session.start')).toMatchObject({ type: 'error', code: 'too_early' });

    clock.advance(MINUTE);
    expect(await interviewer.command('session.allow_early_start')).toMatchObject({ type: 'ack', seqs: [expect.any(Number)] });
    const allowed = await candidate.waitFor((c) => c.state().earlyStart);
    expect(allowed).toEqual({ at: clock.now(), by: null });
    // Once is enough: a second press appends nothing.
    expect(await interviewer.command('session.allow_early_start')).toMatchObject({ type: 'ack', seqs: [] });

    expect(await candidate.command('session.start')).toMatchObject({ type: 'ack' });
    await candidate.waitFor((c) => c.state().status === 'live');
    expect(await interviewer.command('session.allow_early_start')).toMatchObject({ type: 'error', code: 'already_started' });

    // On record, for everyone: the log, and the candidate's own REST read.
    const recorded = server.app.services.events.all(id).filter((e) => e.type === 'session.early_start_allowed');
    expect(recorded).toHaveLength(1);
    expect(recorded[0]!.actor).toMatchObject({ role: 'interviewer' });
    const read = await api.get(`/api/sessions/${id}/events`, { token: invites.candidate.token });
    expect((read.body.events as { type: string }[]).some((e) => e.type === 'session.early_start_allowed')).toBe(true);
  });

  it('changes nothing for a session without a planned start', async () => {
    const clock = new ManualClock();
    server = await startTestServer({ clock });
    const { id, invites, api } = await plannedSession(clock, null);
    expect((await api.post('/api/auth/invite', { token: invites.candidate.token }, 'none')).body.plannedStart).toBeNull();
    const candidate = await join(id, invites.candidate.token);
    const interviewer = await join(id, invites.interviewer.token);
    expect(await interviewer.command('session.allow_early_start')).toMatchObject({ type: 'error', code: 'conflict' });
    expect(await candidate.command('session.start')).toMatchObject({ type: 'ack' });
  });

  it('lets a candidate start a session planned in the past at once', async () => {
    const clock = new ManualClock();
    server = await startTestServer({ clock });
    const { id, invites } = await plannedSession(clock, -HOUR);
    const candidate = await join(id, invites.candidate.token);
    expect(await candidate.command('session.start')).toMatchObject({ type: 'ack' });
  });
});
