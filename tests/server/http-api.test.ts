import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handshakeStatus } from '../helpers/live-client';
import { hashToken } from '../../server/auth/tokens';
import { loadConfig } from '../../server/config';
import { rawSqlite } from '../helpers/raw-sqlite';
import { startTestServer, type TestServer } from '../helpers/server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
const admin = () => ({ authorization: `Bearer ${server.adminToken}` });

describe('HTTP API', () => {
  it('reports health', async () => {
    const response = await fetch(`${server.url}/api/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('creates a session with three invite links, each token stored only as a hash', async () => {
    const response = await post('/api/sessions', { candidateName: 'Grace' }, admin());
    expect(response.status).toBe(201);
    const body = (await response.json()) as { id: string; invites: Record<string, { url: string; token: string }> };
    expect(Object.keys(body.invites).sort()).toEqual(['candidate', 'interviewer', 'reviewer']);
    for (const invite of Object.values(body.invites)) {
      expect(invite.url).toBe(`${server.url}/join#${invite.token}`);
      expect(invite.token.length).toBeGreaterThanOrEqual(43); // 256 bits, base64url
    }
    const stored = rawSqlite(server).prepare('SELECT token_hash FROM invites WHERE session_id = ?').all(body.id) as {
      token_hash: string;
    }[];
    expect(stored).toHaveLength(3);
    const dump = JSON.stringify(rawSqlite(server).prepare('SELECT * FROM invites').all());
    for (const invite of Object.values(body.invites)) expect(dump).not.toContain(invite.token);

    const list = (await (await fetch(`${server.url}/api/sessions`, { headers: admin() })).json()) as {
      sessions: { id: string; candidateName: string; status: string }[];
    };
    expect(list.sessions.find((s) => s.id === body.id)).toMatchObject({ candidateName: 'Grace', status: 'scheduled' });
  });

  it('refuses session creation without the admin token, with a wrong one, or with an invite token', async () => {
    expect((await post('/api/sessions', {})).status).toBe(401);
    const wrong = await post('/api/sessions', {}, { authorization: 'Bearer not-the-token' });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: { code: 'unauthorized' } });
    const session = await server.createSession();
    const asInvite = await post('/api/sessions', {}, { authorization: `Bearer ${session.invites.interviewer.token}` });
    expect(asInvite.status).toBe(403);
    expect(await asInvite.json()).toMatchObject({ error: { code: 'forbidden' } });
  });

  it('answers malformed bodies with typed errors', async () => {
    const badJson = await post('/api/sessions', '{"candidateName":', admin());
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toMatchObject({ error: { code: 'invalid_payload' } });
    const wrongType = await post('/api/sessions', { candidateName: { first: 'Ada' } }, admin());
    expect((await post('/api/sessions', { candidateName: 'Ada', surprise: true }, admin())).status).toBe(400);
    expect(wrongType.status).toBe(400);
    expect(await wrongType.json()).toMatchObject({ error: { code: 'invalid_payload' } });
    const unknownExercise = await post('/api/sessions', { exercise: 'no-such-exercise' }, admin());
    expect(unknownExercise.status).toBe(404);
    expect(await unknownExercise.json()).toMatchObject({ error: { code: 'not_found' } });
    const huge = await post('/api/sessions', { candidateName: 'x'.repeat(2 * 1024 * 1024) }, admin());
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ error: { code: 'payload_too_large' } });
  });

  it('lets staff and the admin read the log, and hides other sessions from an invite', async () => {
    const a = await server.createSession();
    const b = await server.createSession();
    const own = await fetch(`${server.url}/api/sessions/${a.id}/events`, {
      headers: { authorization: `Bearer ${a.invites.reviewer.token}` },
    });
    expect(own.status).toBe(200);
    const events = ((await own.json()) as { events: { type: string; seq: number }[] }).events;
    expect(events[0]).toMatchObject({ type: 'session.created', seq: 1 });
    const other = await fetch(`${server.url}/api/sessions/${b.id}/events`, {
      headers: { authorization: `Bearer ${a.invites.reviewer.token}` },
    });
    expect(other.status).toBe(404);
    expect((await fetch(`${server.url}/api/sessions/${a.id}/events`)).status).toBe(401);
  });

  it('exchanges an invite token for an HttpOnly, SameSite cookie that opens the live socket', async () => {
    const session = await server.createSession();
    const exchange = await post('/api/auth/invite', { token: session.invites.candidate.token });
    expect(exchange.status).toBe(200);
    expect(await exchange.json()).toMatchObject({ sessionId: session.id, role: 'candidate' });
    const setCookie = exchange.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    expect(setCookie).toContain(`Path=/api/sessions/${session.id}`);
    expect(setCookie).not.toContain(session.invites.candidate.token);
    const cookie = setCookie.split(';')[0]!;
    expect(await handshakeStatus(server.wsUrl, session.id, { cookie, origin: server.url })).toBe(101);
    expect(await handshakeStatus(server.wsUrl, session.id, { cookie, origin: 'http://evil.example' })).toBe(403);
    expect(await handshakeStatus(server.wsUrl, session.id, { cookie, origin: `${server.url}.evil.example` })).toBe(403);

    const bad = await post('/api/auth/invite', { token: 'forged' });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toMatchObject({ error: { code: 'unauthorized' } });
  });

  it("checks the live socket's Origin against PUBLIC_URL and ATELIER_ALLOWED_ORIGINS only, never the request's own Host", async () => {
    const session = await server.createSession();
    const auth = { authorization: `Bearer ${session.invites.candidate.token}` };
    // A rebound name (evil.example resolving to this server) sends a Host that matches its Origin.
    expect(
      await handshakeStatus(server.wsUrl, session.id, { ...auth, host: 'evil.example:8080', origin: 'http://evil.example:8080' }),
    ).toBe(403);
    const publicUrl = server.app.services.config.publicUrl;
    try {
      server.app.services.config.publicUrl = 'https://atelier.example';
      expect(await handshakeStatus(server.wsUrl, session.id, { ...auth, origin: server.url })).toBe(403);
      expect(await handshakeStatus(server.wsUrl, session.id, { ...auth, origin: 'https://atelier.example' })).toBe(101);
    } finally {
      server.app.services.config.publicUrl = publicUrl;
    }
    expect(await handshakeStatus(server.wsUrl, session.id, { ...auth, origin: server.url })).toBe(101);
  });

  it('allows the loopback names of the default address when PUBLIC_URL is unset, and only then', () => {
    expect(loadConfig({ PORT: '4000' }).allowedOrigins).toEqual(['http://localhost:4000', 'http://127.0.0.1:4000', 'http://[::1]:4000']);
    expect(loadConfig({ PORT: '4000', ATELIER_ALLOWED_ORIGINS: 'http://localhost:5173' }).allowedOrigins).toContain(
      'http://localhost:5173',
    );
    expect(loadConfig({ PORT: '4000', PUBLIC_URL: 'https://atelier.example' }).allowedOrigins).toEqual([]);
    expect(loadConfig({ PORT: '4000', HOST: '10.0.0.5' }).allowedOrigins).toEqual([]);
  });

  it('exchanges the admin token for the admin cookie', async () => {
    expect((await post('/api/auth/admin', { token: 'wrong' })).status).toBe(401);
    const ok = await post('/api/auth/admin', { token: server.adminToken });
    expect(ok.status).toBe(204);
    const cookie = ok.headers.get('set-cookie')!.split(';')[0]!;
    const me = await fetch(`${server.url}/api/auth/me`, { headers: { cookie } });
    expect(await me.json()).toEqual({ admin: true });
    const list = await fetch(`${server.url}/api/sessions`, { headers: { cookie } });
    expect(list.status).toBe(200);
  });

  it('signs the admin out on the server: a copy of the cookie stops working after logout', async () => {
    const signIn = async (base = server) => {
      const response = await fetch(`${base.url}/api/auth/admin`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: base.adminToken }),
      });
      return response.headers.get('set-cookie')!.split(';')[0]!;
    };
    const cookie = await signIn();
    const other = await signIn();
    // A random sign-in id, not derived from the token: two sign-ins, two cookies.
    expect(cookie).not.toBe(other);
    expect(cookie).not.toContain(hashToken(server.adminToken).slice(0, 16));
    const copied = cookie;
    expect((await fetch(`${server.url}/api/sessions`, { headers: { cookie } })).status).toBe(200);
    const logout = await fetch(`${server.url}/api/auth/logout`, { method: 'POST', headers: { cookie } });
    expect(logout.status).toBe(204);
    expect(logout.headers.get('set-cookie')).toMatch(/atelier_admin=;/);
    expect((await fetch(`${server.url}/api/sessions`, { headers: { cookie: copied } })).status).toBe(401);
    expect(await (await fetch(`${server.url}/api/auth/me`, { headers: { cookie: copied } })).json()).toEqual({ admin: false });
    // Another browser's sign-in is its own.
    expect((await fetch(`${server.url}/api/sessions`, { headers: { cookie: other } })).status).toBe(200);
  });

  it('keeps admin sign-ins across a restart, and signs everyone out when the admin token changes', async () => {
    let own = await startTestServer();
    try {
      const response = await fetch(`${own.url}/api/auth/admin`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: own.adminToken }),
      });
      const cookie = response.headers.get('set-cookie')!.split(';')[0]!;
      own = await own.restart();
      expect((await fetch(`${own.url}/api/sessions`, { headers: { cookie } })).status).toBe(200);
      await own.stop();
      own = await startTestServer({ dataDir: own.dataDir, adminToken: 'a-new-admin-token-9876543210' });
      expect((await fetch(`${own.url}/api/sessions`, { headers: { cookie } })).status).toBe(401);
    } finally {
      await own.close();
    }
  });

  it('refuses live handshakes before the upgrade: no credential, forged token, another session', async () => {
    const a = await server.createSession();
    const b = await server.createSession();
    expect(await handshakeStatus(server.wsUrl, a.id, {})).toBe(401);
    expect(await handshakeStatus(server.wsUrl, a.id, { authorization: 'Bearer forged' })).toBe(401);
    expect(await handshakeStatus(server.wsUrl, b.id, { authorization: `Bearer ${a.invites.candidate.token}` })).toBe(404);
    expect(await handshakeStatus(server.wsUrl, 'no-such-session', { authorization: `Bearer ${server.adminToken}` })).toBe(404);
    expect(await handshakeStatus(server.wsUrl, a.id, { authorization: `Bearer ${a.invites.candidate.token}` })).toBe(101);
  });

  it('authenticates before it validates: an unauthenticated bad body gets 401, not the schema', async () => {
    const session = await server.createSession();
    const doc = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { requestBody?: unknown }>>;
    };
    const withBodies = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([, operation]) => operation.requestBody !== undefined)
        .map(([method]) => ({ method: method.toUpperCase(), path: path.replace(/\{[^}]+\}/g, session.id) })),
    );
    expect(withBodies.map((r) => `${r.method} ${r.path}`)).toContain(`PUT /api/sessions/${session.id}/review`);
    for (const { method, path } of withBodies) {
      // Signing in is the one thing done without a credential.
      if (path.startsWith('/api/auth/')) continue;
      const response = await fetch(`${server.url}${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: '{"blind":"not a boolean","nonsense":[1]}',
      });
      expect(response.status, `${method} ${path}`).toBe(401);
      expect(JSON.stringify(await response.json()), `${method} ${path}`).not.toMatch(/problems|must be/);
    }
  });

  it('publishes an OpenAPI document covering the contract', async () => {
    const doc = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of [
      '/api/health',
      '/api/sessions',
      '/api/sessions/{id}/events',
      '/api/auth/invite',
      '/api/auth/admin',
      '/api/exercises',
    ]) {
      expect(doc.paths, path).toHaveProperty([path]);
    }
  });

  it('sends security headers: a strict CSP, no sniffing, no framing, no referrer, no caching of API answers', async () => {
    for (const path of ['/api/health', '/admin']) {
      const response = await fetch(`${server.url}${path}`);
      const csp = response.headers.get('content-security-policy')!;
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    }
    expect((await fetch(`${server.url}/api/health`)).headers.get('cache-control')).toBe('no-store');
  });

  it('reports event-loop delay, memory and CPU to the admin only', async () => {
    const response = await fetch(`${server.url}/api/metrics`, { headers: admin() });
    expect(response.status).toBe(200);
    const metrics = (await response.json()) as { eventLoopDelayMs: { p99: number }; memory: { rss: number } };
    expect(metrics.eventLoopDelayMs.p99).toBeGreaterThanOrEqual(0);
    expect(metrics.memory.rss).toBeGreaterThan(0);
    const session = await server.createSession();
    expect(
      (await fetch(`${server.url}/api/metrics`, { headers: { authorization: `Bearer ${session.invites.interviewer.token}` } })).status,
    ).toBe(403);
    expect((await fetch(`${server.url}/api/metrics`)).status).toBe(401);
  });

  it('answers unknown API routes with a typed 404', async () => {
    const response = await fetch(`${server.url}/api/nope`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: 'not_found' } });
  });
});
