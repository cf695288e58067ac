import { afterEach, describe, expect, it } from 'vitest';
import type { Me } from '../../../shared/api/accounts';
import { loadConfig } from '../../../server/config';
import { rawSqlite } from '../../helpers/raw-sqlite';
import { startTestServer, type TestServer } from '../../helpers/server';
import { apiClient, errorOf } from '../api-client';
import { cookieOf, createAccount, PASSWORD, signIn } from './accounts-helpers';

// Password sign-in, the embedded default: a server-side sign-in behind an HttpOnly SameSite
// cookie, scrypt hashes at rest, refusals that tell nothing and count against the address and
// the account, and the first start's one-time admin link creating the first admin account.

let server: TestServer;
afterEach(async () => server.close());

describe('password sign-in', () => {
  it('sets an HttpOnly, SameSite cookie that /api/me answers to, and logout revokes it on the server', async () => {
    server = await startTestServer();
    const api = apiClient(server);
    await createAccount(server, { email: 'iris@example.com', name: 'Iris', roles: ['interviewer'] });
    const response = await api.post<Me>('/api/auth/password', { email: 'IRIS@example.com', password: PASSWORD }, 'none');
    expect(response.status).toBe(200);
    expect(response.body.account).toMatchObject({ email: 'iris@example.com', roles: ['interviewer'] });
    const line = response.headers.getSetCookie().find((c) => c.startsWith('atelier_account='))!;
    expect(line).toMatch(/; HttpOnly/);
    expect(line).toMatch(/; SameSite=Strict/);
    expect(line).toMatch(/; Path=\//);
    expect(line).not.toMatch(/; Secure/);
    const cookie = cookieOf(response.headers, 'atelier_account');

    const me = await api.get<Me>('/api/me', { cookie });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ account: { name: 'Iris' }, signIn: { method: 'password' } });
    // The password is stored only as a scrypt hash.
    const stored = rawSqlite(server).prepare('SELECT password_hash FROM accounts').get() as { password_hash: string };
    expect(stored.password_hash).toMatch(/^scrypt\$32768\$8\$3\$/);
    expect(stored.password_hash).not.toContain(PASSWORD);

    // Logout deletes the server-side record: a copy of the cookie kept elsewhere stops working too.
    expect((await api.post('/api/auth/logout', {}, { cookie })).status).toBe(204);
    expect((await api.get('/api/me', { cookie })).status).toBe(401);
    expect(rawSqlite(server).prepare('SELECT count(*) AS n FROM account_sessions').get()).toEqual({ n: 0 });
  });

  it('marks the cookie Secure when the browser came over HTTPS through the configured proxy', async () => {
    server = await startTestServer({ config: { trustProxy: loadConfig({ ATELIER_TRUST_PROXY: '127.0.0.1' }).trustProxy } });
    await createAccount(server, { email: 'iris@example.com', name: 'Iris', roles: [] });
    const response = await fetch(`${server.url}/api/auth/password`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
      body: JSON.stringify({ email: 'iris@example.com', password: PASSWORD }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.getSetCookie().find((c) => c.startsWith('atelier_account='))).toMatch(/; Secure/);
  });

  it('answers a wrong password, an unknown email and a deactivated account alike (401), and records no sign-in', async () => {
    server = await startTestServer();
    const api = apiClient(server);
    const gone = await createAccount(server, { email: 'gone@example.com', name: 'Gone', roles: ['reviewer'] });
    await createAccount(server, { email: 'iris@example.com', name: 'Iris', roles: ['reviewer'] });
    await api.call('PATCH', `/api/accounts/${gone.id}`, { body: { active: false } });
    for (const body of [
      { email: 'iris@example.com', password: 'not the password at all' },
      { email: 'nobody@example.com', password: PASSWORD },
      { email: 'gone@example.com', password: PASSWORD },
    ]) {
      const refused = await api.post('/api/auth/password', body, 'none');
      expect(refused.status).toBe(401);
      expect(errorOf(refused).message).toBe('Wrong email or password, or the account is deactivated.');
      expect(refused.headers.getSetCookie()).toEqual([]);
    }
    expect((await api.post('/api/auth/password', { email: 'iris@example.com' }, 'none')).status).toBe(400);
    expect(rawSqlite(server).prepare('SELECT count(*) AS n FROM account_sessions').get()).toEqual({ n: 0 });
  });

  it('locks an account after 5 wrong passwords from any addresses, right password or not', async () => {
    server = await startTestServer({ config: { trustProxy: loadConfig({ ATELIER_TRUST_PROXY: '127.0.0.1' }).trustProxy } });
    await createAccount(server, { email: 'iris@example.com', name: 'Iris', roles: [] });
    const attempt = (password: string, address: string) =>
      fetch(`${server.url}/api/auth/password`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
        body: JSON.stringify({ email: 'iris@example.com', password }),
      });
    for (let i = 0; i < 5; i++) expect((await attempt(`wrong password ${i}`, `203.0.113.${i}`)).status).toBe(401);
    const locked = await attempt(PASSWORD, '203.0.113.99');
    expect(locked.status).toBe(429);
    expect(((await locked.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
  });

  it('counts failed sign-ins against the address (the sign-in guard), across accounts', async () => {
    server = await startTestServer({ config: { limits: { maxConcurrentTurns: 4, turnsPerMinute: 30, failedJoinsPerMinute: 3 } } });
    const api = apiClient(server);
    for (const email of ['a@example.com', 'b@example.com', 'c@example.com']) {
      expect((await api.post('/api/auth/password', { email, password: 'guessing guessing' }, 'none')).status).toBe(401);
    }
    expect((await api.post('/api/auth/password', { email: 'd@example.com', password: 'guessing guessing' }, 'none')).status).toBe(429);
  });

  it('a new password set by the admin signs the account out everywhere', async () => {
    server = await startTestServer();
    const api = apiClient(server);
    const iris = await createAccount(server, { email: 'iris@example.com', name: 'Iris', roles: [] });
    const cookie = await signIn(server, 'iris@example.com');
    await api.call('PATCH', `/api/accounts/${iris.id}`, { body: { password: 'a brand new passphrase' } });
    expect((await api.get('/api/me', { cookie })).status).toBe(401);
    expect((await api.post('/api/auth/password', { email: 'iris@example.com', password: PASSWORD }, 'none')).status).toBe(401);
    await signIn(server, 'iris@example.com', 'a brand new passphrase');
  });
});

describe('the first admin account', () => {
  it('is created once with the admin token, signed in, and can then run the admin API', async () => {
    server = await startTestServer();
    const api = apiClient(server);
    expect((await api.get('/api/auth/setup', 'none')).body).toEqual({ needed: true });
    const body = { token: server.adminToken, email: 'ada@example.com', name: 'Ada', password: PASSWORD };
    expect((await api.post('/api/auth/setup', { ...body, token: 'not-the-admin-token' }, 'none')).status).toBe(401);
    expect((await api.post('/api/auth/setup', { ...body, password: 'short' }, 'none')).status).toBe(400);

    const created = await api.post<Me>('/api/auth/setup', body, 'none');
    expect(created.status).toBe(201);
    expect(created.body.account).toMatchObject({ email: 'ada@example.com', roles: ['admin'], password: true });
    const cookie = cookieOf(created.headers, 'atelier_account');
    expect((await api.get('/api/auth/me', { cookie })).body).toEqual({ admin: true });
    expect((await api.get('/api/accounts', { cookie })).status).toBe(200);
    expect((await api.get('/api/auth/setup', 'none')).body).toEqual({ needed: false });

    // The link is one-time: a second first admin is refused, and nothing is created.
    const again = await api.post('/api/auth/setup', { ...body, email: 'eve@example.com' }, 'none');
    expect(again.status).toBe(409);
    expect((await api.get<{ accounts: unknown[] }>('/api/accounts')).body.accounts).toHaveLength(1);
    // Ada signs in with her password from now on.
    await signIn(server, 'ada@example.com');
  });
});
