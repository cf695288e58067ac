import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chatTurns, connectLive, type LiveClient } from '../helpers/live-client';
import { systemClock } from '../../server/clock';
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

async function join(sessionId: string, token: string): Promise<LiveClient> {
  const client = await connectLive(server.wsUrl, sessionId, { token });
  open.push(client);
  await client.hello();
  return client;
}

async function startedSession() {
  const session = await server.createSession();
  const candidate = await join(session.id, session.invites.candidate.token);
  await candidate.command('session.start');
  return { session, candidate };
}

describe("the candidate's work", () => {
  it('saves prompt versions with label and rationale, chained to their parent', async () => {
    const { candidate } = await startedSession();
    await candidate.command('prompt.save', { text: 'v1 text', label: 'First', rationale: 'Baseline' });
    await candidate.command('prompt.save', { text: 'v2 text', label: 'Second', rationale: 'Stay in scope' });
    const { prompt } = await candidate.waitFor((c) => (c.state().prompt.versions.length === 2 ? c.state() : undefined));
    expect(prompt.versions.map((v) => [v.number, v.label, v.rationale])).toEqual([
      [1, 'First', 'Baseline'],
      [2, 'Second', 'Stay in scope'],
    ]);
    expect(prompt.versions[1]!.parentId).toBe(prompt.versions[0]!.id);
    expect(prompt.draft).toBe('v2 text');
  });

  it('branches the conversation when an earlier message is edited, and sends only the branch upstream', async () => {
    const { candidate } = await startedSession();
    await candidate.command('message.send', { text: 'First question' });
    await candidate.waitFor((c) => chatTurns(c).some((t) => t.status === 'completed'));
    await candidate.command('message.send', { text: 'Follow-up' });
    await candidate.waitFor((c) => chatTurns(c).filter((t) => t.status === 'completed').length === 2);
    // Edit the first question: a new root in the same thread.
    await candidate.command('message.send', { text: 'First question, rephrased', parentId: null });
    const state = await candidate.waitFor((c) =>
      chatTurns(c).filter((t) => t.status === 'completed').length === 3 ? c.state() : undefined,
    );
    expect(state.threads.main!.rootIds).toHaveLength(2);
    const chat = state.turnOrder.map((id) => state.turns[id]!).filter((t) => t.threadId === 'main');
    const last = chat[2]!;
    expect(last.request.messages).toEqual([{ role: 'user', content: 'First question, rephrased' }]);
    const second = chat[1]!;
    expect(second.request.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
  });

  it('regenerates an answer as a sibling of the previous one, without repeating the question', async () => {
    const { candidate } = await startedSession();
    await candidate.command('message.send', { text: 'What plans do you offer?' });
    const first = await candidate.waitFor((c) => chatTurns(c).find((t) => t.status === 'completed'));
    expect(await candidate.command('message.regenerate', { messageId: first.parentId, params: { temperature: 0.1 } })).toMatchObject({
      type: 'ack',
    });
    const state = await candidate.waitFor((c) =>
      chatTurns(c).filter((t) => t.status === 'completed').length === 2 ? c.state() : undefined,
    );
    const question = state.nodes[first.parentId]!;
    expect(question.childIds).toHaveLength(2);
    expect(Object.values(state.nodes).filter((n) => n.kind === 'user' && n.threadId === 'main')).toHaveLength(1);
    const second = state.turns[question.childIds[1]!]!;
    expect(second.request.messages).toEqual(first.request.messages);
    expect(second.params.temperature).toBe(0.1);
    expect(await candidate.command('message.regenerate', { messageId: second.id })).toMatchObject({ type: 'error', code: 'not_found' });
  });

  it('fails the check of a pattern stored before the linear-time rule, saying why, and runs the rest', async () => {
    const { exercises, clock } = server.app.services;
    const base = exercises.current('refine-the-chatbot-en')!.content;
    const lookahead = { kind: 'regex' as const, pattern: '(?=[\\s\\S]*25)(?=[\\s\\S]*35)', flags: 'i' };
    const testCases = [
      {
        id: 'price',
        title: 'Price',
        input: 'How much does it cost?',
        expectations: [lookahead, { kind: 'max_length' as const, chars: 100_000 }],
      },
    ];
    exercises.save('stored-lookahead', { ...base, slug: 'stored-lookahead', testCases }, clock.now());
    const session = await server.createSession({ exercise: 'stored-lookahead' });
    const candidate = await join(session.id, session.invites.candidate.token);
    await candidate.command('session.start');

    expect(await candidate.command('testrun.start', {})).toMatchObject({ type: 'ack' });
    const run = await candidate.waitFor((c) => Object.values(c.state().testRuns).find((r) => r.status === 'finished'));
    expect([run.passed, run.failed, run.errored]).toEqual([0, 1, 0]);
    const [caseId] = run.caseIds;
    expect(run.cases[caseId!]!.answers[0]!.checks).toEqual([
      {
        kind: 'regex',
        passed: false,
        detail: '/(?=[\\s\\S]*25)(?=[\\s\\S]*35)/i',
        error: expect.stringMatching(/^Lookahead `\(\?=…\)` is not supported/),
      },
      { kind: 'max_length', passed: true, detail: '100000' },
    ]);
  });

  it('runs a prompt over the test cases, checks each answer and tallies the run', async () => {
    const { candidate } = await startedSession();
    await candidate.command('testcase.save', {
      title: 'Plans',
      input: 'What plans do you offer?',
      expectations: [{ kind: 'max_length', chars: 100_000 }],
    });
    await candidate.command('testcase.save', {
      title: 'Impossible',
      input: 'Say hello',
      expectations: [{ kind: 'contains', value: 'zzz-never-said-zzz' }],
    });
    expect(
      await candidate.command('testcase.save', { title: 'Bad', input: 'x', expectations: [{ kind: 'regex', pattern: '(' }] }),
    ).toMatchObject({ type: 'error', code: 'invalid_payload' });
    await candidate.command('prompt.save', { text: 'You are the Brightwave assistant.', label: 'v1', rationale: '' });
    const versionId = (await candidate.waitFor((c) => c.state().prompt.versions[0])).id;

    const own = candidate.state().testCaseOrder.filter((id) => candidate.state().testCases[id]!.origin === 'candidate');
    expect(own).toHaveLength(2);
    expect(await candidate.command('testrun.start', { versionId, caseIds: own, params: { temperature: 9 } })).toMatchObject({
      type: 'error',
      code: 'param_out_of_bounds',
    });
    expect(await candidate.command('testrun.start', { versionId, caseIds: own, params: { maxOutputTokens: 300 } })).toMatchObject({
      type: 'ack',
    });
    const run = await candidate.waitFor((c) => Object.values(c.state().testRuns).find((r) => r.status === 'finished'));
    expect(run.versionId).toBe(versionId);
    expect(run.caseIds).toHaveLength(2);
    expect([run.passed, run.failed, run.errored]).toEqual([1, 1, 0]);
    const state = candidate.state();
    for (const caseId of run.caseIds) {
      const turn = state.turns[run.cases[caseId]!.answers[0]!.turnId!]!;
      expect(turn.runId).toBe(run.id);
      expect(turn.request.system).toBe('You are the Brightwave assistant.');
      expect(turn.threadId).toBe(`run:${run.id}:${caseId}`);
      expect(turn.params.maxOutputTokens).toBe(300);
    }
    // Test-run answers stay out of the chat.
    expect(state.threads.main).toBeUndefined();
  });

  it('flags answers with a reason, clears flags, and records the write-up and activity', async () => {
    const { candidate, session } = await startedSession();
    const interviewer = await join(session.id, session.invites.interviewer.token);
    await candidate.command('message.send', { text: 'Hello' });
    const turn = await candidate.waitFor((c) => chatTurns(c).find((t) => t.status === 'completed'));
    expect(await candidate.command('flag.set', { turnId: turn.id, kind: 'wrong', reason: 'Invented a price' })).toMatchObject({
      type: 'ack',
    });
    expect(await candidate.command('flag.set', { turnId: 'nope', kind: 'wrong', reason: '' })).toMatchObject({
      type: 'error',
      code: 'not_found',
    });
    expect(await candidate.command('flag.set', { turnId: turn.id, kind: 'awful', reason: '' })).toMatchObject({
      type: 'error',
      code: 'invalid_payload',
    });
    await candidate.command('writeup.update', { text: 'I constrained the bot to the knowledge base.' });
    await candidate.command('activity.focus', { visible: false });
    await candidate.command('activity.focus', { visible: false });
    await candidate.command('activity.paste', { target: 'prompt', chars: 120 });
    const seen = await interviewer.waitFor((c) => (c.state().activity.pastes === 1 ? c.state() : undefined));
    expect(Object.values(seen.flags)).toMatchObject([{ turnId: turn.id, kind: 'wrong', reason: 'Invented a price' }]);
    expect(seen.writeup.text).toContain('knowledge base');
    expect(seen.activity).toMatchObject({ hidden: true, focusLosses: 1, pastes: 1 });
    const flagId = Object.keys(seen.flags)[0]!;
    await candidate.command('flag.clear', { flagId });
    await interviewer.waitFor((c) => Object.keys(c.state().flags).length === 0);
  });

  it('submits: the session ends and the work is frozen', async () => {
    const { candidate } = await startedSession();
    await candidate.command('writeup.update', { text: 'Done' });
    expect(await candidate.command('session.submit')).toMatchObject({ type: 'ack' });
    await candidate.waitFor((c) => c.state().endReason === 'submitted');
    expect(await candidate.command('writeup.update', { text: 'Changed after' })).toMatchObject({ type: 'error', code: 'session_ended' });
  });
});

describe('staff work', () => {
  it('lets authors edit and delete their notes, not others', async () => {
    const session = await server.createSession();
    const first = await join(session.id, session.invites.interviewer.token);
    const second = await join(session.id, session.invites.reviewer.token);
    await first.command('note.add', { text: 'Mine', tags: ['concern'] });
    const note = await second.waitFor((c) => c.state().notes[0]);
    expect(await second.command('note.edit', { noteId: note.id, text: 'Hijacked' })).toMatchObject({ type: 'error', code: 'forbidden' });
    expect(await first.command('note.edit', { noteId: note.id, text: 'Mine, edited' })).toMatchObject({ type: 'ack' });
    await second.waitFor((c) => c.state().notes[0]?.text === 'Mine, edited');
    expect(second.state().notes[0]!.tags).toEqual(['concern']);
    expect(await first.command('note.delete', { noteId: note.id })).toMatchObject({ type: 'ack' });
    await second.waitFor((c) => c.state().notes.length === 0);
  });

  it('pins a note to the very instant its event records, even on a clock that ticks between reads', async () => {
    // A replay finds a note's marker by the event's time: an off-by-a-millisecond pin misses it.
    await server.close();
    let reads = 0;
    server = await startTestServer({ clock: { ...systemClock, now: () => 1_800_000_000_000 + reads++ } });
    const session = await server.createSession();
    const interviewer = await join(session.id, session.invites.interviewer.token);
    await interviewer.command('note.add', { text: 'Pinned now' });
    const added = await interviewer.waitFor((c) => c.events.find((e) => e.type === 'note.added'));
    expect(added.type === 'note.added' && added.data.pinnedAt).toBe(added.at);
    expect(interviewer.state().notes[0]!.pinnedAt).toBe(added.at);
  });

  it('records scores per scorer and freezes them once the review is submitted', async () => {
    const session = await server.createSession();
    const reviewer = await join(session.id, session.invites.reviewer.token);
    expect(await reviewer.command('review.submit')).toMatchObject({ type: 'error', code: 'conflict' });
    await reviewer.command('score.set', {
      criterionId: 'precise-prompts',
      level: 4,
      comment: 'Clear constraints',
      evidence: [{ at: Date.now() }],
    });
    await reviewer.command('question.mark', { questionId: 'q1', asked: true, notes: 'Good answer' });
    expect(await reviewer.command('review.submit')).toMatchObject({ type: 'ack' });
    // Submitting changes what the reviewer may see (others' scores): the server asks for a resync.
    expect((await reviewer.closed).code).toBe(4010);
    const again = await join(session.id, session.invites.reviewer.token);
    await again.waitFor((c) => Object.values(c.state().scorers)[0]?.submittedAt);
    expect(await again.command('score.set', { criterionId: 'precise-prompts', level: 1, comment: '', evidence: [] })).toMatchObject({
      type: 'error',
      code: 'conflict',
    });
    const state = again.state();
    const scorer = Object.values(state.scorers)[0]!;
    expect(scorer.scores['precise-prompts']!.level).toBe(4);
    expect(scorer.submittedAt).not.toBeNull();
    expect(state.questions.q1).toMatchObject({ asked: true, notes: 'Good answer' });
  });
});
