import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectLive, type LiveClient } from '../../helpers/live-client';
import { startTestServer, type TestServer } from '../../helpers/server';

// Head-to-head comparisons, and staff verdicts on automatic checks.

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

async function liveSession() {
  const session = await server.createSession();
  const candidate = await join(session.id, session.invites.candidate.token);
  const interviewer = await join(session.id, session.invites.interviewer.token);
  const reviewer = await join(session.id, session.invites.reviewer.token);
  await candidate.command('session.start');
  return { session, candidate, interviewer, reviewer };
}

describe('head-to-head', () => {
  it('sends one message to two sides at once, each in its own thread, and records the verdict', async () => {
    const { candidate, interviewer } = await liveSession();
    await candidate.command('prompt.save', {
      text: 'You are the Brightwave assistant. Answer in one sentence.',
      label: 'short',
      rationale: '',
    });
    const v1 = (await candidate.waitFor((c) => c.state().prompt.versions[0])).id;
    const ack = await candidate.command('compare.start', {
      text: 'What plans do you offer?',
      sides: [{ versionId: v1 }, { model: 'offline/simulator-fast' }],
    });
    expect(ack).toMatchObject({ type: 'ack' });
    const comparison = await candidate.waitFor((c) => Object.values(c.state().comparisons)[0]);
    const turns = () => comparison.sides.map((s) => candidate.state().turns[s.turnId]!);
    await candidate.waitFor(() => turns().every((t) => t.status === 'completed'));
    const [a, b] = turns();
    expect(a).toMatchObject({
      compareId: comparison.id,
      side: 'a',
      threadId: `compare:${comparison.id}:a`,
      promptVersionId: v1,
      modelId: 'offline/simulator',
    });
    expect(b).toMatchObject({ side: 'b', threadId: `compare:${comparison.id}:b`, modelId: 'offline/simulator-fast' });
    expect(a!.request.messages).toEqual([{ role: 'user', content: 'What plans do you offer?' }]);
    expect(a!.request.system).toBe('You are the Brightwave assistant. Answer in one sentence.');
    // Both started together, in one commit.
    const started = candidate.events.filter((e) => e.type === 'compare.started' || (e.type === 'turn.started' && e.data.compareId));
    expect(started.map((e) => e.type)).toEqual(['compare.started', 'turn.started', 'turn.started']);

    expect(
      await candidate.command('compare.verdict', { compareId: comparison.id, winner: 'a', reason: '  Shorter, as asked. ' }),
    ).toMatchObject({ type: 'ack' });
    await interviewer.waitFor((c) => c.state().comparisons[comparison.id]?.verdict ?? undefined);
    expect(interviewer.state().comparisons[comparison.id]!.verdict).toMatchObject({ winner: 'a', reason: 'Shorter, as asked.' });
    // Comparison answers are not chat answers.
    expect(Object.values(candidate.state().turns).filter((t) => t.threadId === 'main')).toHaveLength(0);
  });

  it('refuses a side naming a version or model that does not exist, naming the side, appending nothing', async () => {
    const { candidate } = await liveSession();
    const before = candidate.events.length;
    expect(await candidate.command('compare.start', { text: 'Hi', sides: [{}, { versionId: 'nope' }] })).toMatchObject({
      type: 'error',
      code: 'not_found',
      problems: [{ path: '/sides/1/versionId' }],
    });
    expect(await candidate.command('compare.start', { text: 'Hi', sides: [{ model: 'openai/gpt-nope' }, {}] })).toMatchObject({
      type: 'error',
      code: 'model_not_allowed',
      problems: [{ path: '/sides/0/model' }],
    });
    expect(await candidate.command('compare.start', { text: 'Hi', sides: [{}, {}, {}] })).toMatchObject({
      type: 'error',
      code: 'invalid_payload',
    });
    expect(await candidate.command('compare.start', { text: 'Hi', sides: [{ params: { temperature: 9 } }, {}] })).toMatchObject({
      type: 'error',
      code: 'param_out_of_bounds',
      problems: [{ path: '/sides/0/params' }],
    });
    expect(await candidate.command('compare.verdict', { compareId: 'nope', winner: 'a', reason: '' })).toMatchObject({
      type: 'error',
      code: 'not_found',
    });
    await candidate.command('prompt.draft', { text: 'sync' });
    await candidate.waitFor((c) => c.state().prompt.draft === 'sync');
    expect(candidate.events.slice(before).map((e) => e.type)).toEqual(['prompt.draft']);
  });
});

describe('staff verdicts on checks', () => {
  it('records an override or a confirmation as a staff event the candidate never sees', async () => {
    const { candidate, interviewer, reviewer } = await liveSession();
    await candidate.command('testcase.save', {
      title: 'Case',
      input: 'What plans do you offer?',
      expectations: [
        { kind: 'max_length', chars: 100_000 },
        { kind: 'contains', value: 'zzz-never' },
      ],
    });
    const caseId = candidate.state().testCaseOrder.at(-1)!;
    await candidate.command('testrun.start', { caseIds: [caseId] });
    const run = await candidate.waitFor((c) => Object.values(c.state().testRuns).find((r) => r.status === 'finished'));
    await interviewer.waitFor((c) => c.state().testRuns[run.id]?.status === 'finished');

    // Overriding needs a reason; confirming does not.
    expect(
      await interviewer.command('check.override', { runId: run.id, caseId, checkIndex: 1, verdict: 'pass', reason: ' ' }),
    ).toMatchObject({ type: 'error', code: 'invalid_payload', problems: [{ path: '/reason' }] });
    expect(
      await interviewer.command('check.override', {
        runId: run.id,
        caseId,
        checkIndex: 1,
        verdict: 'pass',
        reason: 'The wording differs, the meaning is right.',
      }),
    ).toMatchObject({ type: 'ack' });
    expect(await reviewer.command('check.override', { runId: run.id, caseId, checkIndex: 0, verdict: 'pass', reason: '' })).toMatchObject({
      type: 'ack',
    });
    expect(await reviewer.command('check.override', { runId: run.id, caseId, checkIndex: 5, verdict: 'pass', reason: 'x' })).toMatchObject({
      type: 'error',
      code: 'not_found',
    });
    expect(
      await reviewer.command('check.override', { runId: run.id, caseId, answerIndex: 1, checkIndex: 0, verdict: 'pass', reason: 'x' }),
    ).toMatchObject({ type: 'error', code: 'not_found' });
    expect(await candidate.command('check.override', { runId: run.id, caseId, checkIndex: 0, verdict: 'fail', reason: 'x' })).toMatchObject(
      { type: 'error', code: 'forbidden' },
    );

    await reviewer.waitFor((c) => Object.keys(c.state().checkLabels).length === 2 || undefined);
    const labels = reviewer.state().checkLabels;
    expect(labels[`${run.id}/${caseId}/0/1`]![0]).toMatchObject({ verdict: 'pass', automatic: 'fail', byRole: 'interviewer' });
    expect(labels[`${run.id}/${caseId}/0/0`]![0]).toMatchObject({ verdict: 'pass', automatic: 'pass', byRole: 'reviewer' });
    await candidate.command('prompt.draft', { text: 'sync' });
    await candidate.waitFor((c) => c.state().prompt.draft === 'sync');
    expect(candidate.events.some((e) => e.type === 'check.overridden')).toBe(false);
    expect(JSON.stringify(candidate.frames)).not.toContain('meaning is right');
  });
});
