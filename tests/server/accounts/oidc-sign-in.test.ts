import { afterEach, describe, expect, it } from 'vitest';
import type { Account, Me } from '../../../shared/api/accounts';
import type { OidcConfig } from '../../../server/config';
import {
  browser,
  CLIENT,
  loginAtProvider,
  startIdentityProvider,
  type IdentityProvider,
  type Person,
} from '../../helpers/identity-provider';
import { ManualClock } from '../../helpers/manual-clock';
import { storedRows } from '../../helpers/stored-rows';
import { startTestServer, type TestServer, type TestServerOptions } from '../../helpers/server';
import { apiClient } from '../api-client';

// Single sign-on end to end against a real OpenID Provider (oidc-provider) on loopback: the
// browser goes Atelier → provider (login, consent) → Atelier's callback, as in production.
// Each refusal is a 401 (or 403) that records nothing and counts against the address.

let server: TestServer | undefined;
const providers: IdentityProvider[] = [];
afterEach(async () => {
  await server?.close();
  server = undefined;
  for (const p of providers.splice(0)) await p.close();
});

const PEOPLE: Record<string, Person> = {
  iris: { email: 'iris@example.com', email_verified: true, name: 'Iris SSO' },
  rita: { email: 'rita@example.com', email_verified: true, name: 'Rita', atelier_roles: ['reviewer', 'not-a-role'] },
  mallory: { email: 'mallory@elsewhere.test', email_verified: true, name: 'Mallory' },
};

async function setUp(oidc: Partial<OidcConfig> = {}, options: TestServerOptions = {}) {
  const idp = await startIdentityProvider(PEOPLE);
  providers.push(idp);
  server = await startTestServer({
    ...options,
    config: {
      ...options.config,
      oidc: { issuer: idp.issuer, clientId: CLIENT.id, clientSecret: CLIENT.secret, allowedDomains: [], roleClaim: null, ...oidc },
    },
  });
  idp.register(`${server.url}/api/auth/oidc/callback`);
  return { idp, server, b: browser() };
}

/** Atelier's login redirect, then the provider's screens: the callback URL the browser is sent to. */
async function reachCallback(s: TestServer, b: ReturnType<typeof browser>, login: string): Promise<string> {
  const start = await b.request(`${s.url}/api/auth/oidc/login`);
  expect(start.status).toBe(302);
  return loginAtProvider(b, start.headers.get('location')!, login, s.url);
}

const stored = (s: TestServer) => ({
  accounts: storedRows(s, 'accounts').length,
  signIns: storedRows(s, 'account_sessions').length,
});

describe('single sign-on (OpenID Connect)', () => {
  it('logs in with code + PKCE + state + nonce, creates a role-less account, sets the cookie, and logs out', async () => {
    const { idp, server: s, b } = await setUp();
    const start = await b.request(`${s.url}/api/auth/oidc/login`);
    const authorize = new URL(start.headers.get('location')!);
    expect(authorize.origin).toBe(idp.issuer);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${s.url}/api/auth/oidc/callback`);
    for (const param of ['state', 'nonce', 'code_challenge']) expect(authorize.searchParams.get(param)?.length).toBeGreaterThan(20);
    const stateCookie = start.headers.getSetCookie().find((c) => c.startsWith('atelier_oidc='))!;
    expect(stateCookie).toMatch(/HttpOnly/);
    expect(stateCookie).toMatch(/SameSite=Lax/);

    const callback = await loginAtProvider(b, authorize.href, 'iris', s.url);
    const landed = await b.request(callback);
    expect(landed.status).toBe(302);
    expect(landed.headers.get('location')).toBe('/me');
    const accountCookie = landed.headers.getSetCookie().find((c) => c.startsWith('atelier_account='))!;
    expect(accountCookie).toMatch(/HttpOnly/);
    expect(accountCookie).toMatch(/SameSite=Strict/);

    const cookie = `atelier_account=${b.cookie(s.url, 'atelier_account')}`;
    const api = apiClient(s);
    const me = await api.get<Me>('/api/me', { cookie });
    expect(me.body).toMatchObject({
      account: { email: 'iris@example.com', name: 'Iris SSO', roles: [], sso: true, password: false },
      signIn: { method: 'oidc' },
    });
    expect((await api.get('/api/me/sessions', { cookie })).body).toEqual({ sessions: [] });
    // No role yet: nothing of the admin's.
    expect((await api.get('/api/accounts', { cookie })).status).toBe(403);

    // A second sign-in opens the same account.
    const again = await b.request(await reachCallback(s, b, 'iris'));
    expect(again.status).toBe(302);
    expect((await api.get<{ accounts: Account[] }>('/api/accounts')).body.accounts).toHaveLength(1);

    expect((await api.post('/api/auth/logout', {}, { cookie })).status).toBe(204);
    expect((await api.get('/api/me', { cookie })).status).toBe(401);
  });

  it('grants the roles the configured claim names, and keeps them in step at each sign-in', async () => {
    const { server: s, b } = await setUp({ roleClaim: 'atelier_roles' });
    await b.request(await reachCallback(s, b, 'rita'));
    const me = await apiClient(s).get<Me>('/api/me', { cookie: `atelier_account=${b.cookie(s.url, 'atelier_account')}` });
    expect(me.body.account.roles).toEqual(['reviewer']);
  });

  it('refuses an email outside the allowed domains (403), recording nothing', async () => {
    const { server: s, b } = await setUp({ allowedDomains: ['example.com'] });
    const refused = await b.request(await reachCallback(s, b, 'mallory'));
    expect(refused.status).toBe(403);
    expect(refused.headers.getSetCookie().some((c) => c.startsWith('atelier_account='))).toBe(false);
    expect(stored(s)).toEqual({ accounts: 0, signIns: 0 });
  });

  it('refuses a callback with a tampered state, or with none, and counts each against the address', async () => {
    const { server: s, b } = await setUp(
      {},
      { config: { limits: { maxConcurrentTurns: 4, turnsPerMinute: 30, failedJoinsPerMinute: 3 } } },
    );
    const callback = new URL(await reachCallback(s, b, 'iris'));
    const tampered = new URL(callback);
    tampered.searchParams.set('state', 'attacker-chosen-state');
    expect((await b.request(tampered.href)).status).toBe(401);
    // Without the state cookie (another browser, or a forged link): refused.
    expect((await fetch(callback.href, { redirect: 'manual' })).status).toBe(401);
    expect((await fetch(`${s.url}/api/auth/oidc/callback`, { redirect: 'manual' })).status).toBe(401);
    expect(stored(s)).toEqual({ accounts: 0, signIns: 0 });
    // Three failures: the sign-in guard now refuses this address everywhere.
    expect((await fetch(`${s.url}/api/auth/oidc/login`, { redirect: 'manual' })).status).toBe(429);
  });

  it('refuses a replayed code: the same callback twice, or the code under a fresh state', async () => {
    const { server: s, b } = await setUp();
    const callback = await reachCallback(s, b, 'iris');
    const stateCookie = b.cookie(s.url, 'atelier_oidc')!;
    expect((await b.request(callback)).status).toBe(302);
    const api = apiClient(s);
    expect(stored(s)).toEqual({ accounts: 1, signIns: 1 });

    // The same callback with the same state cookie: the login was used once already.
    b.setCookie(s.url, 'atelier_oidc', stateCookie);
    expect((await b.request(callback)).status).toBe(401);
    // The code under a fresh login's state: the provider refuses a code it already redeemed.
    const fresh = await b.request(`${s.url}/api/auth/oidc/login`);
    const freshState = new URL(fresh.headers.get('location')!).searchParams.get('state')!;
    const replay = new URL(callback);
    replay.searchParams.set('state', freshState);
    const refused = await b.request(replay.href);
    expect(refused.status).toBe(401);
    expect(stored(s)).toEqual({ accounts: 1, signIns: 1 });
    expect((await api.get<{ accounts: Account[] }>('/api/accounts')).body.accounts).toHaveLength(1);
  });

  it('refuses an ID token issued for another audience', async () => {
    const { idp, server: s, b } = await setUp();
    // The provider misbehaves (or the token was lifted from another application): aud is not Atelier.
    const original = idp.provider.IdToken.prototype.issue;
    idp.provider.IdToken.prototype.issue = async function (
      this: InstanceType<typeof idp.provider.IdToken>,
      ...args: Parameters<typeof original>
    ) {
      const real = this.client;
      Reflect.set(this, 'client', Object.create(real, { clientId: { value: 'another-application' } }));
      try {
        return await original.apply(this, args);
      } finally {
        Reflect.set(this, 'client', real);
      }
    };
    const refused = await b.request(await reachCallback(s, b, 'iris'));
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/claim "aud"/);
    expect(stored(s)).toEqual({ accounts: 0, signIns: 0 });
  });

  it('refuses an expired ID token (judged by the server clock)', async () => {
    // Atelier's clock runs two hours past the provider's: the provider's one-hour ID tokens have expired.
    const { server: s, b } = await setUp({}, { clock: new ManualClock(Date.now() + 2 * 3_600_000) });
    const refused = await b.request(await reachCallback(s, b, 'iris'));
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/claim "exp"/);
    expect(stored(s)).toEqual({ accounts: 0, signIns: 0 });
  });

  it('refuses a code and ID token from another issuer (mix-up), recording nothing', async () => {
    const { server: s, b } = await setUp();
    const other = await startIdentityProvider(PEOPLE);
    providers.push(other);
    other.register(`${s.url}/api/auth/oidc/callback`);
    // Atelier's own login request, sent to the other issuer instead: it answers Atelier's callback.
    const start = await b.request(`${s.url}/api/auth/oidc/login`);
    const authorize = new URL(start.headers.get('location')!);
    const foreign = new URL(`${other.issuer}${authorize.pathname}${authorize.search}`);
    const callback = await loginAtProvider(b, foreign.href, 'iris', s.url);
    expect(new URL(callback).searchParams.get('iss')).toBe(other.issuer);
    expect((await b.request(callback)).status).toBe(401);
    expect(stored(s)).toEqual({ accounts: 0, signIns: 0 });
  });

  it('refuses a deactivated account, and answers 404 where single sign-on is not configured', async () => {
    const { server: s, b } = await setUp();
    await b.request(await reachCallback(s, b, 'iris'));
    const api = apiClient(s);
    const [iris] = (await api.get<{ accounts: Account[] }>('/api/accounts')).body.accounts;
    await api.call('PATCH', `/api/accounts/${iris!.id}`, { body: { active: false } });
    expect((await b.request(await reachCallback(s, b, 'iris'))).status).toBe(401);
    expect(stored(s).signIns).toBe(0);
    expect((await api.get('/api/auth/options', 'none')).body).toEqual({ password: true, oidcLogin: '/api/auth/oidc/login' });

    const plain = await startTestServer();
    try {
      expect((await fetch(`${plain.url}/api/auth/oidc/login`, { redirect: 'manual' })).status).toBe(404);
      expect((await apiClient(plain).get('/api/auth/options', 'none')).body).toEqual({ password: true, oidcLogin: null });
    } finally {
      await plain.close();
    }
  });
});
