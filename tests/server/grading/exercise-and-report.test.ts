import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExerciseContent } from '../../../shared/exercise';
import { connectLive, type LiveClient } from '../../helpers/live-client';
import { startTestServer, type TestServer } from '../../helpers/server';
import { apiClient, errorOf } from '../api-client';

// The judge in an exercise's content (validated when saved), and what the reports say about
// grading: the judge's cost apart, stability, staff verdicts with who made them, κ, head-to-head.

let server: TestServer;
let api: ReturnType<typeof apiClient>;
let base: ExerciseContent;
const clients: LiveClient[] = [];
beforeAll(async () => {
  server = await startTestServer();
  api = apiClient(server);
  base = (await api.get('/api/exercises/defend-the-prompt-en')).body.content;
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await server.close();
});

let slugs = 0;
const withCase = (expectations: unknown[], extra: Partial<ExerciseContent> = {}) => ({
  ...base,
  slug: `judged-${++slugs}`,
  testCases: [{ id: 't1', title: 'T', input: 'Hi', expectations }],
  ...extra,
});

describe('an exercise with judged checks', () => {
  it('refuses an invalid JSON Schema, a threshold outside 0–1, a blank rubric, a judge prompt without {{rubric}}, naming each field', async () => {
    const schema = await api.post(
      '/api/exercises',
      withCase([{ kind: 'json_schema', schema: { type: 'object', properties: { a: { type: 'nope' } } } }]),
    );
    expect(schema.status).toBe(400);
    expect(errorOf(schema).problems).toEqual([
      expect.objectContaining({ path: '/testCases/0/expectations/0/schema', rule: 'invalid_json_schema' }),
    ]);
    const threshold = await api.post('/api/exercises', withCase([{ kind: 'llm_rubric', rubric: 'r', threshold: 2 }]));
    expect(threshold.status).toBe(400);
    expect(errorOf(threshold).problems).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: '/testCases/0/expectations/0/threshold' })]),
    );
    const blank = await api.post('/api/exercises', withCase([{ kind: 'llm_rubric', rubric: '  ', threshold: 0.5 }]));
    expect(errorOf(blank).problems).toEqual([expect.objectContaining({ path: '/testCases/0/expectations/0/rubric' })]);
    const prompt = await api.post(
      '/api/exercises',
      withCase([{ kind: 'llm_rubric', rubric: 'Polite', threshold: 0.5 }], {
        judge: { model: 'offline/simulator', prompt: 'Grade the answer.' },
      }),
    );
    expect(errorOf(prompt).problems).toEqual([expect.objectContaining({ path: '/judge/prompt', rule: 'invalid_judge_prompt' })]);
    const empty = await api.post('/api/exercises', withCase([{ kind: 'contains_all', values: [] }]));
    expect(empty.status).toBe(400);
    // And a valid one saves, its judge pinned in the version.
    const ok = await api.post(
      '/api/exercises',
      withCase(
        [
          { kind: 'json_schema', schema: { type: 'object' } },
          { kind: 'llm_rubric', rubric: 'Polite', threshold: 0.5 },
        ],
        { judge: { model: 'offline/simulator', prompt: 'Judge: {{rubric}}' } },
      ),
    );
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body.content.judge).toEqual({ model: 'offline/simulator', prompt: 'Judge: {{rubric}}' });
  });

  it('reports grading: the judge’s cost apart, stability, staff verdicts with who made them, κ and head-to-head verdicts', async () => {
    const session = await server.createSession({ exercise: 'defend-the-prompt-en' });
    const join = async (token: string) => {
      const client = await connectLive(server.wsUrl, session.id, { token });
      clients.push(client);
      await client.hello();
      return client;
    };
    const candidate = await join(session.invites.candidate.token);
    const interviewer = await join(session.invites.interviewer.token);
    await candidate.command('session.start');
    const caseId = 'ordinary-returns';
    await candidate.command('testrun.start', { caseIds: [caseId], repeat: 2 });
    const run = await candidate.waitFor((c) => Object.values(c.state().testRuns).find((r) => r.status === 'finished'), 10_000);
    // The pinned judge is not configured here: the simulated judge stood in, and said so.
    const judging = Object.values(candidate.state().judgings)[0]!;
    expect(judging).toMatchObject({ simulated: true, pinnedModelId: 'openai/gpt-4o-mini', modelId: 'offline/simulator' });
    await interviewer.waitFor((c) => c.state().testRuns[run.id]?.status === 'finished');
    const judged = run.cases[caseId]!.answers[0]!.checks.findIndex((c) => c.kind === 'llm_rubric');
    expect(
      await interviewer.command('check.override', {
        runId: run.id,
        caseId,
        checkIndex: judged,
        verdict: 'fail',
        reason: 'It forgot the refund delay',
      }),
    ).toMatchObject({ type: 'ack' });
    await candidate.command('compare.start', { text: 'Can I return a book?', sides: [{}, { model: 'offline/simulator-fast' }] });
    const comparison = await candidate.waitFor((c) => Object.values(c.state().comparisons)[0]);
    await candidate.waitFor((c) => comparison.sides.every((s) => c.state().turns[s.turnId]?.status === 'completed') || undefined);
    expect(
      await candidate.command('compare.verdict', { compareId: comparison.id, winner: 'tie', reason: 'Both quote the policy' }),
    ).toMatchObject({ type: 'ack' });
    await interviewer.waitFor((c) => c.state().comparisons[comparison.id]?.verdict ?? undefined);

    const get = async (path: string) =>
      (await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${session.invites.interviewer.token}` } })).text();
    const md = await get(`/api/sessions/${session.id}/report.md`);
    expect(md).toContain('Judge (counted in the budget, shown apart)');
    expect(md).toContain('by the simulated judge');
    expect(md).toMatch(/\| draft \| \d\/\d \| .* \| .* \| 0 \| 2 \|/);
    expect(md).toContain('## Automatic checks reviewed by staff');
    expect(md).toMatch(
      /llm_rubric: Answers the returns question.*\| pass \(1\.00\), simulated judge \| \*\*fail\*\* \| interviewer \| It forgot the refund delay \|/,
    );
    expect(md).toContain('Judge ↔ staff agreement: Cohen’s κ = 0.00 over 1 labelled checks (0 agreed).');
    expect(md).toContain('## Head-to-head comparisons');

    expect(md).toContain(
      '“Can I return a book?” — Side A: draft, offline/simulator (simulator) · Side B: draft, offline/simulator-fast (simulator) — **a tie**: Both quote the policy',
    );
    const fr = await get(`/api/sessions/${session.id}/report.md?lang=fr`);
    expect(fr).toContain('## Vérifications automatiques revues par l’équipe');
    expect(fr).toContain('**égalité**');
    expect(fr).toContain('| intervieweur·euse | It forgot the refund delay |');
    const html = await get(`/api/sessions/${session.id}/report.html`);
    expect(html).toContain('It forgot the refund delay');
    expect(html).toContain('<h2>Head-to-head comparisons</h2>');
    // The candidate's own export has the judge's grading but no staff verdict.
    const exported = await (
      await fetch(`${server.url}/api/sessions/${session.id}/export.json`, {
        headers: { authorization: `Bearer ${session.invites.candidate.token}` },
      })
    ).text();
    expect(exported).toContain('"judge.completed"');
    expect(exported).not.toContain('It forgot the refund delay');
  });
});
