import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../shared/events';
import { unpackEvents, type PackedEntry } from '../../shared/packed-log';
import { reduceAll } from '../../shared/reducer';
import { chatTurns, connectLive, type LiveClient } from '../helpers/live-client';
import { startTestServer, type TestServer } from '../helpers/server';

let server: TestServer;
const open: LiveClient[] = [];

beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
  await server.close();
});

async function join(sessionId: string, token: string, lastSeq = 0): Promise<LiveClient> {
  const client = await connectLive(server.wsUrl, sessionId, { token });
  open.push(client);
  await client.hello(lastSeq);
  return client;
}

const completedTurn = (c: LiveClient) => c.events.find((e) => e.type === 'turn.completed');
const turnEvents = (events: SessionEvent[]) => events.filter((e) => e.type.startsWith('turn.') || e.type === 'message.sent');

describe('a live session', () => {
  it('streams the answer to the candidate and the interviewer, the same events in the same order', async () => {
    const session = await server.createSession({ candidateName: 'Ada' });
    const candidate = await join(session.id, session.invites.candidate.token);
    const interviewer = await join(session.id, session.invites.interviewer.token);
    expect(candidate.welcome?.role).toBe('candidate');
    expect(interviewer.welcome?.role).toBe('interviewer');

    expect(await candidate.command('session.start')).toMatchObject({ type: 'ack' });
    const ack = await candidate.command('message.send', { text: 'What plans do you offer?' });
    expect(ack.type).toBe('ack');

    await candidate.waitFor(completedTurn);
    await interviewer.waitFor(completedTurn);
    const seen = turnEvents(candidate.events);
    expect(seen.map((e) => e.type)).toEqual(expect.arrayContaining(['message.sent', 'turn.started', 'turn.delta', 'turn.completed']));
    expect(turnEvents(interviewer.events)).toEqual(seen);

    const turn = chatTurns(candidate)[0]!;
    expect(turn.status).toBe('completed');
    expect(turn.text.length).toBeGreaterThan(20);
    expect(turn.text).toBe(
      seen
        .filter((e) => e.type === 'turn.delta')
        .map((e) => (e.data as { text: string }).text)
        .join(''),
    );
    expect(turn.usage!.outputTokens).toBeGreaterThan(0);
    expect(turn.request.system).toContain('Brightwave');
  });

  it('keeps staff notes away from the candidate, on the socket and over REST', async () => {
    const session = await server.createSession();
    const candidate = await join(session.id, session.invites.candidate.token);
    const interviewer = await join(session.id, session.invites.interviewer.token);
    const reviewer = await join(session.id, session.invites.reviewer.token);
    await candidate.command('session.start');

    expect(await interviewer.command('note.add', { text: 'Confident start', tags: ['strength'] })).toMatchObject({ type: 'ack' });
    await reviewer.waitFor((c) => c.state().notes.length === 1);
    // A later everyone-event proves the candidate's socket has caught up past the note.
    await candidate.command('prompt.draft', { text: 'A better prompt' });
    await interviewer.waitFor((c) => c.state().prompt.draft === 'A better prompt');
    await candidate.waitFor((c) => c.state().prompt.draft === 'A better prompt');
    expect(candidate.events.some((e) => e.type === 'note.added')).toBe(false);
    expect(JSON.stringify(candidate.frames)).not.toContain('Confident start');

    // A candidate joining after a staff-only event is told the head it can actually reach.
    await interviewer.command('note.add', { text: 'Second private note' });
    await reviewer.waitFor((c) => c.state().notes.length === 2);
    const late = await join(session.id, session.invites.candidate.token);
    expect(late.welcome!.headSeq).toBeLessThan(server.app.services.events.head(session.id));
    await late.waitFor((c) => c.events.at(-1)?.seq === late.welcome!.headSeq || undefined);

    const asCandidate = await fetch(`${server.url}/api/sessions/${session.id}/events`, {
      headers: { authorization: `Bearer ${session.invites.candidate.token}` },
    });
    expect(asCandidate.status).toBe(200);
    expect(JSON.stringify(await asCandidate.json())).not.toContain('Confident start');

    const asInterviewer = await fetch(`${server.url}/api/sessions/${session.id}/events`, {
      headers: { authorization: `Bearer ${session.invites.interviewer.token}` },
    });
    expect(JSON.stringify(await asInterviewer.json())).toContain('Confident start');
  });

  it('refuses commands a role may not send, and appends nothing', async () => {
    const session = await server.createSession();
    const candidate = await join(session.id, session.invites.candidate.token);
    const interviewer = await join(session.id, session.invites.interviewer.token);
    await candidate.command('session.start');
    const head = candidate.state().headSeq;

    expect(await candidate.command('note.add', { text: 'sneaky' })).toMatchObject({ type: 'error', code: 'forbidden' });
    expect(await interviewer.command('message.send', { text: 'typing for them' })).toMatchObject({ type: 'error', code: 'forbidden' });
    expect(await interviewer.command('prompt.draft', { text: 'x' })).toMatchObject({ type: 'error', code: 'forbidden' });
    expect(await candidate.command('session.start')).toMatchObject({ type: 'error', code: 'already_started' });

    const events = (await (
      await fetch(`${server.url}/api/sessions/${session.id}/events`, { headers: { authorization: `Bearer ${server.adminToken}` } })
    ).json()) as { events: SessionEvent[] };
    expect(events.events.at(-1)!.seq).toBe(head);
  });

  it('resumes from lastSeq with exactly the missed events: no gap, no duplicate', async () => {
    const session = await server.createSession();
    const candidate = await join(session.id, session.invites.candidate.token);
    await candidate.command('session.start');
    const interviewer = await join(session.id, session.invites.interviewer.token);
    await interviewer.waitFor((c) => c.state().status === 'live');
    const held = interviewer.state().headSeq;
    await interviewer.close();

    await candidate.command('message.send', { text: 'Hello' });
    await candidate.waitFor(completedTurn);
    await candidate.command('prompt.draft', { text: 'Changed while away' });

    const back = await join(session.id, session.invites.interviewer.token, held);
    const all = (await (
      await fetch(`${server.url}/api/sessions/${session.id}/events`, { headers: { authorization: `Bearer ${server.adminToken}` } })
    ).json()) as { events: SessionEvent[] };
    const expected = all.events.filter((e) => e.seq > held);
    await back.waitFor(
      (c) => c.events.at(-1)?.seq === all.events.at(-1)!.seq || (c.events.length >= expected.length && c.events.length > 0),
    );
    // The resumed client also sees its own participant.joined, which comes after the catch-up.
    const replayed = back.events.slice(0, expected.length);
    expect(replayed).toEqual(expected);
    const seqs = back.events.map((e) => e.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(seqs[0]).toBe(held + 1);
  });

  it('keeps the whole log across a restart', async () => {
    const session = await server.createSession();
    const candidate = await join(session.id, session.invites.candidate.token);
    await candidate.command('session.start');
    await candidate.command('message.send', { text: 'Remember me' });
    await candidate.waitFor(completedTurn);
    await candidate.close();
    open.length = 0;
    const before = server.app.services.events.all(session.id);

    server = await server.restart();
    const after = (await (
      await fetch(`${server.url}/api/sessions/${session.id}/events`, { headers: { authorization: `Bearer ${server.adminToken}` } })
    ).json()) as { events: SessionEvent[] };
    expect(after.events.slice(0, before.length)).toEqual(before);
    const back = await join(session.id, session.invites.candidate.token);
    await back.waitFor((c) => c.state().headSeq >= before.length);
    expect(chatTurns(back)[0]!.text).toBe(chatTurns(candidate)[0]!.text);
  });

  it('answers invalid frames with typed errors, appends nothing, and keeps the socket usable', async () => {
    const session = await server.createSession();
    const candidate = await connectLive(server.wsUrl, session.id, { token: session.invites.candidate.token });
    open.push(candidate);
    candidate.sendRaw('{"type":"command","id":"early","name":"session.start","data":{}}');
    expect(await candidate.nextFrame((f) => f.type === 'error')).toMatchObject({ code: 'hello_required', id: 'early' });
    await candidate.hello();
    const head = server.app.services.events.head(session.id);

    const cases: [string, string][] = [
      ['not json', 'bad_frame'],
      ['[1,2,3]', 'bad_frame'],
      ['{"type":"nope"}', 'bad_frame'],
      ['{"type":"hello","lastSeq":-1}', 'bad_frame'],
      ['{"type":"command","id":"x1","name":"session.explode","data":{}}', 'unknown_command'],
      ['{"type":"command","id":"x2","name":"message.send","data":{"text":""}}', 'invalid_payload'],
      ['{"type":"command","id":"x3","name":"message.send","data":{"text":"hi","extra":1}}', 'invalid_payload'],
      ['{"type":"command","id":"x4","name":"message.send","data":{"text":"hi"}}', 'not_started'],
    ];
    for (const [frame, code] of cases) {
      candidate.sendRaw(frame);
      expect(await candidate.nextFrame((f) => f.type === 'error'), frame).toMatchObject({ type: 'error', code });
    }
    expect(server.app.services.events.head(session.id)).toBe(head);
    expect(await candidate.command('session.start')).toMatchObject({ type: 'ack' });
  });

  it('closes a socket that sends a frame beyond the size limit, without touching the log', async () => {
    const session = await server.createSession();
    const candidate = await join(session.id, session.invites.candidate.token);
    const head = server.app.services.events.head(session.id);
    candidate.sendRaw(JSON.stringify({ type: 'command', id: 'big', name: 'prompt.draft', data: { text: 'x'.repeat(400_000) } }));
    const closed = await candidate.closed;
    expect(closed.code).toBe(1009);
    expect(server.app.services.events.head(session.id)).toBe(head + 1); // only participant.left
    expect(server.app.services.events.all(session.id).at(-1)!.type).toBe('participant.left');
  });
});

describe('reading a long log over REST', () => {
  it('packs deltas, and can leave out those of ended answers: the same head, the rest counted', async () => {
    await server.close();
    server = await startTestServer({ config: { simulator: { paceMs: 15, firstTokenMs: 0 } } });
    const session = await server.createSession();
    const candidate = await join(session.id, session.invites.candidate.token);
    await candidate.command('session.start');
    await candidate.command('message.send', { text: 'What plans do you offer?' });
    await candidate.waitFor(completedTurn, 20_000);
    await candidate.command('message.send', { text: 'And the cheapest one?' });
    // The second answer is streaming: a few of its deltas are in.
    const secondTurnId = () => candidate.events.filter((e) => e.type === 'turn.started').at(1)?.data.turnId as string | undefined;
    await candidate.waitFor((c) => c.events.filter((e) => e.type === 'turn.delta' && e.data.turnId === secondTurnId()).length >= 3, 20_000);

    const read = async (query: string) => {
      const response = await fetch(`${server.url}/api/sessions/${session.id}/events${query}`, {
        headers: { authorization: `Bearer ${session.invites.reviewer.token}` },
      });
      expect(response.status).toBe(200);
      return (await response.json()) as { events: PackedEntry[]; omitted?: number };
    };
    const partial = await read('?pack=deltas&omit=settled-deltas');
    const full = await read('?pack=deltas');
    const plain = await read('');
    const events = unpackEvents(partial.events);
    const firstTurnId = events.find((e) => e.type === 'turn.started')!.data.turnId;
    const deltasOf = (list: SessionEvent[], turnId: unknown) => list.filter((e) => e.type === 'turn.delta' && e.data.turnId === turnId);

    // Packed on the wire, the same events once unpacked.
    expect(full.events.some(Array.isArray)).toBe(true);
    expect(plain.events.some(Array.isArray)).toBe(false);
    const whole = unpackEvents(full.events).filter((e) => e.seq <= events.at(-1)!.seq);
    expect(whole).toEqual((plain.events as SessionEvent[]).filter((e) => e.seq <= events.at(-1)!.seq));
    // The ended answer's deltas are left out and counted; the streaming one keeps its own.
    expect(deltasOf(events, firstTurnId)).toEqual([]);
    expect(partial.omitted).toBe(deltasOf(whole, firstTurnId).length);
    expect(partial.omitted).toBeGreaterThan(3);
    expect(deltasOf(events, secondTurnId()).length).toBeGreaterThanOrEqual(3);
    // Same state at the head as the whole log up to the same event.
    expect(reduceAll(events)).toEqual(reduceAll(whole));
  }, 60_000);
});
