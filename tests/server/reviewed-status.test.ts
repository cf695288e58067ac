import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectLive, type LiveClient } from '../helpers/live-client';
import { startTestServer, type TestServer } from '../helpers/server';
import { apiClient } from './api-client';

// "Reviewed" means every assigned reviewer submitted: an interviewer's submission, or one
// reviewer of two, does not make an ended session reviewed.

let server: TestServer;
let api: ReturnType<typeof apiClient>;
const open: LiveClient[] = [];
beforeAll(async () => {
  server = await startTestServer();
  api = apiClient(server);
});
afterAll(async () => {
  await Promise.all(open.map((c) => c.close()));
  await server.close();
});

async function join(sessionId: string, token: string): Promise<LiveClient> {
  const client = await connectLive(server.wsUrl, sessionId, { token });
  open.push(client);
  await client.hello();
  return client;
}

interface Scheduled {
  id: string;
  invites: Record<'candidate' | 'interviewer', { token: string }>;
  participants: { role: string; name: string | null; token: string }[];
}

describe('reviewed status', () => {
  it('turns Reviewed only once every assigned reviewer submitted, interviewers aside', async () => {
    const created = (await api.post('/api/sessions', { candidateName: 'Rae Review', reviewers: [{ name: 'Rita' }, { name: 'Rob' }] }))
      .body as Scheduled;
    const token = (name: string) => created.participants.find((p) => p.name === name)!.token;
    const item = async () =>
      ((await api.get(`/api/sessions?q=Rae`)).body.sessions as { id: string; reviewed: boolean; reviewedAt: number | null }[]).find(
        (s) => s.id === created.id,
      )!;
    const reviewedIds = async () => ((await api.get('/api/sessions?status=reviewed')).body.sessions as { id: string }[]).map((s) => s.id);

    const candidate = await join(created.id, created.invites.candidate.token);
    await candidate.command('session.start');
    await candidate.command('session.submit');
    const interviewer = await join(created.id, created.invites.interviewer.token);
    await interviewer.command('score.set', { criterionId: 'precise-prompts', level: 5, comment: '', evidence: [] });
    expect(await interviewer.command('review.submit')).toMatchObject({ type: 'ack' });
    expect(await item()).toMatchObject({ reviewed: false, reviewedAt: null });

    const rita = await join(created.id, token('Rita'));
    await rita.command('score.set', { criterionId: 'precise-prompts', level: 4, comment: '', evidence: [] });
    expect(await rita.command('review.submit')).toMatchObject({ type: 'ack' });
    expect(await item()).toMatchObject({ reviewed: false, reviewedAt: null });
    expect(await reviewedIds()).not.toContain(created.id);

    const rob = await join(created.id, token('Rob'));
    await rob.command('score.set', { criterionId: 'precise-prompts', level: 3, comment: '', evidence: [] });
    expect(await rob.command('review.submit')).toMatchObject({ type: 'ack' });
    const done = await item();
    expect(done.reviewed).toBe(true);
    expect(done.reviewedAt).toBe(rob.events.find((e) => e.type === 'review.submitted' && e.actor.name === 'Rob')?.at);
    expect(await reviewedIds()).toContain(created.id);
  });
});
