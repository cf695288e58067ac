import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connectLive, handshakeStatus, type LiveClient } from '../helpers/live-client';
import { ManualClock } from '../helpers/manual-clock';
import { startTestServer, type TestServer } from '../helpers/server';
import { apiClient, errorOf } from './api-client';

const clock = new ManualClock();
let server: TestServer;
let api: ReturnType<typeof apiClient>;
const open: LiveClient[] = [];
beforeAll(async () => {
  server = await startTestServer({ clock });
  api = apiClient(server);
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
  // Outwait the failed-sign-in limit (20 a minute per address) that the auth checks use up.
  clock.advance(60_000);
});
afterAll(async () => server.close());

async function join(sessionId: string, token: string): Promise<LiveClient> {
  const client = await connectLive(server.wsUrl, sessionId, { token });
  open.push(client);
  await client.hello();
  return client;
}

interface Scheduled {
  id: string;
  invites: Record<'candidate' | 'interviewer' | 'reviewer', { url: string; token: string; expiresAt: number }>;
  participants: { inviteId: string; role: string; name: string | null; url: string; token: string; expiresAt: number }[];
}

async function schedule(body: Record<string, unknown> = {}): Promise<Scheduled> {
  const response = await api.post('/api/sessions', body);
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

describe('sessions API', () => {
  it('schedules a session with a named invite per person, keeping the first of each role under invites', async () => {
    const scheduledFor = clock.now() + 2 * 86_400_000;
    const session = await schedule({
      candidateName: 'Ada Lovelace',
      candidateEmail: 'ada@example.com',
      exercise: 'refine-the-chatbot',
      interviewers: [{ name: 'Iris' }, { name: 'Ivan' }],
      reviewers: [{ name: 'Rita' }],
      scheduledFor,
      inviteTtlHours: 48,
    });
    expect(session.participants.map((p) => [p.role, p.name])).toEqual([
      ['candidate', 'Ada Lovelace'],
      ['interviewer', 'Iris'],
      ['interviewer', 'Ivan'],
      ['reviewer', 'Rita'],
    ]);
    for (const p of session.participants) {
      expect(p.url).toBe(`${server.url}/join#${p.token}`);
      expect(p.expiresAt).toBe(scheduledFor + 48 * 3_600_000);
    }
    expect(session.invites.interviewer.token).toBe(session.participants[1]!.token);
    expect(session.invites.reviewer.token).toBe(session.participants[3]!.token);

    const detail = await api.get(`/api/sessions/${session.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({
      id: session.id,
      candidateName: 'Ada Lovelace',
      candidateEmail: 'ada@example.com',
      exerciseId: 'refine-the-chatbot-en',
      exerciseVersion: 1,
      status: 'scheduled',
      reviewed: false,
      scheduledFor,
      timeLeftMs: null,
    });
    expect(detail.body.invites).toHaveLength(4);
    expect(detail.body.invites[1]).toMatchObject({
      id: session.participants[1]!.inviteId,
      role: 'interviewer',
      name: 'Iris',
      status: 'active',
      revokedAt: null,
    });
    expect(JSON.stringify(detail.body)).not.toContain(session.participants[1]!.token);

    // The interviewer's socket knows who is who.
    const interviewer = await join(session.id, session.participants[2]!.token);
    expect(interviewer.welcome).toMatchObject({ role: 'interviewer', participantId: session.participants[2]!.inviteId });
  });

  it('refuses invalid schedules, naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ candidateEmail: 'not-an-email' }, 'body/candidateEmail'],
      [{ interviewers: [{ name: '' }] }, 'body/interviewers/0/name'],
      [{ interviewers: [] }, 'body/interviewers'],
      [{ reviewers: [{ name: 'Rita', nom: 'Rita' }] }, 'body/reviewers/0/nom is not a known field'],
      [{ inviteTtlHours: 0 }, 'body/inviteTtlHours'],
      [{ scheduledFor: 'tomorrow' }, 'body/scheduledFor'],
      [{ candidate: 'Ada' }, 'body/candidate is not a known field'],
    ];
    for (const [body, field] of cases) {
      const response = await api.post('/api/sessions', body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(errorOf(response)).toMatchObject({ code: 'invalid_payload', message: expect.stringContaining(field) });
    }
    expect((await api.post('/api/sessions', { exercise: 'no-such-exercise' })).status).toBe(404);
  });

  it('lists sessions with status, exercise and candidate filters, and a live dashboard shape', async () => {
    const live = await schedule({ candidateName: 'Zoë Filter', candidateEmail: 'zoe.filter@example.com' });
    const reviewed = await schedule({ candidateName: 'Rex Filter', exercise: 'refine-the-chatbot-fr' });
    const scheduled = await schedule({ candidateName: 'Sam 100%_Filter' });

    const candidate = await join(live.id, live.invites.candidate.token);
    await candidate.command('session.start');
    await candidate.command('message.send', { text: 'What plans do you offer?' });
    await candidate.waitFor((c) => c.events.find((e) => e.type === 'turn.completed'));

    const other = await join(reviewed.id, reviewed.invites.candidate.token);
    await other.command('session.start');
    await other.command('session.submit');
    const reviewer = await join(reviewed.id, reviewed.invites.reviewer.token);
    await reviewer.command('score.set', { criterionId: 'precise-prompts', level: 4, comment: 'Precise', evidence: [] });
    expect(await reviewer.command('review.submit')).toMatchObject({ type: 'ack' });

    const ids = async (query: string) => (await api.get(`/api/sessions${query}`)).body.sessions.map((s: { id: string }) => s.id);
    expect(await ids('?status=live')).toEqual(expect.arrayContaining([live.id]));
    expect(await ids('?status=live')).not.toContain(reviewed.id);
    expect(await ids('?status=reviewed')).toContain(reviewed.id);
    expect(await ids('?status=reviewed')).not.toContain(live.id);
    expect(await ids('?status=ended')).toContain(reviewed.id);
    expect(await ids('?status=scheduled')).toContain(scheduled.id);
    expect(await ids('?status=scheduled')).not.toContain(live.id);
    expect(await ids('?q=zoe.filter@EXAMPLE')).toEqual([live.id]);
    expect(await ids('?q=rex')).toEqual([reviewed.id]);
    expect(await ids(`?q=${encodeURIComponent('100%_')}`)).toEqual([scheduled.id]);
    expect(await ids('?q=filter&exercise=refine-the-chatbot-fr')).toEqual([reviewed.id]);
    expect(await ids('?exercise=no-such-exercise')).toEqual([]);

    const list = await api.get('/api/sessions?status=live');
    const row = list.body.sessions.find((s: { id: string }) => s.id === live.id);
    expect(row).toMatchObject({ status: 'live', turns: 1, timeLeftMs: 60 * 60_000, candidateEmail: 'zoe.filter@example.com' });
    expect(row.deadline).toBe(clock.now() + 60 * 60_000);
    expect(row.costUsd).toEqual(expect.any(Number));
    expect(list.body.now).toBe(clock.now());
    expect((await api.get(`/api/sessions/${reviewed.id}`)).body).toMatchObject({
      status: 'ended',
      reviewed: true,
      reviewedAt: expect.any(Number),
    });

    const bad = await api.get('/api/sessions?status=finished');
    expect(bad.status).toBe(400);
    expect(errorOf(bad).message).toContain('querystring/status');
  });

  it('answers 401, 403 and 404 on the admin session routes', async () => {
    const session = await schedule();
    const token = session.invites.interviewer.token;
    for (const [method, path] of [
      ['POST', '/api/sessions'],
      ['GET', '/api/sessions'],
      ['GET', `/api/sessions/${session.id}`],
      ['DELETE', `/api/sessions/${session.id}`],
      ['GET', `/api/sessions/${session.id}/invites`],
      ['POST', `/api/sessions/${session.id}/invites`],
      ['POST', `/api/invites/${session.participants[0]!.inviteId}/revoke`],
      ['POST', `/api/invites/${session.participants[0]!.inviteId}/resend`],
    ] as const) {
      const body = method === 'POST' ? { role: 'reviewer' } : undefined;
      expect((await api.call(method, path, { auth: 'none', body })).status, `${method} ${path}`).toBe(401);
      const forbidden = await api.call(method, path, { auth: { token }, body });
      expect(forbidden.status, `${method} ${path}`).toBe(403);
      expect(errorOf(forbidden).code).toBe('forbidden');
      clock.advance(60_000);
    }
    for (const [method, path] of [
      ['GET', '/api/sessions/nope'],
      ['DELETE', '/api/sessions/nope'],
      ['GET', '/api/sessions/nope/invites'],
      ['POST', '/api/sessions/nope/invites'],
      ['POST', '/api/invites/nope/revoke'],
      ['POST', '/api/invites/nope/resend'],
    ] as const) {
      const response = await api.call(method, path, { body: method === 'POST' ? { role: 'reviewer' } : undefined });
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(errorOf(response).code).toBe('not_found');
    }
  });

  it('creates invites, lists them without tokens, and revoking one closes its socket (4001) and stops its token and cookie', async () => {
    const session = await schedule();
    const created = await api.post(`/api/sessions/${session.id}/invites`, { role: 'interviewer', name: 'Nina', ttlHours: 2 });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      role: 'interviewer',
      name: 'Nina',
      expiresAt: clock.now() + 2 * 3_600_000,
      url: `${server.url}/join#${created.body.token}`,
    });
    const listed = await api.get(`/api/sessions/${session.id}/invites`);
    expect(listed.body.invites).toHaveLength(4);
    expect(listed.body.invites).toContainEqual(expect.objectContaining({ id: created.body.inviteId, name: 'Nina', status: 'active' }));
    expect(JSON.stringify(listed.body)).not.toContain(created.body.token);

    const bad = await api.post(`/api/sessions/${session.id}/invites`, { role: 'boss' });
    expect(bad.status).toBe(400);
    expect(errorOf(bad).message).toContain('body/role');
    const both = await api.post(`/api/sessions/${session.id}/invites`, { role: 'reviewer', ttlHours: 1, expiresAt: clock.now() + 10 });
    expect(both.status).toBe(400);
    const past = await api.post(`/api/sessions/${session.id}/invites`, { role: 'reviewer', expiresAt: clock.now() - 1 });
    expect(errorOf(past).message).toContain('body/expiresAt');
    expect(errorOf(past).problems).toEqual([{ path: '/expiresAt', rule: 'in_past', message: 'must be in the future' }]);

    const token = created.body.token as string;
    const exchange = await api.post('/api/auth/invite', { token }, 'none');
    const cookie = exchange.headers.get('set-cookie')!.split(';')[0]!;
    const nina = await join(session.id, token);
    const untouched = await join(session.id, session.invites.interviewer.token);

    const revoked = await api.post(`/api/invites/${created.body.inviteId}/revoke`);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ id: created.body.inviteId, status: 'revoked', revokedAt: clock.now() });
    expect(await nina.closed).toEqual({ code: 4001, reason: 'access revoked or expired' });
    expect(untouched.ws.readyState).toBe(untouched.ws.OPEN);

    expect((await api.get(`/api/sessions/${session.id}/events`, { token })).status).toBe(401);
    expect((await api.get(`/api/sessions/${session.id}/events`, { cookie })).status).toBe(401);
    expect(await handshakeStatus(server.wsUrl, session.id, { authorization: `Bearer ${token}` })).toBe(401);
    expect((await api.post('/api/auth/invite', { token }, 'none')).status).toBe(401);
    // Idempotent, and audited once.
    expect((await api.post(`/api/invites/${created.body.inviteId}/revoke`)).body.revokedAt).toBe(revoked.body.revokedAt);
    const audit = (await api.get('/api/audit')).body.entries as { action: string; target: { id: string } | null }[];
    expect(audit.filter((e) => e.action === 'invite.revoke' && e.target?.id === created.body.inviteId)).toHaveLength(1);
    expect(audit.some((e) => e.action === 'invite.create' && e.target?.id === created.body.inviteId)).toBe(true);
  });

  it('refuses expired invites', async () => {
    const session = await schedule({ inviteTtlHours: 1 });
    const token = session.invites.candidate.token;
    expect((await api.get(`/api/sessions/${session.id}/events`, { token })).status).toBe(200);
    clock.advance(3_600_000);
    expect((await api.get(`/api/sessions/${session.id}/events`, { token })).status).toBe(401);
    expect(await handshakeStatus(server.wsUrl, session.id, { authorization: `Bearer ${token}` })).toBe(401);
    expect((await api.post('/api/auth/invite', { token }, 'none')).status).toBe(401);
    const invites = (await api.get(`/api/sessions/${session.id}/invites`)).body.invites as { status: string }[];
    expect(invites.every((i) => i.status === 'expired')).toBe(true);
  });

  it('documents every route in the OpenAPI document, each with its typed errors', async () => {
    const doc = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    const routes: [string, string, string[]][] = [
      ['/api/exercises', 'get', ['401', '403']],
      ['/api/exercises', 'post', ['400', '401', '403', '409']],
      ['/api/exercises/import', 'post', ['400', '401', '403']],
      ['/api/exercises/{id}', 'get', ['401', '403', '404']],
      ['/api/exercises/{id}', 'put', ['400', '401', '403', '404', '409']],
      ['/api/exercises/{id}/versions/{version}', 'get', ['401', '403', '404']],
      ['/api/exercises/{id}/duplicate', 'post', ['401', '403', '404']],
      ['/api/exercises/{id}/archive', 'post', ['401', '403', '404']],
      ['/api/exercises/{id}/unarchive', 'post', ['401', '403', '404']],
      ['/api/exercises/{id}/export', 'get', ['401', '403', '404']],
      ['/api/sessions', 'post', ['400', '401', '403', '404', '409']],
      ['/api/sessions', 'get', ['400', '401', '403']],
      ['/api/sessions/{id}', 'get', ['401', '403', '404']],
      ['/api/sessions/{id}', 'delete', ['401', '403', '404']],
      ['/api/sessions/{id}/invites', 'get', ['401', '403', '404']],
      ['/api/sessions/{id}/invites', 'post', ['400', '401', '403', '404']],
      ['/api/invites/{inviteId}/revoke', 'post', ['401', '403', '404']],
      ['/api/invites/{inviteId}/resend', 'post', ['401', '403', '404', '409']],
      ['/api/sessions/{id}/staff-material', 'get', ['401', '403', '404']],
      ['/api/sessions/{id}/consent', 'get', ['401', '404']],
      ['/api/settings', 'get', ['401', '403']],
      ['/api/settings', 'put', ['400', '401', '403']],
      ['/api/privacy/erase', 'post', ['400', '401', '403']],
      ['/api/privacy/export', 'get', ['400', '401', '403']],
      ['/api/audit', 'get', ['400', '401', '403']],
    ];
    for (const [path, method, statuses] of routes) {
      const operation = doc.paths[path]?.[method];
      expect(operation, `${method} ${path}`).toBeDefined();
      for (const status of statuses) expect(operation!.responses, `${method} ${path} ${status}`).toHaveProperty([status]);
    }
  });

  it('gives staff the rubric and questions of the version the session ran, and refuses the candidate', async () => {
    const exercise = (await api.get('/api/exercises/refine-the-chatbot-en')).body;
    const copy = (
      await api.post('/api/exercises', {
        ...exercise.content,
        slug: 'staff-material-test',
        questions: [{ id: 'q1', text: 'Version one question' }],
      })
    ).body;
    const session = await schedule({ exercise: copy.id });
    await api.put(`/api/exercises/${copy.id}`, { ...copy.content, questions: [{ id: 'q1', text: 'Version two question' }] });

    for (const token of [session.invites.interviewer.token, session.invites.reviewer.token, server.adminToken]) {
      const material = await api.get(`/api/sessions/${session.id}/staff-material`, { token });
      expect(material.status).toBe(200);
      expect(material.body).toMatchObject({
        exerciseId: copy.id,
        exerciseVersion: 1,
        questions: [{ id: 'q1', text: 'Version one question' }],
      });
      expect(material.body.rubric).toEqual(copy.content.rubric);
    }
    const refused = await api.get(`/api/sessions/${session.id}/staff-material`, { token: session.invites.candidate.token });
    expect(refused.status).toBe(403);
    expect(errorOf(refused).code).toBe('forbidden');
    expect((await api.get(`/api/sessions/${session.id}/staff-material`, 'none')).status).toBe(401);
    const other = await schedule();
    expect((await api.get(`/api/sessions/${other.id}/staff-material`, { token: session.invites.interviewer.token })).status).toBe(404);
    expect((await api.get('/api/sessions/nope/staff-material')).status).toBe(404);
  });
});
