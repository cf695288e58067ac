import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatTurns, connectLive, type LiveClient } from '../helpers/live-client';
import { startTestServer, type TestServer } from '../helpers/server';
import { launchBrowser, newPage, screenshot } from './browser';

// What a hiring committee reads, in Chromium, over a real session: one name per answer on
// every screen, the scorecard report (levels, comments, evidence deep links, drafts marked,
// flagged answers, the write-up rendered, the blind line, figures in the reader's language),
// and the summary's charts with their axes, in English and French.

const TIMEOUT = 180_000;
const QUESTION = 'If I move house, can I change my delivery address?';
const LABEL_EN = 'A1 · "If I move house, can I…" · draft';
const LABEL_FR = 'A1 · « If I move house, can I… » · brouillon';
const CRITERION = 'precise-prompts';

let server: TestServer;
let browser: Browser;
let sessionId: string;
let ritaToken: string;
let evidenceAt: number;
let tokens: { input: number; output: number };
/** Rob has not submitted when the browser tests start. */
let rob: LiveClient;
const clients: LiveClient[] = [];

async function join(token: string): Promise<LiveClient> {
  const client = await connectLive(server.wsUrl, sessionId, { token });
  clients.push(client);
  const welcome = await client.hello(0);
  await client.waitFor((c) => (c.events.at(-1)?.seq ?? 0) >= welcome.headSeq);
  return client;
}

async function ok(client: LiveClient, name: string, data: unknown = {}): Promise<void> {
  const answer = await client.command(name, data);
  if (answer.type !== 'ack') throw new Error(`${name}: ${JSON.stringify(answer)}`);
}

beforeAll(async () => {
  server = await startTestServer({ config: { simulator: { paceMs: 0, firstTokenMs: 0 } } });
  browser = await launchBrowser();
  const created = (await server.createSession({
    candidateName: 'Zoé Hidden',
    reviewers: [{ name: 'Rita' }, { name: 'Rob' }],
    blindReview: true,
  } as never)) as unknown as {
    id: string;
    participants: { role: string; name: string | null; token: string }[];
    invites: { candidate: { token: string }; interviewer: { token: string } };
  };
  sessionId = created.id;
  ritaToken = created.participants.find((p) => p.name === 'Rita')!.token;
  const candidate = await join(created.invites.candidate.token);
  const interviewer = await join(created.invites.interviewer.token);
  const rita = await join(ritaToken);
  rob = await join(created.participants.find((p) => p.name === 'Rob')!.token);

  await ok(candidate, 'session.start');
  await ok(candidate, 'message.send', { text: QUESTION });
  await candidate.waitFor((c) => chatTurns(c).length === 1 && chatTurns(c)[0]!.status === 'completed', 30_000);
  const turn = chatTurns(candidate)[0]!;
  await ok(candidate, 'prompt.save', {
    text: 'You are the support assistant of Calm Co. Answer only from the knowledge base.',
    label: 'scoped',
    rationale: 'stop inventing',
  });
  await ok(candidate, 'testrun.start', { caseIds: candidate.state().testCaseOrder.slice(0, 2) });
  await candidate.waitFor((c) => c.events.some((e) => e.type === 'testrun.finished'), 60_000);
  await ok(candidate, 'flag.set', { turnId: turn.id, kind: 'wrong', reason: 'FLAG-REASON: invents a moving policy' });
  await ok(candidate, 'writeup.update', {
    text: '## What I changed\n\n- **Scoped** the prompt to the knowledge base\n\n<script>alert(1)</script>',
  });

  await ok(interviewer, 'note.add', { text: 'NOTE-ON-ANSWER: watch this one', turnId: turn.id });
  evidenceAt = turn.startedAt;
  await ok(rita, 'score.set', {
    criterionId: CRITERION,
    level: 4,
    comment: 'RITA-COMMENT: scoped it to the KB',
    evidence: [{ at: evidenceAt, turnId: turn.id }],
  });
  await ok(rita, 'review.submit');
  await ok(rob, 'score.set', { criterionId: CRITERION, level: 1, comment: 'ROB-DRAFT', evidence: [] });
  await ok(interviewer, 'session.end');
  await interviewer.waitFor((c) => c.state().status === 'ended');
  tokens = { input: interviewer.state().totals.inputTokens, output: interviewer.state().totals.outputTokens };
}, TIMEOUT);

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await browser?.close();
  await server?.close();
});

/** The page's full width against the window's: wider means a horizontal scrollbar. */
function pageWidth(page: Page): Promise<{ scroll: number; client: number }> {
  return page.evaluate('({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })') as Promise<{
    scroll: number;
    client: number;
  }>;
}

async function openReplay(locale: string): Promise<Page> {
  const page = await newPage(browser, locale);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`${server.url}/join#${ritaToken}`);
  await page.waitForURL(`**/s/${sessionId}/reviewer`);
  await page.locator('[data-testid="replay"][data-log="complete"]').waitFor();
  return page;
}

describe('reports a hiring committee can act on', () => {
  let page: Page;

  it(
    'names each answer the same way on its card, its note pin, the evidence picker and the score chips',
    async () => {
      page = await openReplay('en-US');
      const card = page.getByTestId('mirror').getByTestId('answer').first();
      expect(await card.getByTestId('answer-code').innerText()).toBe('A1');
      expect(await card.getByTestId('answer-code').getAttribute('title')).toBe(LABEL_EN);
      const note = page.getByTestId('note').filter({ hasText: 'NOTE-ON-ANSWER' });
      expect(await note.getByTestId('note-answer').innerText()).toBe(LABEL_EN);
      // The composer folds to one line until it is focused; its pin picker shows once unfolded.
      await page.getByTestId('note-input').focus();
      expect(await page.getByTestId('note-input').locator('xpath=ancestor::form').locator('option').allInnerTexts()).toContain(LABEL_EN);
      await page.getByRole('tab', { name: 'Rubric' }).click();
      const criterion = page.locator(`[data-testid="criterion"][data-criterion="${CRITERION}"]`);
      // The rubric is a grid: a row's comment and evidence open with its toggle.
      await criterion.getByTestId('criterion-toggle').click();
      expect(await criterion.getByRole('combobox', { name: 'Link an answer…' }).locator('option').allInnerTexts()).toContain(LABEL_EN);
      const row = page.getByTestId('score-comparison').locator(`[data-testid="score-row"][data-criterion="${CRITERION}"]`);
      expect(await row.locator('[data-scorer="Rita"] .chip').innerText()).toContain(LABEL_EN);
      expect(await row.locator('[data-scorer="Rob"]').getByTestId('score-draft').innerText()).toBe('draft');
      await screenshot(page, 'report-01-answer-names-en');
    },
    TIMEOUT,
  );

  it(
    'draws the summary charts with axes and units, and says what agreement measures',
    async () => {
      await page.getByRole('tab', { name: 'Summary & report' }).click();
      const activity = page.getByTestId('chart-activity');
      expect(await activity.getByTestId('axis-y').textContent()).toBe('actions');
      expect(await activity.getByTestId('axis-x').textContent()).toBe('minutes since the start');
      expect(await page.getByTestId('chart-pass-rate').getByTestId('axis-x').textContent()).toBe('answers passed');
      expect(await page.getByTestId('chart-pass-rate').textContent()).toContain('100%');
      expect(await page.getByTestId('chart-scores').getByTestId('axis-x').textContent()).toBe('level');
      // Rob's level is a draft: a hollow dot, and no agreement until two scorers submitted.
      expect(await page.getByTestId('chart-scores').locator('circle[data-draft="true"]').count()).toBe(1);
      expect(await page.getByTestId('score-agreement').innerText()).toBe(
        'Agreement within one level: needs two submitted scores on a criterion',
      );
      await page.getByTestId('chart-scores').scrollIntoViewIfNeeded();
      await screenshot(page, 'report-02-summary-charts-en');
    },
    TIMEOUT,
  );

  it(
    'prints a scorecard report with evidence deep links into the replay, flagged answers and the write-up rendered',
    async () => {
      const report = await page.context().newPage();
      await report.setViewportSize({ width: 1440, height: 900 });
      await report.goto(`${server.url}/api/sessions/${sessionId}/report.html?lang=en&role=reviewer`);
      const text = await report.locator('body').innerText();
      expect(text).toContain('Candidate: name hidden (blind review)');
      expect(text).not.toContain('Zoé');
      const scorecard = report.locator(`section.criterion[data-criterion="${CRITERION}"]`);
      expect(await scorecard.locator('h3').innerText()).toContain('mean 4 · spread 0');
      const ritaRow = scorecard.locator('tr', { hasText: 'RITA-COMMENT' });
      expect(await ritaRow.locator('td.level').innerText()).toBe('4');
      const robRow = scorecard.locator('tr', { hasText: 'ROB-DRAFT' });
      expect(await robRow.getAttribute('class')).toBe('draft');
      expect(await robRow.locator('.tag.draft').innerText()).toBe('draft');
      const evidence = ritaRow.locator('.evidence a');
      expect(await evidence.innerText()).toMatch(new RegExp(`^${LABEL_EN.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} · at \\d+:\\d\\d$`));
      expect(await evidence.getAttribute('href')).toMatch(
        new RegExp(`^${server.url}/s/${sessionId}/reviewer\\?at=${evidenceAt}&answer=[\\w-]+$`),
      );
      expect(text).toContain('Agreement: — (needs two submitted scores on a criterion)');
      // Flagged answers with their text and reason; per-case results by version.
      const flag = report.locator('li.flag');
      expect(await flag.innerText()).toContain('FLAG-REASON: invents a moving policy');
      expect(await flag.locator('a').innerText()).toBe(LABEL_EN);
      expect((await flag.locator('blockquote').innerText()).length).toBeGreaterThan(10);
      expect(await report.locator('table.cases th').allInnerTexts()).toEqual(['case', 'v1']);
      expect(await report.locator('table.cases tbody tr').count()).toBe(2);
      // The write-up is rendered Markdown, with the candidate's script inert.
      expect(await report.locator('.writeup h2').innerText()).toBe('What I changed');
      expect(await report.locator('.writeup li strong').innerText()).toBe('Scoped');
      expect(await report.locator('.writeup script').count()).toBe(0);
      expect(await report.locator('svg.chart text', { hasText: 'minutes since the start' }).count()).toBe(1);
      await screenshot(report, 'report-03-scorecard-en');
      await report.locator('.writeup').scrollIntoViewIfNeeded();
      await screenshot(report, 'report-04-flags-writeup-en');

      // The evidence link opens the replay at that moment.
      await evidence.click();
      await report.waitForURL(`**/s/${sessionId}/reviewer?at=*`);
      await report.locator('[data-testid="replay"][data-log="complete"]').waitFor();
      await expect.poll(async () => Number(await report.getByTestId('mirror').getAttribute('data-instant'))).toBe(evidenceAt);
      await screenshot(report, 'report-05-deep-link-replay');
      await report.close();
    },
    TIMEOUT,
  );

  it(
    'in French: figures, money and labels in French in the report and the app',
    async () => {
      const fr = await openReplay('fr-FR');
      expect(await fr.getByTestId('note').filter({ hasText: 'NOTE-ON-ANSWER' }).getByTestId('note-answer').innerText()).toBe(LABEL_FR);
      await fr.getByRole('tab', { name: 'Synthèse et rapport' }).click();
      expect(await fr.getByTestId('chart-activity').getByTestId('axis-x').textContent()).toBe('minutes depuis le début');
      expect(await fr.getByTestId('chart-pass-rate').getByTestId('axis-x').textContent()).toBe('réponses réussies');
      expect(await fr.getByTestId('score-agreement').innerText()).toBe(
        'Accord à un niveau près : il faut deux notes soumises sur un critère',
      );
      await screenshot(fr, 'report-06-summary-charts-fr');

      await fr.goto(`${server.url}/api/sessions/${sessionId}/report.html?lang=fr&role=reviewer`);
      const text = await fr.locator('body').innerText();
      expect(text).toContain('Candidat·e : nom masqué (évaluation à l’aveugle)');
      const number = (n: number) => new Intl.NumberFormat('fr').format(n);
      expect(await fr.locator('[data-figure="tokens-cost"]').innerText()).toBe(
        `${number(tokens.input)} / ${number(tokens.output)} · 0,00\u00a0$US`,
      );
      expect(text).toContain('Fiche de notation');
      expect(text).toContain('moyenne 4 · écart 0');
      expect(await fr.locator('.evidence a').innerText()).toMatch(/^A1 · « If I move house, can I… » · brouillon · à \d+:\d\d$/);
      expect(await fr.locator('li.flag a').innerText()).toBe(LABEL_FR);
      expect(text).toContain('Accord : — (il faut deux notes soumises sur un critère)');
      await screenshot(fr, 'report-07-scorecard-fr');
      await fr.close();
    },
    TIMEOUT,
  );

  it(
    'the Markdown report carries the same scorecard and links',
    async () => {
      const response = await fetch(`${server.url}/api/sessions/${sessionId}/report.md?lang=en`, {
        headers: { authorization: `Bearer ${ritaToken}` },
      });
      const md = await response.text();
      expect(md).toContain('- Candidate: _name hidden (blind review)_');
      expect(md).toMatch(
        /\| Rita \| 4 \| RITA-COMMENT: scoped it to the KB \| \[A1 · "If I move house, can I…" · draft · at \d+:\d\d\]\(<http:\/\/127\.0\.0\.1:\d+\/s\/[^>]+\/reviewer\?at=\d+&answer=[^>]+>\) \|/,
      );
      expect(md).toContain('| Rob _(draft)_ | 1 | ROB-DRAFT | no evidence linked |');
    },
    TIMEOUT,
  );

  it(
    'the admin list says Reviewed only once every assigned reviewer submitted',
    async () => {
      const admin = await newPage(browser, 'en-US');
      await admin.setViewportSize({ width: 1440, height: 900 });
      await admin.goto(`${server.url}/admin#${server.adminToken}`);
      const row = admin.getByTestId('session-table').locator(`tr[data-session="${sessionId}"]`);
      // Rita and the interviewer's scores are in, Rob's is a draft: ended, not reviewed.
      await row.waitFor();
      expect(await row.getByTestId('status-reviewed').count()).toBe(0);
      expect(await row.innerText()).toContain('Ended');
      await ok(rob, 'review.submit');
      await admin.reload();
      await row.getByTestId('status-reviewed').waitFor();
      expect(await row.getByTestId('status-reviewed').innerText()).toBe('Reviewed');
      await screenshot(admin, 'report-08-admin-reviewed-en');
      const fr = await newPage(browser, 'fr-FR');
      await fr.goto(`${server.url}/admin#${server.adminToken}`);
      expect(
        await fr.getByTestId('session-table').locator(`tr[data-session="${sessionId}"]`).getByTestId('status-reviewed').innerText(),
      ).toBe('Évaluée');
      await admin.close();
      await fr.close();
    },
    TIMEOUT,
  );

  it(
    'the admin sessions page fits 1280 and 1440 px in both languages, with score, direct link, cost and a blind-review switch',
    async () => {
      for (const locale of ['en-US', 'fr-FR']) {
        const admin = await newPage(browser, locale);
        await admin.goto(`${server.url}/admin#${server.adminToken}`);
        const row = admin.getByTestId('session-table').locator(`tr[data-session="${sessionId}"]`);
        await row.waitFor();
        for (const width of [1280, 1440]) {
          await admin.setViewportSize({ width, height: 900 });
          const { scroll, client } = await pageWidth(admin);
          expect(scroll, `${locale} at ${width}px`).toBeLessThanOrEqual(client);
          // The last columns are on screen, not cut off.
          const link = row.getByTestId('open-replay');
          const box = (await link.boundingBox())!;
          expect(box.x + box.width).toBeLessThanOrEqual(width);
          await screenshot(admin, `report-09-admin-${locale}-${width}`);
        }
        expect(await row.getByTestId('score').innerText()).toBe(locale === 'en-US' ? '2.5' : '2,5');
        expect(await row.getByTestId('open-replay').getAttribute('href')).toBe(`/s/${sessionId}/reviewer`);
        // "Answers" counts every answer in the list and in the summary alike.
        const listed = Number(await row.locator('td.num').first().innerText());
        const detail = (await fetch(`${server.url}/api/sessions/${sessionId}`, {
          headers: { authorization: `Bearer ${server.adminToken}` },
        }).then((r) => r.json())) as { turns: number };
        expect(listed).toBe(detail.turns);
        await admin.close();
      }
      // Scheduling with the blind-review switch on makes a blind session; its links fit too.
      const admin = await newPage(browser, 'en-US');
      await admin.setViewportSize({ width: 1280, height: 900 });
      await admin.goto(`${server.url}/admin#${server.adminToken}`);
      await admin.getByRole('textbox', { name: 'Candidate name (optional)' }).fill('Bea Blind');
      await admin.getByTestId('blind-review').getByRole('checkbox').check();
      await admin.getByRole('button', { name: 'Create session' }).click();
      const blindRow = admin.getByTestId('session-table').locator('tr', { hasText: 'Bea Blind' });
      await blindRow.waitFor();
      const blindId = (await blindRow.getAttribute('data-session'))!;
      const review = await fetch(`${server.url}/api/sessions/${blindId}/review`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ blind: true }),
      });
      expect(await review.json()).toEqual({ blind: true });
      const events = await fetch(`${server.url}/api/sessions/${blindId}/events?role=reviewer`, {
        headers: { authorization: `Bearer ${server.adminToken}` },
      }).then((r) => r.json() as Promise<{ events: { type: string; data: { blind?: boolean } }[] }>);
      expect(events.events.filter((e) => e.type === 'review.configured').map((e) => e.data.blind)).toEqual([true]);
      const after = await pageWidth(admin);
      expect(after.scroll).toBeLessThanOrEqual(after.client);
      await screenshot(admin, 'report-10-admin-scheduled-blind');
      await admin.close();
    },
    TIMEOUT,
  );
});
