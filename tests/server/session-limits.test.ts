import { afterEach, describe, expect, it } from 'vitest';
import { chatTurns, connectLive, type LiveClient } from '../helpers/live-client';
import { startTestServer, type TestServer, type TestServerOptions } from '../helpers/server';

let server: TestServer;
const open: LiveClient[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
  await server.close();
});

/** A live session on a copy of the default exercise with the given budget. */
async function sessionWithBudget(budget: { maxTokens: number | null; maxCostUsd: number | null }, options: TestServerOptions = {}) {
  server = await startTestServer(options);
  const { exercises, clock } = server.app.services;
  const base = exercises.current('refine-the-chatbot-en')!.content;
  exercises.save('budgeted', { ...base, slug: 'budgeted', budget }, clock.now());
  const session = await server.createSession({ exercise: 'budgeted' });
  const candidate = await connectLive(server.wsUrl, session.id, { token: session.invites.candidate.token });
  open.push(candidate);
  await candidate.hello();
  await candidate.command('session.start');
  return candidate;
}

describe('session limits', () => {
  it('refuses an answer the budget left cannot cover in full, so the budget is never overshot', async () => {
    const candidate = await sessionWithBudget({ maxTokens: 2_500, maxCostUsd: null });
    const spent = () => candidate.state().totals.inputTokens + candidate.state().totals.outputTokens;
    let refused: Awaited<ReturnType<LiveClient['command']>> | undefined;
    for (let i = 0; i < 10 && !refused; i++) {
      const answer = await candidate.command('message.send', { text: `Question ${i}: tell me about the plans` });
      if (answer.type === 'error') refused = answer;
      else await candidate.waitFor((c) => chatTurns(c).every((t) => t.status !== 'streaming'));
      expect(spent()).toBeLessThanOrEqual(2_500);
    }
    expect(refused).toMatchObject({ type: 'error', code: 'budget_exhausted' });
    expect(chatTurns(candidate).length).toBeGreaterThan(0);
  });

  it('starts only the test cases the budget left covers, names the others as skipped, and never overshoots', async () => {
    const candidate = await sessionWithBudget({ maxTokens: 2_500, maxCostUsd: null });
    const cases = candidate.state().testCaseOrder.length;
    expect(cases).toBeGreaterThanOrEqual(7);
    expect(await candidate.command('testrun.start', {})).toMatchObject({ type: 'ack' });
    const run = await candidate.waitFor((c) => Object.values(c.state().testRuns).find((r) => r.status !== 'running'));
    expect(run.caseIds.length).toBeGreaterThan(0);
    expect(run.caseIds.length).toBeLessThan(cases);
    expect(run.skippedCaseIds).toEqual(candidate.state().testCaseOrder.slice(run.caseIds.length));
    const { totals } = candidate.state();
    expect(totals.inputTokens + totals.outputTokens).toBeLessThanOrEqual(2_500);
  });

  it('counts answers per minute and refuses the excess with rate_limited', async () => {
    const candidate = await sessionWithBudget(
      { maxTokens: null, maxCostUsd: null },
      { config: { limits: { maxConcurrentTurns: 4, turnsPerMinute: 2, failedJoinsPerMinute: 10_000 } } },
    );
    for (const text of ['one', 'two']) {
      expect(await candidate.command('message.send', { text })).toMatchObject({ type: 'ack' });
      await candidate.waitFor((c) => chatTurns(c).every((t) => t.status !== 'streaming'));
    }
    expect(await candidate.command('message.send', { text: 'three' })).toMatchObject({ type: 'error', code: 'rate_limited' });
  });

  it('bounds the answers streaming at once in a session, across threads', async () => {
    const candidate = await sessionWithBudget(
      { maxTokens: null, maxCostUsd: null },
      {
        config: {
          limits: { maxConcurrentTurns: 2, turnsPerMinute: 30, failedJoinsPerMinute: 10_000 },
          simulator: { paceMs: 30, firstTokenMs: 0 },
        },
      },
    );
    expect(await candidate.command('message.send', { text: 'a long answer please', threadId: 't1' })).toMatchObject({ type: 'ack' });
    expect(await candidate.command('message.send', { text: 'another long answer', threadId: 't2' })).toMatchObject({ type: 'ack' });
    expect(await candidate.command('message.send', { text: 'a third', threadId: 't3' })).toMatchObject({
      type: 'error',
      code: 'too_many_turns',
    });
  });
});
