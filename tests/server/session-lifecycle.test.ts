import { afterEach, describe, expect, it } from 'vitest';
import { chatTurns, connectLive, type LiveClient } from '../helpers/live-client';
import { ManualClock } from '../helpers/manual-clock';
import { rawSqlite } from '../helpers/raw-sqlite';
import { startTestServer, type TestServer } from '../helpers/server';

let server: TestServer;
const open: LiveClient[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
  await server.close();
});

async function join(sessionId: string, token: string): Promise<LiveClient> {
  const client = await connectLive(server.wsUrl, sessionId, { token });
  open.push(client);
  await client.hello();
  return client;
}

describe('session lifecycle', () => {
  it('sets the deadline from the exercise, ends the session at time up, and refuses work afterwards', async () => {
    const clock = new ManualClock();
    server = await startTestServer({ clock });
    const session = await server.createSession();
    const candidate = await join(session.id, session.invites.candidate.token);
    await candidate.command('session.start');
    const state = await candidate.waitFor((c) => (c.state().status === 'live' ? c.state() : undefined));
    expect(state.deadline).toBe(clock.now() + 60 * 60_000);

    clock.advance(59 * 60_000);
    expect(await candidate.command('prompt.draft', { text: 'still in time' })).toMatchObject({ type: 'ack' });
    clock.advance(60_000);
    await candidate.waitFor((c) => c.state().endReason === 'time_up');
    expect(await candidate.command('message.send', { text: 'too late' })).toMatchObject({ type: 'error', code: 'time_up' });
    expect(await candidate.command('prompt.draft', { text: 'too late' })).toMatchObject({ type: 'error', code: 'time_up' });
  });

  it('lets the interviewer extend the deadline, and the new deadline holds', async () => {
    const clock = new ManualClock();
    server = await startTestServer({ clock });
    const session = await server.createSession();
    const candidate = await join(session.id, session.invites.candidate.token);
    const interviewer = await join(session.id, session.invites.interviewer.token);
    await candidate.command('session.start');
    expect(await interviewer.command('session.extend', { minutes: 10 })).toMatchObject({ type: 'ack' });
    await candidate.waitFor((c) => c.state().deadline === clock.now() + 70 * 60_000);
    clock.advance(65 * 60_000);
    expect(candidate.state().status).toBe('live');
    clock.advance(5 * 60_000);
    await candidate.waitFor((c) => c.state().endReason === 'time_up');
  });

  it("stops a streaming answer on the candidate's request and keeps the partial text", async () => {
    server = await startTestServer({ config: { simulator: { paceMs: 20, firstTokenMs: 0 } } });
    const session = await server.createSession();
    const candidate = await join(session.id, session.invites.candidate.token);
    await candidate.command('session.start');
    await candidate.command('message.send', { text: 'Tell me everything about your plans' });
    const delta = await candidate.waitFor((c) => c.events.find((e) => e.type === 'turn.delta'));
    const turnId = (delta.data as { turnId: string }).turnId;
    expect(await candidate.command('message.send', { text: 'and again' })).toMatchObject({ type: 'error', code: 'turn_in_progress' });
    expect(await candidate.command('turn.stop', { turnId })).toMatchObject({ type: 'ack', seqs: [] });
    const turn = await candidate.waitFor((c) => (c.state().turns[turnId]?.status === 'cancelled' ? c.state().turns[turnId] : undefined));
    expect(turn.cancelReason).toBe('stopped');
    expect(turn.text.length).toBeGreaterThan(0);
    expect(await candidate.command('turn.stop', { turnId })).toMatchObject({ type: 'error', code: 'turn_not_running' });
  });

  it('ends the session when staff end it, cancelling the answer in flight', async () => {
    server = await startTestServer({ config: { simulator: { paceMs: 20, firstTokenMs: 0 } } });
    const session = await server.createSession();
    const candidate = await join(session.id, session.invites.candidate.token);
    const interviewer = await join(session.id, session.invites.interviewer.token);
    await candidate.command('session.start');
    await candidate.command('message.send', { text: 'A long question please' });
    await candidate.waitFor((c) => c.events.find((e) => e.type === 'turn.delta'));
    expect(await candidate.command('session.end')).toMatchObject({ type: 'error', code: 'forbidden' });
    expect(await interviewer.command('session.end')).toMatchObject({ type: 'ack' });
    const turn = await candidate.waitFor((c) => chatTurns(c).find((t) => t.status === 'cancelled'));
    expect(turn.cancelReason).toBe('session_ended');
    expect(candidate.state().endReason).toBe('ended_by_staff');
    expect(await candidate.command('prompt.draft', { text: 'x' })).toMatchObject({ type: 'error', code: 'session_ended' });
  });

  it('records an answer cut by a crash as interrupted when the session reopens', async () => {
    server = await startTestServer({ config: { simulator: { paceMs: 50, firstTokenMs: 0 } } });
    const session = await server.createSession();
    const candidate = await join(session.id, session.invites.candidate.token);
    await candidate.command('session.start');
    await candidate.command('message.send', { text: 'Keep talking' });
    await candidate.waitFor((c) => c.events.find((e) => e.type === 'turn.delta'));
    // Simulate a crash: the process dies without recording the turn's end.
    const sqlite = rawSqlite(server);
    const streaming = sqlite
      .prepare("SELECT count(*) AS n FROM events WHERE session_id = ? AND type IN ('turn.completed','turn.failed','turn.cancelled')")
      .get(session.id) as { n: number };
    expect(streaming.n).toBe(0);
    const dataDir = server.dataDir;
    const copy = `${dataDir}-crash`;
    sqlite.exec(`VACUUM INTO '${copy}.db'`);
    await candidate.close();
    open.length = 0;
    await server.close();
    const { mkdirSync, renameSync } = await import('node:fs');
    mkdirSync(copy, { recursive: true });
    renameSync(`${copy}.db`, `${copy}/atelier.db`);
    server = await startTestServer({ dataDir: copy });
    const back = await join(session.id, session.invites.candidate.token);
    const turn = await back.waitFor((c) => chatTurns(c).find((t) => t.status === 'failed'));
    expect(turn.failure?.kind).toBe('interrupted');
    expect(turn.text.length).toBeGreaterThan(0);
  });

  it('closes an open socket when its invite expires', async () => {
    const clock = new ManualClock();
    server = await startTestServer({ clock });
    const session = await server.createSession({ inviteTtlHours: 1 } as never);
    const interviewer = await join(session.id, session.invites.interviewer.token);
    clock.advance(59 * 60_000);
    expect(interviewer.ws.readyState).toBe(interviewer.ws.OPEN);
    clock.advance(2 * 60_000);
    expect((await interviewer.closed).code).toBe(4001);
  });

  it('refuses parameters outside the exercise bounds and unknown models', async () => {
    server = await startTestServer();
    const session = await server.createSession();
    const candidate = await join(session.id, session.invites.candidate.token);
    await candidate.command('session.start');
    expect(await candidate.command('message.send', { text: 'hi', params: { temperature: 9 } })).toMatchObject({
      type: 'error',
      code: 'param_out_of_bounds',
    });
    expect(await candidate.command('message.send', { text: 'hi', model: 'openai/gpt-imaginary' })).toMatchObject({
      type: 'error',
      code: 'model_not_allowed',
    });
    expect(await candidate.command('message.send', { text: 'hi', model: 'offline/simulator', params: { temperature: 0.2 } })).toMatchObject(
      { type: 'ack' },
    );
  });
});
