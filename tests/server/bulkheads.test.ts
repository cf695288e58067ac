import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { draft, type SessionEvent } from '../../shared/events';
import { connectLive, type LiveClient } from '../helpers/live-client';
import { rawSqlite } from '../helpers/raw-sqlite';
import { startTestServer, type TestServer } from '../helpers/server';

// One participant's bad data fails that participant's command and nothing else: no other
// session's socket, commit or log may feel it.

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ config: { simulator: { paceMs: 15, firstTokenMs: 0 }, coalescing: { intervalMs: 0, maxChars: 2048 } } });
});
afterAll(async () => server.close());

/** A live session with its candidate and interviewer connected. */
async function liveSession() {
  const created = await server.createSession();
  const candidate = await connectLive(server.wsUrl, created.id, { token: created.invites.candidate.token });
  await candidate.hello();
  await candidate.command('session.start');
  const interviewer = await connectLive(server.wsUrl, created.id, { token: created.invites.interviewer.token });
  await interviewer.hello();
  return { id: created.id, created, candidate, interviewer };
}

function expectGapless(events: readonly SessionEvent[]): void {
  expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
}

const isOpen = (client: LiveClient) => client.ws.readyState === client.ws.OPEN;

describe('bulkheads', () => {
  it('refuses an expectation smuggling 20,000 nested arrays as a typed error; another session streams on', async () => {
    const victim = await liveSession();
    const attacker = await liveSession();
    await victim.candidate.command('message.send', { text: 'Tell me about the plans and the router, in detail' });
    const head = server.app.services.events.head(attacker.id);
    const nested = '['.repeat(20_000) + ']'.repeat(20_000);
    const frame = `{"type":"command","id":"evil","name":"testcase.save","data":{"title":"t","input":"i","expectations":[{"kind":"contains","value":"x","extra":${nested}}]}}`;
    attacker.candidate.sendRaw(frame);
    const answer = await attacker.candidate.nextFrame((f) => f.type === 'error');
    expect(answer).toMatchObject({ type: 'error', code: 'bad_frame' });
    // Within the depth bound, the unknown field alone is refused.
    const shallow = await attacker.candidate.command('testcase.save', {
      title: 't',
      input: 'i',
      expectations: [{ kind: 'contains', value: 'x', extra: [[[1]]] }],
    });
    expect(shallow).toMatchObject({ type: 'error', code: 'invalid_payload' });
    expect(server.app.services.events.head(attacker.id)).toBe(head);
    await victim.candidate.waitFor((c) => c.state().turnOrder.some((id) => c.state().turns[id]!.status === 'completed'), 10_000);
    expect(await victim.interviewer.command('note.add', { text: 'still here' })).toMatchObject({ type: 'ack' });
    for (const client of [victim.candidate, victim.interviewer, attacker.candidate, attacker.interviewer])
      expect(isOpen(client)).toBe(true);
    expectGapless(server.app.services.events.all(victim.id));
  });

  it('refuses a request body nested too deeply with a typed 400, before parsing it', async () => {
    const response = await fetch(`${server.url}/api/sessions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
      body: `{"candidateName":"x","extra":${'['.repeat(20_000)}${']'.repeat(20_000)}}`,
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'invalid_payload' } });
  });

  it("closes only the session whose commit failed; the others' events commit, and the failed room never writes again", async () => {
    const healthy = await liveSession();
    const broken = await liveSession();
    const sqlite = rawSqlite(server);
    await broken.candidate.command('message.send', { text: 'A long answer about every plan, please' });
    await healthy.candidate.command('message.send', { text: 'A long answer about the router, please' });
    await broken.candidate.waitFor((c) => c.events.some((e) => e.type === 'turn.delta'));
    // The broken session's next append fails inside the group commit it shares with the other:
    // both appends below are made in one turn of the event loop, so they are one batch.
    sqlite.exec(
      `CREATE TRIGGER fail_one BEFORE INSERT ON events WHEN NEW.session_id = '${broken.id}' BEGIN SELECT RAISE(ABORT, 'injected failure'); END`,
    );
    const { rooms } = server.app.services;
    const actor = { role: 'candidate' as const, participantId: 'test' };
    rooms.peek(broken.id)!.room.append([draft('prompt.draft', actor, { text: 'lost' })]);
    rooms.peek(healthy.id)!.room.append([draft('prompt.draft', actor, { text: 'kept' })]);
    await healthy.interviewer.waitFor((c) => c.events.some((e) => e.type === 'prompt.draft' && e.data.text === 'kept'));
    const closed = await broken.candidate.closed;
    expect(closed.code).toBe(1011);
    await broken.interviewer.closed;
    const stored = server.app.services.events.head(broken.id);
    sqlite.exec('DROP TRIGGER fail_one');
    // The evicted room's answer is not streaming into the log any more.
    await new Promise((r) => setTimeout(r, 300));
    expect(server.app.services.events.head(broken.id)).toBe(stored);

    await healthy.candidate.waitFor((c) => c.state().turnOrder.every((id) => c.state().turns[id]!.status !== 'streaming'), 15_000);
    expect(await healthy.interviewer.command('note.add', { text: 'unaffected' })).toMatchObject({ type: 'ack' });
    expect(isOpen(healthy.candidate) && isOpen(healthy.interviewer)).toBe(true);
    expectGapless(server.app.services.events.all(healthy.id));

    // The broken session reopens from what is durable and carries on, gapless.
    const again = await connectLive(server.wsUrl, broken.id, { token: broken.created.invites.candidate.token });
    await again.hello();
    const cut = await again.waitFor((c) => Object.values(c.state().turns).find((t) => t.status === 'failed'));
    expect(cut.failure?.kind).toBe('interrupted');
    expect(await again.command('prompt.draft', { text: 'back' })).toMatchObject({ type: 'ack' });
    expectGapless(server.app.services.events.all(broken.id));
    await Promise.all([healthy.candidate.close(), healthy.interviewer.close(), again.close()]);
  });

  it('checks what staff commands point at: rubric criteria, questions, answers, versions and instants', async () => {
    const { candidate, interviewer } = await liveSession();
    const refusals = [
      await interviewer.command('score.set', { criterionId: 'no-such-criterion', level: 3, comment: '', evidence: [] }),
      await interviewer.command('score.set', {
        criterionId: 'precise-prompts',
        level: 3,
        comment: '',
        evidence: [{ at: Date.now(), turnId: 'no-such-turn' }],
      }),
      await interviewer.command('question.mark', { questionId: 'no-such-question', asked: true, notes: '' }),
      await interviewer.command('note.add', { text: 'n', turnId: 'no-such-turn' }),
      await interviewer.command('note.add', { text: 'n', versionId: 'no-such-version' }),
      await interviewer.command('note.add', { text: 'n', pinnedAt: 1 }),
      await interviewer.command('note.add', { text: 'n', pinnedAt: Date.now() + 86_400_000 }),
    ];
    expect(refusals.map((r) => r.type === 'error' && r.code)).toEqual([
      'not_found',
      'not_found',
      'not_found',
      'not_found',
      'not_found',
      'invalid_payload',
      'invalid_payload',
    ]);
    expect(await interviewer.command('score.set', { criterionId: 'precise-prompts', level: 3, comment: '', evidence: [] })).toMatchObject({
      type: 'ack',
    });
    expect(await interviewer.command('question.mark', { questionId: 'q1', asked: true, notes: '' })).toMatchObject({ type: 'ack' });
    await Promise.all([candidate.close(), interviewer.close()]);
  });
});
