import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectLive, type LiveClient } from '../helpers/live-client';
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
  const welcome = await client.hello(lastSeq);
  await client.waitFor((c) => (c.events.at(-1)?.seq ?? 0) >= welcome.headSeq || welcome.headSeq <= lastSeq);
  return client;
}

const get = (path: string, token: string) => fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });

describe('independent scoring (calibration)', () => {
  it("hides other scorers' scores until you submit yours, then resyncs you with everything", async () => {
    const session = await server.createSession({ reviewers: [{ name: 'Rita' }, { name: 'Rob' }] } as never);
    const [rita, rob] = (session as unknown as { participants: { role: string; token: string }[] }).participants.filter(
      (p) => p.role === 'reviewer',
    );
    const a = await join(session.id, rita!.token);
    const b = await join(session.id, rob!.token);
    await a.command('score.set', { criterionId: 'precise-prompts', level: 5, comment: 'RITA-COMMENT', evidence: [] });
    await b.command('score.set', { criterionId: 'precise-prompts', level: 2, comment: 'ROB-COMMENT', evidence: [] });
    await a.command('note.add', { text: 'sync point' });
    await b.waitFor((c) => c.state().notes.length === 1);
    expect(JSON.stringify(b.frames)).not.toContain('RITA-COMMENT');
    expect(JSON.stringify(a.frames)).not.toContain('ROB-COMMENT');
    expect(await (await get(`/api/sessions/${session.id}/events`, rob!.token)).text()).not.toContain('RITA-COMMENT');

    expect(await b.command('review.submit')).toMatchObject({ type: 'ack' });
    expect((await b.closed).code).toBe(4010);
    const again = await join(session.id, rob!.token, 0);
    expect(JSON.stringify(again.frames)).toContain('RITA-COMMENT');
    const scorers = Object.values(again.state().scorers);
    expect(scorers.map((s) => s.scores['precise-prompts']?.level).sort()).toEqual([2, 5]);
    // Rita has not submitted: she still sees only her own score.
    await a.command('note.add', { text: 'second sync point' });
    await a.waitFor((c) => c.state().notes.length === 2);
    expect(JSON.stringify(a.frames)).not.toContain('ROB-COMMENT');
    // The admin sees everything.
    expect(await (await get(`/api/sessions/${session.id}/events`, server.adminToken)).text()).toContain('ROB-COMMENT');
  });
});

describe('blind review', () => {
  it("hides the candidate's name from reviewers everywhere, and only from reviewers", async () => {
    const session = await server.createSession({ candidateName: 'Zelda Marker' });
    const candidate = await join(session.id, session.invites.candidate.token);
    await candidate.command('session.start');
    await candidate.command('message.send', { text: 'hello' });
    const review = await fetch(`${server.url}/api/sessions/${session.id}/review`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ blind: true }),
    });
    expect(review.status).toBe(200);
    const reviewer = await join(session.id, session.invites.reviewer.token);
    const interviewer = await join(session.id, session.invites.interviewer.token);
    await candidate.command('prompt.draft', { text: 'after' });
    await reviewer.waitFor((c) => c.state().prompt.draft === 'after');
    await interviewer.waitFor((c) => c.state().prompt.draft === 'after');
    expect(reviewer.state().candidateName).toBeNull();
    const readings: [string, string][] = [
      ['socket', JSON.stringify(reviewer.frames)],
      ['REST', await (await get(`/api/sessions/${session.id}/events`, session.invites.reviewer.token)).text()],
      ['export', await (await get(`/api/sessions/${session.id}/export.json`, session.invites.reviewer.token)).text()],
      ['report', await (await get(`/api/sessions/${session.id}/report.md`, session.invites.reviewer.token)).text()],
      ['html report', await (await get(`/api/sessions/${session.id}/report.html`, session.invites.reviewer.token)).text()],
    ];
    for (const [where, text] of readings) {
      expect(text.includes('Zelda'), `name in the reviewer's ${where}`).toBe(false);
    }
    expect(interviewer.state().candidateName).toBe('Zelda Marker');
  });
});

describe('exports and reports', () => {
  it('exports the log with a schema version, filtered by the reader', async () => {
    const session = await server.createSession();
    const interviewer = await join(session.id, session.invites.interviewer.token);
    await interviewer.command('note.add', { text: 'PRIVATE-NOTE' });
    const asCandidate = await (await get(`/api/sessions/${session.id}/export.json`, session.invites.candidate.token)).json();
    expect(asCandidate).toMatchObject({ format: 'atelier-session', schemaVersion: 1, role: 'candidate' });
    expect(JSON.stringify(asCandidate)).not.toContain('PRIVATE-NOTE');
    const asStaff = await get(`/api/sessions/${session.id}/export.json`, session.invites.interviewer.token);
    expect(asStaff.headers.get('content-disposition')).toContain('attachment');
    expect(JSON.stringify(await asStaff.json())).toContain('PRIVATE-NOTE');
  });

  it('writes Markdown and printable HTML reports with scores, notes, write-up and version diffs — escaped', async () => {
    const session = await server.createSession({ candidateName: 'Ada' });
    const candidate = await join(session.id, session.invites.candidate.token);
    const interviewer = await join(session.id, session.invites.interviewer.token);
    await candidate.command('session.start');
    await candidate.command('prompt.save', { text: 'You are a helpful assistant.', label: 'first', rationale: 'baseline' });
    await candidate.command('prompt.save', {
      text: 'You are a careful assistant. Answer only from the knowledge base.',
      label: 'scoped',
      rationale: 'stop inventing',
    });
    await candidate.command('writeup.update', { text: 'I scoped it. <script>alert(1)</script>' });
    await interviewer.command('note.add', { text: 'Good <b>scoping</b>', tags: ['strength'] });
    await interviewer.command('score.set', { criterionId: 'precise-prompts', level: 4, comment: '', evidence: [] });
    await interviewer.command('question.mark', { questionId: 'q1', asked: true, notes: 'asked' });
    await interviewer.waitFor((c) => c.state().writeup.text.startsWith('I scoped'));

    const md = await (await get(`/api/sessions/${session.id}/report.md`, session.invites.interviewer.token)).text();
    expect(md).toContain('# Refine the chatbot');
    expect(md).toContain('Good <b>scoping</b>');
    expect(md).toMatch(/\{\+careful\+\}|\{\+careful/);
    expect(md).toContain('v2 — scoped');
    expect(md).toContain('| 4 |');

    const htmlResponse = await get(`/api/sessions/${session.id}/report.html`, session.invites.interviewer.token);
    expect(htmlResponse.headers.get('content-type')).toContain('text/html');
    const html = await htmlResponse.text();
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<b>scoping</b>');
    expect(html).toContain('<ins>');
    expect((await get(`/api/sessions/${session.id}/report.html`, session.invites.candidate.token)).status).toBe(403);

    // In French: the report's own words are French, what people wrote stays as written.
    const mdFr = await (await get(`/api/sessions/${session.id}/report.md?lang=fr`, session.invites.interviewer.token)).text();
    expect(mdFr).toContain('# Refine the chatbot — rapport d’entretien');
    for (const heading of [
      '## Résumé',
      '## Fiche de notation',
      '## Questions d’entretien',
      '## Notes',
      '## Signalements',
      '## Versions du prompt',
      '## Compte rendu',
    ])
      expect(mdFr).toContain(heading);
    expect(mdFr).toContain('_point fort_: Good <b>scoping</b>');
    expect(mdFr).not.toMatch(/## (Summary|Rubric|Flags|Write-up)|No flags|Time per activity/);
    const htmlFr = await (await get(`/api/sessions/${session.id}/report.html?lang=fr`, session.invites.interviewer.token)).text();
    expect(htmlFr).toContain('<html lang="fr">');
    expect(htmlFr).toContain('<h2>Résumé</h2>');
    expect(htmlFr).toContain('Délai avant le premier prompt');
    expect(htmlFr).toContain('<span class="tag">point fort</span>');
    expect(htmlFr).not.toMatch(/>(Summary|Rubric|Notes taken|No flags\.|Time per activity)</);
  });
});

describe('review queue', () => {
  it('lists sessions by reviewer and by the mean of submitted scores', async () => {
    const a = await server.createSession({ candidateName: 'Ann', reviewers: [{ name: 'Rita Queue' }] } as never);
    const b = await server.createSession({ candidateName: 'Ben', reviewers: [{ name: 'Rob Queue' }] } as never);
    const reviewerOf = (s: unknown) =>
      (s as { participants: { role: string; token: string }[] }).participants.find((p) => p.role === 'reviewer')!.token;
    const ra = await join(a.id, reviewerOf(a));
    const rb = await join(b.id, reviewerOf(b));
    await ra.command('score.set', { criterionId: 'precise-prompts', level: 5, comment: '', evidence: [] });
    await ra.command('score.set', { criterionId: 'analysis', level: 4, comment: '', evidence: [] });
    await rb.command('score.set', { criterionId: 'precise-prompts', level: 2, comment: '', evidence: [] });
    const list = async (query: string) =>
      (
        (await (await get(`/api/sessions?${query}`, server.adminToken)).json()) as {
          sessions: { candidateName: string; scoreMean: number | null; reviewers: string[] }[];
        }
      ).sessions;
    // Drafts are out of the mean: nothing is submitted yet.
    expect((await list('q=Ann'))[0]!.scoreMean).toBeNull();
    await ra.command('review.submit', {});
    await rb.command('review.submit', {});
    expect((await list('reviewer=rita')).map((s) => s.candidateName)).toEqual(['Ann']);
    expect((await list('minScore=4')).map((s) => s.candidateName)).toEqual(['Ann']);
    expect((await list('maxScore=3')).map((s) => s.candidateName)).toEqual(['Ben']);
    const ann = (await list('q=Ann'))[0]!;
    expect(ann.scoreMean).toBe(4.5);
    expect(ann.reviewers).toEqual(['Rita Queue']);
  });
});

describe('one browser, several invites', () => {
  it('answers reports and exports as the role the link asks for', async () => {
    const session = await server.createSession();
    const cookies: string[] = [];
    for (const role of ['candidate', 'reviewer'] as const) {
      const response = await fetch(`${server.url}/api/auth/invite`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: session.invites[role].token }),
      });
      cookies.push(response.headers.get('set-cookie')!.split(';')[0]!);
    }
    const headers = { cookie: cookies.join('; ') };
    expect((await fetch(`${server.url}/api/sessions/${session.id}/report.md?role=reviewer`, { headers })).status).toBe(200);
    expect((await fetch(`${server.url}/api/sessions/${session.id}/report.md?role=candidate`, { headers })).status).toBe(403);
    const asReviewer = (await (await fetch(`${server.url}/api/sessions/${session.id}/export.json?role=reviewer`, { headers })).json()) as {
      role: string;
    };
    expect(asReviewer.role).toBe('reviewer');
  });
});
