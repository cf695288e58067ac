import { request } from 'node:http';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config';
import { handshakeStatus } from '../helpers/live-client';
import { startTestServer, type TestServer, type TestServerOptions } from '../helpers/server';

// The failed-join guard (token guessing) cannot be stepped around: not with an Upgrade header,
// not with an encoded path, not with a forged X-Forwarded-For.

let server: TestServer;
afterEach(async () => server.close());

const GUARDED = { limits: { maxConcurrentTurns: 4, turnsPerMinute: 30, failedJoinsPerMinute: 5 } };

function startGuarded(config: TestServerOptions['config'] = {}): Promise<TestServer> {
  return startTestServer({ config: { ...GUARDED, ...config } });
}

/** A raw HTTP request: fetch refuses to send Upgrade headers, a guesser's script does not. */
function send(method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const url = new URL(server.url);
    const text = body === undefined ? undefined : JSON.stringify(body);
    const req = request({
      host: url.hostname,
      port: url.port,
      method,
      path,
      headers: { ...(text ? { 'content-type': 'application/json' } : {}), ...headers },
    });
    req.on('response', (res) => {
      let received = '';
      res.on('data', (chunk: Buffer) => (received += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: received.startsWith('{') ? JSON.parse(received) : received }));
    });
    req.on('error', reject);
    req.end(text);
  });
}

/** The status line of a request written by hand (Node's client hangs up on a refused upgrade). */
function rawStatus(head: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(new URL(server.url).port), '127.0.0.1');
    let received = '';
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString();
      const status = /^HTTP\/1\.1 (\d{3})/.exec(received);
      if (status) {
        resolve(Number(status[1]));
        socket.destroy();
      }
    });
    socket.on('error', reject);
    socket.write(`${head}\r\nHost: 127.0.0.1\r\n\r\n`);
  });
}

const guess = (headers: Record<string, string> = {}) => send('POST', '/api/auth/invite', headers, { token: `guess-${Math.random()}` });

describe('the sign-in guard', () => {
  it('counts and blocks sign-ins that carry an Upgrade header like any other', async () => {
    server = await startGuarded();
    for (let i = 0; i < 5; i++) expect((await guess({ upgrade: 'websocket' })).status).toBe(401);
    const refused = await guess({ upgrade: 'websocket' });
    expect(refused.status).toBe(429);
    expect(refused.json).toMatchObject({ error: { code: 'rate_limited' } });
  });

  it('refuses a blocked address on every route, whatever Upgrade header or path encoding it uses', async () => {
    server = await startGuarded();
    const session = await server.createSession();
    for (let i = 0; i < 5; i++) await guess();
    const admin = { authorization: `Bearer ${server.adminToken}` };
    expect((await send('GET', '/api/sessions', admin)).status).toBe(429);
    expect((await send('GET', '/api/sessions', { ...admin, upgrade: 'h2c' })).status).toBe(429);
    expect(
      await rawStatus(`GET /api/sessions HTTP/1.1\r\nConnection: Upgrade\r\nUpgrade: h2c\r\nAuthorization: ${admin.authorization}`),
    ).toBe(429);
    expect((await send('GET', '/%61pi/sessions', admin)).status).toBe(429);
    expect((await send('GET', '/api/no-such-route', admin)).status).toBe(429);
    // The live handshake is refused once, before the upgrade, with the same clean answer.
    expect(await handshakeStatus(server.wsUrl, session.id, { authorization: `Bearer ${session.invites.candidate.token}` })).toBe(429);
    expect((await send('GET', '/api/health', {})).status).toBe(200);
  });

  it('counts a guesser behind a configured proxy by the address the proxy saw, not the one it forged', async () => {
    server = await startGuarded({ trustProxy: loadConfig({ ATELIER_TRUST_PROXY: '127.0.0.1' }).trustProxy });
    // This test is the proxy: it appends the address it saw (203.0.113.7) to whatever the client sent.
    const viaProxy = () => guess({ 'x-forwarded-for': `198.51.100.${Math.floor(Math.random() * 250)}, 203.0.113.7` });
    for (let i = 0; i < 5; i++) expect((await viaProxy()).status).toBe(401);
    expect((await viaProxy()).status).toBe(429);
    // Another client of the same proxy is not blocked.
    const other = await send('GET', '/api/sessions', { authorization: `Bearer ${server.adminToken}`, 'x-forwarded-for': '203.0.113.8' });
    expect(other.status).toBe(200);
  });

  it('ignores X-Forwarded-For from a peer that is not a configured proxy', async () => {
    server = await startGuarded({ trustProxy: loadConfig({ ATELIER_TRUST_PROXY: '10.0.0.1,192.168.0.0/16' }).trustProxy });
    for (let i = 0; i < 5; i++) expect((await guess({ 'x-forwarded-for': `198.51.100.${i}` })).status).toBe(401);
    expect((await guess({ 'x-forwarded-for': '198.51.100.99' })).status).toBe(429);
  });

  it('reads ATELIER_TRUST_PROXY as nobody or proxy addresses, and refuses to trust any peer', () => {
    const trust = (value: string | undefined) => loadConfig({ ATELIER_TRUST_PROXY: value }).trustProxy;
    expect(trust(undefined)).toBe(false);
    expect(trust('false')).toBe(false);
    expect(trust('0')).toBe(false);
    expect(trust('127.0.0.1, 10.0.0.0/8,::1,fd00::/8,loopback')).toEqual(['127.0.0.1', '10.0.0.0/8', '::1', 'fd00::/8', 'loopback']);
    // `true` (and a hop count) trusted whoever connected: every guess could bring its own address.
    expect(() => trust('true')).toThrowError(/ATELIER_TRUST_PROXY=true would trust any peer's X-Forwarded-For/);
    expect(() => trust('1')).toThrowError(/give the proxy's address/);
    expect(() => trust('yes')).toThrowError(/ATELIER_TRUST_PROXY: "yes" is not an address/);
    expect(() => trust('10.0.0.0/33')).toThrowError(/not an address or a CIDR range/);
    expect(() => trust('proxy.internal')).toThrowError(/not an address/);
  });
});
