import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Me } from '../../../shared/api/accounts';
import type { AuditPage } from '../../../shared/api/audit';
import type { ApiTokenList, CreatedApiToken, MySessions } from '../../../shared/api/me';
import type { CreatedSession } from '../../../shared/api/sessions';
import { connectLive } from '../../helpers/live-client';
import { startTestServer, type TestServer } from '../../helpers/server';
import { storedRows } from '../../helpers/stored-rows';
import { apiClient, errorOf } from '../api-client';
import { createAccount, signIn } from './accounts-helpers';

// Personal API tokens: made and revoked from a signed-in browser, shown once, stored as a hash,
// accepted as `Authorization: Bearer` on the API and the live channel with the roles the
// account holds at each request; a revoked token, a deactivated account, another account's
// token and a role the account lacks are refused and counted by the sign-in guard.

let server: TestServer;
afterEach(async () => server.close());

async function makeToken(cookie: string, name = 'CI export'): Promise<CreatedApiToken> {
  const created = await apiClient(server).post<CreatedApiToken>('/api/me/tokens', { name }, { cookie });
  expect(created.status).toBe(201);
  return created.body;
}

describe('personal API tokens', () => {
  it('are shown once, listed without their secret, stored as a hash, and act with the roles the account holds now', async () => {
    server = await startTestServer();
    const api = apiClient(server);
    const iris = await createAccount(server, { email: 'iris@example.com', name: 'Iris', roles: ['interviewer'] });
    const scheduled = (await api.post<CreatedSession>('/api/sessions', { candidateName: 'Cam', interviewers: [{ accountId: iris.id }] }))
      .body;
    const cookie = await signIn(server, 'iris@example.com');
    const { secret, token } = await makeToken(cookie);
    expect(secret).toMatch(/^atl_[A-Za-z0-9_-]{59}$/);
    expect(secret.startsWith(token.prefix)).toBe(true);
    expect(token).toMatchObject({ name: 'CI export', lastUsedAt: null });

    const me = await api.get<Me>('/api/me', { token: secret });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ account: { id: iris.id }, signIn: { method: 'token', expiresAt: null } });
    const mine = await api.get<MySessions>('/api/me/sessions', { token: secret });
    expect(mine.body.sessions.map((s) => s.id)).toEqual([scheduled.id]);
    expect((await api.get(`/api/sessions/${scheduled.id}/events`, { token: secret })).status).toBe(200);

    // The list shows the name, dates and prefix; never the secret or its hash. The rows hold the hash only.
    const listed = (await api.get<ApiTokenList>('/api/me/tokens', { cookie })).body.tokens;
    expect(listed).toEqual([{ ...token, lastUsedAt: expect.any(Number) }]);
    const hash = createHash('sha256').update(secret).digest('hex');
    expect(JSON.stringify(listed)).not.toContain(secret.slice(token.prefix.length + 8));
    expect(JSON.stringify(listed)).not.toContain(hash);
    const rows = storedRows(server, 'api_tokens');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).toBe(hash);
    expect(JSON.stringify(rows)).not.toContain(secret);

    // Scoped to the account's current roles: no admin role, no admin route; granted, it works; withdrawn, it stops.
    expect(errorOf(await api.get('/api/accounts', { token: secret }))).toMatchObject({ code: 'forbidden' });
    await api.call('PATCH', `/api/accounts/${iris.id}`, { body: { roles: ['interviewer', 'admin'] } });
    expect((await api.get('/api/accounts', { token: secret })).status).toBe(200);
    await api.call('PATCH', `/api/accounts/${iris.id}`, { body: { roles: ['reviewer'] } });
    expect((await api.get('/api/accounts', { token: secret })).status).toBe(403);
    expect(errorOf(await api.get(`/api/sessions/${scheduled.id}/events`, { token: secret }))).toMatchObject({ code: 'forbidden' });
  });

  it('are managed from a signed-in browser only: a token cannot mint, list or revoke tokens', async () => {
    server = await startTestServer();
    const api = apiClient(server);
    await createAccount(server, { email: 'iris@example.com', name: 'Iris', roles: ['interviewer'] });
    const cookie = await signIn(server, 'iris@example.com');
    const { secret, token } = await makeToken(cookie);
    expect(errorOf(await api.post('/api/me/tokens', { name: 'Another' }, { token: secret }))).toMatchObject({ code: 'forbidden' });
    expect((await api.get('/api/me/tokens', { token: secret })).status).toBe(403);
    expect((await api.delete(`/api/me/tokens/${token.id}`, { token: secret })).status).toBe(403);
    // Neither the admin token nor no credential at all: tokens belong to an account.
    expect((await api.get('/api/me/tokens', 'admin')).status).toBe(401);
    expect((await api.post('/api/me/tokens', { name: 'x' }, 'none')).status).toBe(401);
    // A name is required, and nothing else is accepted.
    expect((await api.post('/api/me/tokens', { name: '   ' }, { cookie })).status).toBe(400);
    expect((await api.post('/api/me/tokens', { name: 'ok', roles: ['admin'] }, { cookie })).status).toBe(400);
    expect(storedRows(server, 'api_tokens')).toHaveLength(1);
  });

  it('refuses a revoked token, a tampered one, another account’s token id and a deactivated account’s tokens; nothing changes', async () => {
    server = await startTestServer();
    const api = apiClient(server);
    const iris = await createAccount(server, { email: 'iris@example.com', name: 'Iris', roles: ['interviewer'] });
    await createAccount(server, { email: 'rita@example.com', name: 'Rita', roles: ['reviewer'] });
    const irisCookie = await signIn(server, 'iris@example.com');
    const ritaCookie = await signIn(server, 'rita@example.com');
    const kept = await makeToken(irisCookie, 'kept');
    const dropped = await makeToken(irisCookie, 'dropped');
    const ritas = await makeToken(ritaCookie, 'rita');

    expect((await api.delete(`/api/me/tokens/${dropped.token.id}`, { cookie: irisCookie })).status).toBe(204);
    expect(errorOf(await api.get('/api/me', { token: dropped.secret }))).toMatchObject({ code: 'unauthorized' });
    expect((await api.delete(`/api/me/tokens/${dropped.token.id}`, { cookie: irisCookie })).status).toBe(404);
    const tampered = `${kept.secret.slice(0, -1)}${kept.secret.endsWith('A') ? 'B' : 'A'}`;
    expect((await api.get('/api/me', { token: tampered })).status).toBe(401);

    // Iris cannot revoke Rita's token: 404, as for a token that does not exist, and Rita's still works.
    const other = await api.delete(`/api/me/tokens/${ritas.token.id}`, { cookie: irisCookie });
    expect(other.status).toBe(404);
    expect((await api.get('/api/me', { token: ritas.secret })).status).toBe(200);
    expect((await api.get<ApiTokenList>('/api/me/tokens', { cookie: ritaCookie })).body.tokens.map((t) => t.name)).toEqual(['rita']);
    expect((await api.get<ApiTokenList>('/api/me/tokens', { cookie: irisCookie })).body.tokens.map((t) => t.name)).toEqual(['kept']);

    // Deactivation revokes the account's tokens for good: reactivated, the account signs in again, its old token stays dead.
    await api.call('PATCH', `/api/accounts/${iris.id}`, { body: { active: false } });
    expect((await api.get('/api/me', { token: kept.secret })).status).toBe(401);
    await api.call('PATCH', `/api/accounts/${iris.id}`, { body: { active: true } });
    expect((await api.get('/api/me', { token: kept.secret })).status).toBe(401);

    const audit = (await api.get<AuditPage>('/api/audit')).body.entries;
    expect(audit.filter((e) => e.action.startsWith('api_token.')).map((e) => [e.action, e.target?.id, e.account?.name])).toEqual([
      ['api_token.revoke', dropped.token.id, 'Iris'],
      ['api_token.create', ritas.token.id, 'Rita'],
      ['api_token.create', dropped.token.id, 'Iris'],
      ['api_token.create', kept.token.id, 'Iris'],
    ]);
    expect(audit.find((e) => e.action === 'account.deactivate')?.details).toMatchObject({ tokensRevoked: 1 });
  });

  it('counts every refused token attempt in the sign-in guard, which then refuses the address', async () => {
    server = await startTestServer({ config: { limits: { maxConcurrentTurns: 4, turnsPerMinute: 30, failedJoinsPerMinute: 4 } } });
    const api = apiClient(server);
    const iris = await createAccount(server, { email: 'iris@example.com', name: 'Iris', roles: ['interviewer'] });
    await createAccount(server, { email: 'rita@example.com', name: 'Rita', roles: ['reviewer'] });
    const irisCookie = await signIn(server, 'iris@example.com');
    const rita = await makeToken(await signIn(server, 'rita@example.com'));
    const revoked = await makeToken(irisCookie);
    await api.delete(`/api/me/tokens/${revoked.token.id}`, { cookie: irisCookie });
    const valid = await makeToken(irisCookie);

    expect((await api.get('/api/me', { token: revoked.secret })).status).toBe(401); // 1: revoked
    expect((await api.delete(`/api/me/tokens/${rita.token.id}`, { cookie: irisCookie })).status).toBe(404); // 2: another account's
    expect((await api.get('/api/accounts', { token: valid.secret })).status).toBe(403); // 3: a role the account lacks
    await api.call('PATCH', `/api/accounts/${iris.id}`, { body: { active: false } });
    expect((await api.get('/api/me', { token: valid.secret })).status).toBe(401); // 4: deactivated
    // The address has used its failures: even a working credential is refused for the minute.
    expect((await api.get('/api/me', { token: rita.secret })).status).toBe(429);
  });

  it('open the live channel as the account, and revoking the token closes that socket at once', async () => {
    server = await startTestServer();
    const api = apiClient(server);
    const iris = await createAccount(server, { email: 'iris@example.com', name: 'Iris', roles: ['interviewer'] });
    const created = (await api.post<CreatedSession>('/api/sessions', { interviewers: [{ accountId: iris.id }] })).body;
    const cookie = await signIn(server, 'iris@example.com');
    const { secret, token } = await makeToken(cookie);
    const live = await connectLive(server.wsUrl, created.id, { token: secret });
    expect((await live.hello()).role).toBe('interviewer');
    const browser = await connectLive(server.wsUrl, created.id, { cookie });
    await browser.hello();
    expect((await api.delete(`/api/me/tokens/${token.id}`, { cookie })).status).toBe(204);
    expect(await live.closed).toEqual({ code: 4001, reason: 'access revoked or expired' });
    // The browser's own socket stays open.
    expect(await browser.command('note.add', { text: 'still here' })).toMatchObject({ type: 'ack' });
    await browser.close();
  });
});
