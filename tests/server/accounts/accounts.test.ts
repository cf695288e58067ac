import { afterEach, describe, expect, it } from 'vitest';
import type { Account } from '../../../shared/api/accounts';
import type { CreatedSession } from '../../../shared/api/sessions';
import { connectLive } from '../../helpers/live-client';
import { startTestServer, type TestServer } from '../../helpers/server';
import { apiClient, errorOf } from '../api-client';
import { createAccount, signIn } from './accounts-helpers';

// Staff accounts through the admin API: created, renamed, given roles, scheduled into sessions,
// and deactivated, which closes their sockets at once and keeps what they wrote attributed.

let server: TestServer;
afterEach(async () => server.close());

describe('accounts', () => {
  it('are created, listed and changed by the admin only, and an email is taken once', async () => {
    server = await startTestServer();
    const api = apiClient(server);
    const iris = await createAccount(server, { email: 'Iris@Example.com', name: 'Iris', roles: ['interviewer'] });
    expect(iris).toMatchObject({
      email: 'iris@example.com',
      name: 'Iris',
      roles: ['interviewer'],
      active: true,
      password: true,
      sso: false,
    });
    expect(JSON.stringify(iris)).not.toContain('scrypt');

    const duplicate = await api.post('/api/accounts', { email: 'iris@example.com', name: 'Other', roles: [] });
    expect(duplicate.status).toBe(409);
    expect((await api.get<{ accounts: Account[] }>('/api/accounts')).body.accounts.map((a) => a.email)).toEqual(['iris@example.com']);

    const renamed = await api.call<Account>('PATCH', `/api/accounts/${iris.id}`, {
      body: { name: 'Iris N.', roles: ['interviewer', 'reviewer'] },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Iris N.', roles: ['interviewer', 'reviewer'] });

    // Not the admin: no credential, an interviewer's account, an unknown account id, bad bodies.
    expect((await api.get('/api/accounts', 'none')).status).toBe(401);
    const cookie = await signIn(server, 'iris@example.com');
    expect(errorOf(await api.get('/api/accounts', { cookie }))).toMatchObject({ code: 'forbidden' });
    expect((await api.call('PATCH', `/api/accounts/${iris.id}`, { body: { roles: ['admin'] }, auth: { cookie } })).status).toBe(403);
    expect((await api.call('PATCH', '/api/accounts/nobody', { body: { active: false } })).status).toBe(404);
    expect((await api.call('PATCH', `/api/accounts/${iris.id}`, { body: {} })).status).toBe(400);
    expect((await api.call('PATCH', `/api/accounts/${iris.id}`, { body: { roles: ['candidate'] } })).status).toBe(400);
    expect((await api.post('/api/accounts', { email: 'not-an-email', name: 'X', roles: [] })).status).toBe(400);
    expect((await api.get<{ accounts: Account[] }>('/api/accounts')).body.accounts).toHaveLength(1);

    const audit = await api.get<{ entries: { action: string; target: { id: string } | null }[] }>('/api/audit');
    expect(audit.body.entries.filter((e) => e.target?.id === iris.id).map((e) => e.action)).toEqual(['account.update', 'account.create']);
  });

  it('are scheduled as interviewers and reviewers, and open the session signed in, without the link', async () => {
    server = await startTestServer();
    const api = apiClient(server);
    const iris = await createAccount(server, { email: 'iris@example.com', name: 'Iris', roles: ['interviewer'] });
    const rita = await createAccount(server, { email: 'rita@example.com', name: 'Rita', roles: ['reviewer'] });
    const created = await api.post<CreatedSession>('/api/sessions', {
      candidateName: 'Cam',
      interviewers: [{ accountId: iris.id }, { name: 'Guest' }],
      reviewers: [{ accountId: rita.id }],
    });
    expect(created.status).toBe(201);
    expect(created.body.participants.map((p) => [p.role, p.name])).toEqual([
      ['candidate', 'Cam'],
      ['interviewer', 'Iris'],
      ['interviewer', 'Guest'],
      ['reviewer', 'Rita'],
    ]);
    const sessionId = created.body.id;
    const detail = await api.get<{ invites: { role: string; accountId: string | null }[] }>(`/api/sessions/${sessionId}`);
    expect(detail.body.invites.map((i) => i.accountId)).toEqual([null, iris.id, null, rita.id]);

    // Iris signs in and connects with her account cookie; the candidate and the guest use their links.
    const cookie = await signIn(server, 'iris@example.com');
    const interviewer = await connectLive(server.wsUrl, sessionId, { cookie });
    const welcome = await interviewer.hello();
    expect(welcome.role).toBe('interviewer');
    const candidate = await connectLive(server.wsUrl, sessionId, { token: created.body.invites.candidate.token });
    await candidate.hello();
    const guest = await connectLive(server.wsUrl, sessionId, { token: created.body.participants[2]!.token });
    expect((await guest.hello()).role).toBe('interviewer');
    expect(await interviewer.command('note.add', { text: 'Reads the brief first' })).toMatchObject({ type: 'ack' });
    const note = await interviewer.waitFor((c) => c.events.find((e) => e.type === 'note.added'));
    expect(note.actor).toEqual({ role: 'interviewer', participantId: welcome.participantId, name: 'Iris', accountId: iris.id });

    // Rita's account may read the log as a reviewer; another session is not hers to see.
    const ritaCookie = await signIn(server, 'rita@example.com');
    expect((await api.get(`/api/sessions/${sessionId}/events`, { cookie: ritaCookie })).status).toBe(200);
    const other = await server.createSession();
    expect((await api.get(`/api/sessions/${other.id}/events`, { cookie: ritaCookie })).status).toBe(404);
    for (const client of [interviewer, candidate, guest]) await client.close();
  });

  it('refuses to schedule an unknown, deactivated or role-less account, and schedules nothing', async () => {
    server = await startTestServer();
    const api = apiClient(server);
    const rita = await createAccount(server, { email: 'rita@example.com', name: 'Rita', roles: ['reviewer'] });
    const gone = await createAccount(server, { email: 'gone@example.com', name: 'Gone', roles: ['interviewer'] });
    await api.call('PATCH', `/api/accounts/${gone.id}`, { body: { active: false } });
    const before = (await api.get<{ sessions: unknown[] }>('/api/sessions')).body.sessions.length;
    for (const [body, path] of [
      [{ interviewers: [{ accountId: 'no-such-account' }] }, '/interviewers/0/accountId'],
      [{ interviewers: [{ accountId: gone.id }] }, '/interviewers/0/accountId'],
      [{ interviewers: [{ accountId: rita.id }] }, '/interviewers/0/accountId'],
      [{ reviewers: [{ name: 'Ok' }, { accountId: 'x' }] }, '/reviewers/1/accountId'],
    ] as const) {
      const refused = await api.post('/api/sessions', body);
      expect(refused.status).toBe(400);
      expect(errorOf(refused)).toMatchObject({ code: 'invalid_payload', problems: [{ path, rule: 'not_allowed' }] });
    }
    expect((await api.post('/api/sessions', { interviewers: [{}] })).status).toBe(400);
    expect((await api.get<{ sessions: unknown[] }>('/api/sessions')).body.sessions).toHaveLength(before);
  });

  it('deactivation closes their sockets at once, signs them out, stops their links, and keeps their notes attributed', async () => {
    server = await startTestServer();
    const api = apiClient(server);
    const iris = await createAccount(server, { email: 'iris@example.com', name: 'Iris', roles: ['interviewer'] });
    const created = (await api.post<CreatedSession>('/api/sessions', { interviewers: [{ accountId: iris.id }] })).body;
    const cookie = await signIn(server, 'iris@example.com');
    const live = await connectLive(server.wsUrl, created.id, { cookie });
    await live.hello();
    expect(await live.command('note.add', { text: 'Before leaving' })).toMatchObject({ type: 'ack' });
    // Her invite's link too (it was scheduled for her account).
    const viaLink = await connectLive(server.wsUrl, created.id, { token: created.invites.interviewer.token });
    await viaLink.hello();

    const deactivated = await api.call<Account>('PATCH', `/api/accounts/${iris.id}`, { body: { active: false } });
    expect(deactivated.body.active).toBe(false);
    expect(await live.closed).toEqual({ code: 4001, reason: 'access revoked or expired' });
    expect((await viaLink.closed).code).toBe(4001);

    expect((await api.get(`/api/sessions/${created.id}/events`, { cookie })).status).toBe(401);
    expect((await api.get('/api/me', { cookie })).status).toBe(401);
    expect((await api.get(`/api/sessions/${created.id}/events`, { token: created.invites.interviewer.token })).status).toBe(401);
    expect(
      (await api.post('/api/auth/password', { email: 'iris@example.com', password: 'correct horse battery staple' }, 'none')).status,
    ).toBe(401);

    const log = await api.get<{ events: { type: string; actor: { name?: string; accountId?: string } }[] }>(
      `/api/sessions/${created.id}/events`,
    );
    expect(log.body.events.find((e) => e.type === 'note.added')?.actor).toMatchObject({ name: 'Iris', accountId: iris.id });

    // Reactivated, she signs in again (her old cookie stays dead).
    await api.call('PATCH', `/api/accounts/${iris.id}`, { body: { active: true } });
    expect((await api.get('/api/me', { cookie })).status).toBe(401);
    const again = await signIn(server, 'iris@example.com');
    expect((await api.get(`/api/sessions/${created.id}/events`, { cookie: again })).status).toBe(200);
  });

  it('withdrawing the role an account was scheduled with refuses it the session (403) and closes its socket', async () => {
    server = await startTestServer();
    const api = apiClient(server);
    const iris = await createAccount(server, { email: 'iris@example.com', name: 'Iris', roles: ['interviewer'] });
    const created = (await api.post<CreatedSession>('/api/sessions', { interviewers: [{ accountId: iris.id }] })).body;
    const cookie = await signIn(server, 'iris@example.com');
    const live = await connectLive(server.wsUrl, created.id, { cookie });
    await live.hello();
    await api.call('PATCH', `/api/accounts/${iris.id}`, { body: { roles: [] } });
    expect((await live.closed).code).toBe(4001);
    expect(errorOf(await api.get(`/api/sessions/${created.id}/events`, { cookie }))).toMatchObject({ code: 'forbidden' });
  });
});
