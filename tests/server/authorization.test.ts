import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audienceOf } from '../../shared/audience';
import { COMMAND_NAMES, type CommandName } from '../../shared/commands';
import { EVENT_TYPES, type EventType } from '../../shared/events';
import { chatTurns, connectLive, handshakeStatus, type LiveClient } from '../helpers/live-client';
import { startTestServer, type TestServer } from '../helpers/server';

// The authorization matrix, written out from the product's rules rather than read from the
// code's table, so that loosening a rule in the code fails here.

type Role = 'candidate' | 'interviewer' | 'reviewer' | 'admin';
const ROLES: Role[] = ['candidate', 'interviewer', 'reviewer', 'admin'];
const C: Role[] = ['candidate'];
const LIVE_STAFF: Role[] = ['interviewer', 'admin'];
const STAFF: Role[] = ['interviewer', 'reviewer', 'admin'];

const EXPECTED: Record<CommandName, Role[]> = {
  'session.start': C,
  'session.submit': C,
  'session.end': LIVE_STAFF,
  'session.extend': LIVE_STAFF,
  'session.allow_early_start': LIVE_STAFF,
  'prompt.draft': C,
  'prompt.save': C,
  'message.send': C,
  'message.regenerate': C,
  'turn.stop': C,
  'testcase.save': C,
  'testcase.remove': C,
  'testrun.start': C,
  'testrun.cancel': C,
  'compare.start': C,
  'compare.verdict': C,
  'flag.set': C,
  'flag.clear': C,
  'writeup.update': C,
  'activity.focus': C,
  'activity.paste': C,
  'view.changed': C,
  'hint.send': LIVE_STAFF,
  'note.add': STAFF,
  'note.edit': STAFF,
  'note.delete': STAFF,
  'score.set': STAFF,
  'question.mark': STAFF,
  'review.submit': ['interviewer', 'reviewer'],
  'check.override': STAFF,
};

/** Data that passes each command's schema, so that only the role decides. */
const SAMPLE: Record<CommandName, unknown> = {
  'session.start': {},
  'session.submit': {},
  'session.end': {},
  'session.extend': { minutes: 5 },
  'session.allow_early_start': {},
  'prompt.draft': { text: 'x' },
  'prompt.save': { text: 'x', label: 'v', rationale: '' },
  'message.send': { text: 'hi' },
  'message.regenerate': { messageId: 'nope' },
  'turn.stop': { turnId: 'nope' },
  'testcase.save': { title: 't', input: 'i', expectations: [] },
  'testcase.remove': { caseId: 'nope' },
  'testrun.start': { caseIds: ['nope'] },
  'testrun.cancel': { runId: 'nope' },
  'compare.start': { text: 'hi', sides: [{ versionId: 'nope' }, {}] },
  'compare.verdict': { compareId: 'nope', winner: 'tie', reason: '' },
  'flag.set': { turnId: 'nope', kind: 'wrong', reason: '' },
  'flag.clear': { flagId: 'nope' },
  'writeup.update': { text: 'w' },
  'activity.focus': { visible: true },
  'activity.paste': { target: 'prompt', chars: 1 },
  'view.changed': { tab: 'flags', thread: 'main', nodeId: null },
  'hint.send': { text: 'h' },
  'note.add': { text: 'n' },
  'note.edit': { noteId: 'nope', text: 'n' },
  'note.delete': { noteId: 'nope' },
  'score.set': { criterionId: 'c', level: 3, comment: '', evidence: [] },
  'question.mark': { questionId: 'q1', asked: true, notes: '' },
  'review.submit': {},
  'check.override': { runId: 'nope', caseId: 'nope', checkIndex: 0, verdict: 'pass', reason: 'r' },
};

let server: TestServer;
let session: Awaited<ReturnType<TestServer['createSession']>>;
let other: Awaited<ReturnType<TestServer['createSession']>>;
const clients: Partial<Record<Role, LiveClient>> = {};

beforeAll(async () => {
  server = await startTestServer();
  session = await server.createSession();
  other = await server.createSession();
  const tokens: Record<Role, string> = {
    candidate: session.invites.candidate.token,
    interviewer: session.invites.interviewer.token,
    reviewer: session.invites.reviewer.token,
    admin: server.adminToken,
  };
  for (const role of ROLES) {
    const client = await connectLive(server.wsUrl, session.id, { token: tokens[role] });
    await client.hello();
    clients[role] = client;
  }
});
afterAll(async () => {
  await Promise.all(Object.values(clients).map((c) => c!.close()));
  await server.close();
});

describe('authorization matrix', () => {
  it('has a row for every command', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...COMMAND_NAMES].sort());
  });

  it.each(COMMAND_NAMES.flatMap((name) => ROLES.map((role) => [name, role] as const)))('%s as %s', async (name, role) => {
    const answer = await clients[role]!.command(name, SAMPLE[name]);
    if (EXPECTED[name].includes(role)) expect(answer).not.toMatchObject({ type: 'error', code: 'forbidden' });
    else expect(answer).toMatchObject({ type: 'error', code: 'forbidden' });
  });
});

describe('what the candidate can reach', () => {
  it('never carries a staff event: socket, REST log, after every event type has occurred', async () => {
    const fresh = await server.createSession();
    const candidate = await connectLive(server.wsUrl, fresh.id, { token: fresh.invites.candidate.token });
    const interviewer = await connectLive(server.wsUrl, fresh.id, { token: fresh.invites.interviewer.token });
    const reviewer = await connectLive(server.wsUrl, fresh.id, { token: fresh.invites.reviewer.token });
    for (const c of [candidate, interviewer, reviewer]) await c.hello();
    await candidate.command('session.start');
    // Where the candidate is looking is recorded for staff; the candidate's ack names no event of theirs.
    expect(await candidate.command('view.changed', { tab: 'flags', thread: 'main', nodeId: null })).toMatchObject({
      type: 'ack',
      seqs: [],
    });
    // A provider failure produces the staff-only diagnostic.
    await candidate.command('message.send', { text: 'hello [[simulate:error-401]]' });
    await candidate.waitFor((c) => chatTurns(c)[0]?.status === 'failed');
    // A judge's provider failure produces its staff-only diagnostic; a staff verdict on a check is staff-only too.
    await candidate.command('testcase.save', {
      title: 'Judged',
      input: 'Hi',
      expectations: [{ kind: 'llm_rubric', rubric: 'Greets. [[simulate:error-401]]', threshold: 0.5 }],
    });
    await candidate.command('testrun.start', { caseIds: [candidate.state().testCaseOrder.at(-1)!] });
    const run = await candidate.waitFor((c) => Object.values(c.state().testRuns).find((r) => r.status === 'finished'));
    await interviewer.waitFor((c) => c.state().testRuns[run.id]?.status === 'finished');
    await interviewer.command('check.override', {
      runId: run.id,
      caseId: run.caseIds[0],
      checkIndex: 0,
      verdict: 'pass',
      reason: 'STAFF-OVERRIDE-MARKER',
    });
    await interviewer.command('note.add', { text: 'STAFF-NOTE-MARKER' });
    const note = await interviewer.waitFor((c) => c.state().notes[0]);
    await interviewer.command('note.edit', { noteId: note.id, text: 'STAFF-NOTE-MARKER edited' });
    await interviewer.command('note.delete', { noteId: note.id });
    await reviewer.command('score.set', { criterionId: 'precise-prompts', level: 2, comment: 'STAFF-SCORE-MARKER', evidence: [] });
    await reviewer.command('question.mark', { questionId: 'q1', asked: true, notes: 'STAFF-QUESTION-MARKER' });
    await reviewer.command('review.submit');
    await fetch(`${server.url}/api/sessions/${fresh.id}/review`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ blind: true }),
    });
    await candidate.command('prompt.draft', { text: 'last public event' });
    await candidate.waitFor((c) => c.state().prompt.draft === 'last public event');

    const staffTypes = EVENT_TYPES.filter((t) => audienceOf(t) === 'staff');
    const all = server.app.services.events.all(fresh.id);
    const occurred = new Set<EventType>(all.map((e) => e.type));
    for (const type of staffTypes) expect(occurred.has(type), `${type} never occurred`).toBe(true);

    const frames = JSON.stringify(candidate.frames);
    const rest = await (
      await fetch(`${server.url}/api/sessions/${fresh.id}/events`, {
        headers: { authorization: `Bearer ${fresh.invites.candidate.token}` },
      })
    ).text();
    for (const [where, text] of [
      ['socket', frames],
      ['REST', rest],
    ] as const) {
      for (const type of staffTypes) expect(text.includes(`"${type}"`), `${type} reached the candidate's ${where}`).toBe(false);
      for (const marker of ['STAFF-NOTE-MARKER', 'STAFF-SCORE-MARKER', 'STAFF-QUESTION-MARKER', 'STAFF-OVERRIDE-MARKER'])
        expect(text.includes(marker), `${marker} in ${where}`).toBe(false);
    }
    // Nor through its seqs: the candidate's numbering has no gap where a staff event was, and
    // resuming from the middle gives exactly the rest.
    const gapless = (seqs: number[]) => expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    gapless(candidate.events.map((e) => e.seq));
    const restEvents = (JSON.parse(rest) as { events: { seq: number }[] }).events;
    gapless(restEvents.map((e) => e.seq));
    expect(restEvents.length).toBeLessThan(all.length);
    const acked = await candidate.command('prompt.draft', { text: 'after the staff events' });
    expect(acked).toMatchObject({ type: 'ack', seqs: [restEvents.length + 1] });
    const resumed = await connectLive(server.wsUrl, fresh.id, { token: fresh.invites.candidate.token });
    await resumed.hello(5);
    await resumed.waitFor((c) => c.events.some((e) => e.type === 'prompt.draft' && e.data.text === 'after the staff events'));
    expect(resumed.events.map((e) => e.seq)).toEqual(resumed.events.map((_, i) => 6 + i));
    await resumed.close();
    for (const c of [candidate, interviewer, reviewer]) await c.close();
  });

  it("refuses one session's invites on another session, over REST and the socket", async () => {
    for (const role of ['candidate', 'interviewer', 'reviewer'] as const) {
      const token = session.invites[role].token;
      expect((await fetch(`${server.url}/api/sessions/${other.id}/events`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(
        404,
      );
      expect(await handshakeStatus(server.wsUrl, other.id, { authorization: `Bearer ${token}` })).toBe(404);
    }
  });

  it('refuses admin routes without the admin token, with a wrong one, or with any invite', async () => {
    const adminRoutes = [
      ['GET', '/api/sessions'],
      ['POST', '/api/sessions'],
      ['GET', '/api/exercises'],
      ['GET', '/api/providers'],
    ] as const;
    for (const [method, path] of adminRoutes) {
      const call = (authorization?: string) =>
        fetch(`${server.url}${path}`, {
          method,
          headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
          ...(method === 'POST' ? { body: '{}' } : {}),
        });
      expect((await call()).status, `${method} ${path} without token`).toBe(401);
      expect((await call('Bearer wrong-token')).status, `${method} ${path} wrong token`).toBe(401);
      for (const role of ['candidate', 'interviewer', 'reviewer'] as const) {
        expect((await call(`Bearer ${session.invites[role].token}`)).status, `${method} ${path} as ${role}`).toBe(403);
      }
    }
  });
});
