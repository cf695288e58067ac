import { afterEach, describe, expect, it } from 'vitest';
import { LIMITS } from '../../shared/limits';
import { connectLive, handshakeStatus, type LiveClient } from '../helpers/live-client';
import { startTestServer, type TestServer } from '../helpers/server';

let server: TestServer;
const open: LiveClient[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
  await server.close();
});

describe('abuse limits', () => {
  it('stops an address that keeps guessing tokens, on every entry point, while others carry on', async () => {
    server = await startTestServer({ config: { limits: { maxConcurrentTurns: 4, turnsPerMinute: 30, failedJoinsPerMinute: 5 } } });
    const session = await server.createSession();
    const guess = () =>
      fetch(`${server.url}/api/auth/invite`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: `guess-${Math.random()}` }),
      });
    for (let i = 0; i < 5; i++) expect((await guess()).status).toBe(401);
    const refused = await guess();
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ error: { code: 'rate_limited' } });
    // Even a valid token from that address waits: the guesser cannot tell a hit from a miss.
    const valid = await fetch(`${server.url}/api/auth/invite`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: session.invites.candidate.token }),
    });
    expect(valid.status).toBe(429);
    expect(await handshakeStatus(server.wsUrl, session.id, { authorization: `Bearer ${session.invites.candidate.token}` })).toBe(429);
    // Health stays up for monitoring.
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });

  it('ignores frames past the per-participant rate with a typed error, appending nothing', async () => {
    server = await startTestServer({ config: { rateLimits: { framesPerMinute: LIMITS.framesPerMinute } } });
    const session = await server.createSession();
    const candidate = await connectLive(server.wsUrl, session.id, { token: session.invites.candidate.token });
    open.push(candidate);
    await candidate.hello();
    await candidate.command('session.start');
    const head = server.app.services.events.head(session.id);
    for (let i = 0; i < LIMITS.framesPerMinute; i++) candidate.sendRaw('{"type":"ping"}');
    const answer = await candidate.command('prompt.draft', { text: 'over the limit' });
    expect(answer).toMatchObject({ type: 'error', code: 'rate_limited' });
    expect(server.app.services.events.head(session.id)).toBe(head);
    expect(candidate.ws.readyState).toBe(candidate.ws.OPEN);
  });

  it('gives a fresh socket no fresh frame budget: the 601st frame of the minute is refused, whichever socket sends it', async () => {
    server = await startTestServer({ config: { rateLimits: { framesPerMinute: LIMITS.framesPerMinute } } });
    const session = await server.createSession();
    const connect = async () => {
      const client = await connectLive(server.wsUrl, session.id, { token: session.invites.candidate.token });
      open.push(client);
      await client.hello(); // a socket's hello is bounded by the handshake budget, not counted here
      return client;
    };
    const pongs = (client: LiveClient) => client.frames.filter((f) => f.type === 'pong').length;
    const first = await connect();
    await first.command('session.start'); // frame 1
    for (let i = 0; i < 399; i++) first.sendRaw('{"type":"ping"}'); // frames 2–400
    await first.waitFor((c) => pongs(c) === 399);
    await first.close();
    const second = await connect();
    for (let i = 0; i < 199; i++) second.sendRaw('{"type":"ping"}'); // frames 401–599
    expect((await second.command('prompt.draft', { text: 'frame 600' })).type).toBe('ack');
    const head = server.app.services.events.head(session.id);
    expect(await second.command('prompt.draft', { text: 'frame 601' })).toMatchObject({ type: 'error', code: 'rate_limited' });
    // A third socket is welcomed and catches up, but brings no fresh budget either.
    const third = await connect();
    expect(third.state().prompt.draft).toBe('frame 600');
    expect(await third.command('prompt.draft', { text: 'frame 602' })).toMatchObject({ type: 'error', code: 'rate_limited' });
    expect(server.app.services.events.after(session.id, head).filter((e) => !e.type.startsWith('participant.'))).toEqual([]);
    // The interviewer's budget is their own.
    const interviewer = await connectLive(server.wsUrl, session.id, { token: session.invites.interviewer.token });
    open.push(interviewer);
    await interviewer.hello();
    expect(await interviewer.command('note.add', { text: 'still fine' })).toMatchObject({ type: 'ack' });
  });

  it('bounds the text a participant sends per minute, whatever the frame count', async () => {
    server = await startTestServer({ config: { rateLimits: { frameCharsPerMinute: 10_000 } } });
    const session = await server.createSession();
    const candidate = await connectLive(server.wsUrl, session.id, { token: session.invites.candidate.token });
    const interviewer = await connectLive(server.wsUrl, session.id, { token: session.invites.interviewer.token });
    open.push(candidate, interviewer);
    await candidate.hello();
    await interviewer.hello();
    await candidate.command('session.start');
    expect((await candidate.command('prompt.draft', { text: 'a'.repeat(6_000) })).type).toBe('ack');
    const head = server.app.services.events.head(session.id);
    expect(await candidate.command('prompt.draft', { text: 'b'.repeat(6_000) })).toMatchObject({ type: 'error', code: 'rate_limited' });
    expect(server.app.services.events.head(session.id)).toBe(head);
    // Small frames still fit in what is left.
    expect((await candidate.command('prompt.draft', { text: 'short' })).type).toBe('ack');
    await interviewer.waitFor((c) => c.state().prompt.draft === 'short');
    expect(interviewer.events.some((e) => e.type === 'prompt.draft' && JSON.stringify(e.data).includes('bbbb'))).toBe(false);
  });

  it('limits handshakes per invite per minute, refusing the upgrade with 429 before it becomes a socket', async () => {
    server = await startTestServer({ config: { rateLimits: { handshakesPerMinute: 3 } } });
    const session = await server.createSession();
    const auth = { authorization: `Bearer ${session.invites.candidate.token}` };
    for (let i = 0; i < 3; i++) expect(await handshakeStatus(server.wsUrl, session.id, auth)).toBe(101);
    expect(await handshakeStatus(server.wsUrl, session.id, auth)).toBe(429);
    // Another invite of the same session, from the same address, still connects.
    expect(await handshakeStatus(server.wsUrl, session.id, { authorization: `Bearer ${session.invites.interviewer.token}` })).toBe(101);
  });

  it('limits API requests per address per minute, answering 429 with the typed error body', async () => {
    server = await startTestServer({ config: { rateLimits: { requestsPerMinute: 5 } } });
    const list = () => fetch(`${server.url}/api/sessions`, { headers: { authorization: `Bearer ${server.adminToken}` } });
    for (let i = 0; i < 5; i++) expect((await list()).status).toBe(200);
    const refused = await list();
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ error: { code: 'rate_limited' } });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // Even through an encoded path or as a WebSocket handshake.
    expect((await fetch(`${server.url}/%61pi/sessions`, { headers: { authorization: `Bearer ${server.adminToken}` } })).status).toBe(429);
    expect(await handshakeStatus(server.wsUrl, 'any', { authorization: `Bearer ${server.adminToken}` })).toBe(429);
    // Health stays up for monitoring.
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });

  it('gives the sign-in routes one stricter budget per address, apart from the rest of the API', async () => {
    server = await startTestServer({ config: { rateLimits: { signInsPerMinute: 3 } } });
    const session = await server.createSession();
    const signIn = (path: string, token: string) =>
      fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
    expect((await signIn('/api/auth/invite', session.invites.candidate.token)).status).toBe(200);
    expect((await signIn('/api/auth/invite', session.invites.interviewer.token)).status).toBe(200);
    expect((await signIn('/api/auth/admin', server.adminToken)).status).toBe(204);
    const refused = await signIn('/api/auth/invite', session.invites.reviewer.token);
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ error: { code: 'rate_limited' } });
    expect((await fetch(`${server.url}/api/auth/me`)).status).toBe(429);
    expect((await fetch(`${server.url}/api/sessions`, { headers: { authorization: `Bearer ${server.adminToken}` } })).status).toBe(200);
  });

  it('caps the sockets one invite may hold, closing the extra one with its close code', async () => {
    server = await startTestServer();
    const session = await server.createSession();
    for (let i = 0; i < LIMITS.socketsPerParticipant; i++) {
      const client = await connectLive(server.wsUrl, session.id, { token: session.invites.interviewer.token });
      open.push(client);
      await client.hello();
    }
    const extra = await connectLive(server.wsUrl, session.id, { token: session.invites.interviewer.token });
    open.push(extra);
    extra.sendRaw(JSON.stringify({ type: 'hello', lastSeq: 0 }));
    expect(await extra.closed).toMatchObject({ code: 4029 });
    // Another participant of the same session is unaffected.
    const candidate = await connectLive(server.wsUrl, session.id, { token: session.invites.candidate.token });
    open.push(candidate);
    expect((await candidate.hello()).role).toBe('candidate');
  });
});
