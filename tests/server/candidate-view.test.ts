import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LIMITS } from '../../shared/limits';
import { chatTurns, connectLive, type LiveClient } from '../helpers/live-client';
import { ManualClock } from '../helpers/manual-clock';
import { startTestServer, type TestServer } from '../helpers/server';

// `view.changed`: the candidate says where they are looking (tab, conversation, branch) so that
// staff can follow along. Staff only, bounded, and only places that exist.

let server: TestServer;
let clock: ManualClock;
const open: LiveClient[] = [];
beforeEach(async () => {
  clock = new ManualClock(Date.now());
  server = await startTestServer({ clock });
});
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

async function live() {
  const session = await server.createSession();
  const candidate = await join(session.id, session.invites.candidate.token);
  const interviewer = await join(session.id, session.invites.interviewer.token);
  const reviewer = await join(session.id, session.invites.reviewer.token);
  await candidate.command('session.start');
  return { session, candidate, interviewer, reviewer };
}

describe('where the candidate is looking (view.changed)', () => {
  it('reaches staff with the tab and branch, never the candidate; an unchanged view appends nothing', async () => {
    const { session, candidate, interviewer, reviewer } = await live();
    await candidate.command('message.send', { text: 'First question' });
    const answer = await candidate.waitFor((c) => chatTurns(c).find((t) => t.status === 'completed'));

    expect(await candidate.command('view.changed', { tab: 'flags', thread: 'main', nodeId: answer.id })).toMatchObject({
      type: 'ack',
      seqs: [],
    });
    for (const staff of [interviewer, reviewer]) {
      const view = await staff.waitFor((c) => c.state().candidateView);
      expect(view).toMatchObject({ tab: 'flags', thread: 'main', nodeId: answer.id });
    }
    // The same view again records nothing.
    await candidate.command('view.changed', { tab: 'flags', thread: 'main', nodeId: answer.id });
    await candidate.command('view.changed', { tab: 'writeup', thread: 'seed', nodeId: null });
    await interviewer.waitFor((c) => c.state().candidateView?.tab === 'writeup');
    const recorded = server.app.services.events.all(session.id).filter((e) => e.type === 'view.changed');
    expect(recorded.map((e) => e.data)).toEqual([
      { tab: 'flags', thread: 'main', nodeId: answer.id },
      { tab: 'writeup', thread: 'seed', nodeId: null },
    ]);
    expect(recorded.every((e) => e.actor.role === 'candidate')).toBe(true);

    // The candidate's own view is whole and gapless, without these events.
    expect(JSON.stringify(candidate.frames)).not.toContain('"view.changed"');
    expect(candidate.state().candidateView).toBeNull();
    expect(candidate.events.map((e) => e.seq)).toEqual(candidate.events.map((_, i) => i + 1));
    const rest = await fetch(`${server.url}/api/sessions/${session.id}/events`, {
      headers: { authorization: `Bearer ${session.invites.candidate.token}` },
    });
    expect(await rest.text()).not.toContain('view.changed');
  });

  it('refuses staff, places that do not exist, malformed views, and a session not live', async () => {
    const session = await server.createSession();
    const candidate = await join(session.id, session.invites.candidate.token);
    const interviewer = await join(session.id, session.invites.interviewer.token);
    expect(await candidate.command('view.changed', { tab: 'tests', thread: 'main', nodeId: null })).toMatchObject({
      type: 'error',
      code: 'not_started',
    });
    await candidate.command('session.start');
    expect(await interviewer.command('view.changed', { tab: 'tests', thread: 'main', nodeId: null })).toMatchObject({
      type: 'error',
      code: 'forbidden',
    });
    // A node that is not there, or not in that conversation (the seed's answer named as the chat's).
    expect(await candidate.command('view.changed', { tab: 'tests', thread: 'main', nodeId: 'nope' })).toMatchObject({
      type: 'error',
      code: 'not_found',
    });
    expect(await candidate.command('view.changed', { tab: 'tests', thread: 'main', nodeId: 'seed-a1' })).toMatchObject({
      type: 'error',
      code: 'not_found',
    });
    for (const data of [
      { tab: 'admin', thread: 'main', nodeId: null },
      { tab: 'tests', thread: 'run:x:y', nodeId: null },
      { tab: 'tests', thread: 'main', nodeId: 'x'.repeat(65) },
      { tab: 'tests', thread: 'main', nodeId: null, extra: 'x'.repeat(1000) },
      { tab: 'tests', thread: 'main' },
    ]) {
      expect(await candidate.command('view.changed', data as never), JSON.stringify(data).slice(0, 60)).toMatchObject({
        type: 'error',
        code: 'invalid_payload',
      });
    }
    await candidate.command('session.submit');
    expect(await candidate.command('view.changed', { tab: 'tests', thread: 'main', nodeId: null })).toMatchObject({
      type: 'error',
      code: 'session_ended',
    });
    expect(server.app.services.events.all(session.id).some((e) => e.type === 'view.changed')).toBe(false);
  });

  it('records at most the per-minute bound of view changes, a fresh socket bringing no fresh budget', async () => {
    const { session, candidate } = await live();
    const tabs = ['tests', 'flags'] as const;
    for (let i = 0; i < LIMITS.viewChangesPerMinute; i++) {
      expect(await candidate.command('view.changed', { tab: tabs[i % 2]!, thread: 'main', nodeId: null })).toMatchObject({ type: 'ack' });
    }
    expect(await candidate.command('view.changed', { tab: 'compare', thread: 'main', nodeId: null })).toMatchObject({
      type: 'error',
      code: 'rate_limited',
    });
    const second = await join(session.id, session.invites.candidate.token);
    expect(await second.command('view.changed', { tab: 'compare', thread: 'main', nodeId: null })).toMatchObject({
      type: 'error',
      code: 'rate_limited',
    });
    const count = () => server.app.services.events.all(session.id).filter((e) => e.type === 'view.changed').length;
    expect(count()).toBe(LIMITS.viewChangesPerMinute);
    clock.advance(60_001);
    expect(await candidate.command('view.changed', { tab: 'compare', thread: 'main', nodeId: null })).toMatchObject({ type: 'ack' });
    expect(count()).toBe(LIMITS.viewChangesPerMinute + 1);
  });
});
