import { afterEach, describe, expect, it } from 'vitest';
import type { Account } from '../../../shared/api/accounts';
import type { AuditEntry, AuditPage } from '../../../shared/api/audit';
import type { CreatedApiToken } from '../../../shared/api/me';
import type { CreatedSession } from '../../../shared/api/sessions';
import { startTestServer, type TestServer } from '../../helpers/server';
import { apiClient } from '../api-client';
import { createAccount, signIn } from './accounts-helpers';

// The audit log names who did each admin action: the bootstrap admin token says so; an account
// is named by its id and its name when it acted, and how it was signed in (browser or API token).

let server: TestServer;
afterEach(async () => server.close());

const who = (e: AuditEntry) => [e.action, e.actor, e.account];

describe('the audit log names the actor', () => {
  it('as the admin token, or as the account (signed in or through its API token), with its name at the time', async () => {
    server = await startTestServer();
    const api = apiClient(server);
    const ada = await createAccount(server, { email: 'ada@example.com', name: 'Ada', roles: ['admin'] });
    const cookie = await signIn(server, 'ada@example.com');
    const { secret } = (await api.post<CreatedApiToken>('/api/me/tokens', { name: 'script' }, { cookie })).body;

    expect((await api.post<CreatedSession>('/api/sessions', { candidateName: 'Cam' }, { cookie })).status).toBe(201);
    const [first] = (await api.get<{ exercises: { id: string }[] }>('/api/exercises', { token: secret })).body.exercises;
    const file = (await api.get(`/api/exercises/${first!.id}/export`, { token: secret })).body;
    expect((await api.post('/api/exercises/import', file, { token: secret })).status).toBe(201);
    await api.call('PATCH', `/api/accounts/${ada.id}`, { body: { name: 'Ada L.' }, auth: { cookie } });
    // Withdrawing her own admin role: the entry still names her, though she is no admin afterwards.
    await api.call<Account>('PATCH', `/api/accounts/${ada.id}`, { body: { roles: [] }, auth: { token: secret } });
    expect((await api.get('/api/audit', { cookie })).status).toBe(403);

    const entries = (await api.get<AuditPage>('/api/audit')).body.entries;
    const asSignedIn = { id: ada.id, name: 'Ada', via: 'sign_in' };
    const asToken = { id: ada.id, name: 'Ada', via: 'api_token' };
    expect(entries.map(who)).toEqual([
      ['account.update', 'account', { ...asToken, name: 'Ada L.' }],
      ['account.update', 'account', asSignedIn],
      ['exercise.import', 'account', asToken],
      ['exercise.export', 'account', asToken],
      ['session.create', 'account', asSignedIn],
      ['api_token.create', 'account', asSignedIn],
      ['account.create', 'admin', null],
    ]);
  });
});
