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
    const guess = () => fetch(`${server.url}/api/auth/invite`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: `guess-${Math.random()}` }) });
    for (let i = 0; i < 5; i++) expect((await guess()).status).toBe(401);
    const refused = await guess();
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ error: { code: 'rate_limited' } });
    // Even a valid token from that address waits: the guesser cannot tell a hit from a miss.
    const valid = await fetch(`${server.url}/api/auth/invite`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: session.invites.candidate.token }) });
    expect(valid.status).toBe(429);
    expect(await handshakeStatus(server.wsUrl, session.id, { authorization: `Bearer ${session.invites.candidate.token}` })).toBe(429);
    // Health stays up for monitoring.
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });

  it('ignores frames past the per-socket rate with a typed error, appending nothing', async () => {
    server = await startTestServer();
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
