import { afterEach, describe, expect, it } from 'vitest';
import type { MySessions } from '../../../shared/api/me';
import type { CreatedSession } from '../../../shared/api/sessions';
import { connectLive } from '../../helpers/live-client';
import { startTestServer, type TestServer } from '../../helpers/server';
import { apiClient } from '../api-client';
import { createAccount, signIn } from './accounts-helpers';

// "My interviews": a signed-in account sees the sessions it was scheduled into, bucketed as it
// works through them; an admin account sees all; nobody else's assignments show.

let server: TestServer;
afterEach(async () => server.close());

describe('GET /api/me/sessions', () => {
  it('lists upcoming, live and to-review sessions of this account only; an admin account sees all', async () => {
    server = await startTestServer();
    const api = apiClient(server);
    const iris = await createAccount(server, { email: 'iris@example.com', name: 'Iris', roles: ['interviewer', 'reviewer'] });
    const rita = await createAccount(server, { email: 'rita@example.com', name: 'Rita', roles: ['reviewer'] });
    await createAccount(server, { email: 'ada@example.com', name: 'Ada', roles: ['admin'] });
    const schedule = async (body: object) => (await api.post<CreatedSession>('/api/sessions', body)).body;
    const upcoming = await schedule({ candidateName: 'Una', interviewers: [{ accountId: iris.id }] });
    const live = await schedule({ candidateName: 'Liv', interviewers: [{ accountId: iris.id }] });
    const ended = await schedule({
      candidateName: 'Eda',
      interviewers: [{ name: 'Guest' }],
      reviewers: [{ accountId: iris.id }, { accountId: rita.id }],
    });
    const notMine = await schedule({ candidateName: 'Nora' });

    const candidate = await connectLive(server.wsUrl, live.id, { token: live.invites.candidate.token });
    await candidate.hello();
    await candidate.command('session.start');
    const other = await connectLive(server.wsUrl, ended.id, { token: ended.invites.candidate.token });
    await other.hello();
    await other.command('session.start');
    await other.command('session.submit');
    await candidate.close();
    await other.close();

    const irisList = (await api.get<MySessions>('/api/me/sessions', { cookie: await signIn(server, 'iris@example.com') })).body.sessions;
    expect(irisList.map((s) => [s.id, s.bucket, s.roles, s.candidateName])).toEqual([
      [ended.id, 'to_review', ['reviewer'], null],
      [live.id, 'live', ['interviewer'], 'Liv'],
      [upcoming.id, 'upcoming', ['interviewer'], 'Una'],
    ]);
    const ritaList = (await api.get<MySessions>('/api/me/sessions', { cookie: await signIn(server, 'rita@example.com') })).body.sessions;
    expect(ritaList.map((s) => s.id)).toEqual([ended.id]);
    const adaList = (await api.get<MySessions>('/api/me/sessions', { cookie: await signIn(server, 'ada@example.com') })).body.sessions;
    expect(adaList.map((s) => s.id).sort()).toEqual([upcoming.id, live.id, ended.id, notMine.id].sort());

    // A withdrawn role takes its sessions off the list.
    await api.call('PATCH', `/api/accounts/${iris.id}`, { body: { roles: ['interviewer'] } });
    const after = (await api.get<MySessions>('/api/me/sessions', { cookie: await signIn(server, 'iris@example.com') })).body.sessions;
    expect(after.map((s) => s.id)).toEqual([live.id, upcoming.id]);
  });

  it('answers 401 without an account sign-in, even with the admin token or an invite', async () => {
    server = await startTestServer();
    const api = apiClient(server);
    const session = await server.createSession();
    expect((await api.get('/api/me/sessions', 'none')).status).toBe(401);
    expect((await api.get('/api/me/sessions', 'admin')).status).toBe(401);
    expect((await api.get('/api/me', { token: session.invites.interviewer.token })).status).toBe(401);
  });
});
