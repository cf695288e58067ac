import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../server/clock';
import type { SessionEvent } from '../../shared/events';
import { chatTurns, connectLive, type LiveClient } from '../helpers/live-client';
import { startTestServer, type TestServer } from '../helpers/server';
import { launchBrowser, newPage, screenshot } from './browser';

// The reviewer replay in Chromium, over a real session driven first as the candidate over the
// live protocol: two exchanges with five idle minutes between them (the server's clock jumps),
// a test run, a live interviewer's note, another reviewer's score; blind review is on.

const TIMEOUT = 180_000;
const CANDIDATE_NAME = 'Zelda Marker';
const IDLE_JUMP_MS = 5 * 60_000;
const CRITERION = 'precise-prompts';

/** Real time, plus jumps the test makes: idle stretches without waiting for them. */
let offset = 0;
const jumpingClock: Clock = {
  now: () => Date.now() + offset,
  setTimeout(fn, ms) {
    const timer = setTimeout(fn, Math.max(0, ms));
    timer.unref?.();
    return { cancel: () => clearTimeout(timer) };
  },
};

let server: TestServer;
let browser: Browser;
let sessionId: string;
let candidateToken: string;
let ritaToken: string;
let interviewerToken: string;
let events: SessionEvent[];
/** When the candidate sent each chat message. */
let sentAt: number[];
let liveNoteAt: number;
let firstAnswerLength: number;
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

async function exchange(candidate: LiveClient, text: string): Promise<void> {
  const before = chatTurns(candidate).length;
  await ok(candidate, 'message.send', { text });
  await candidate.waitFor((c) => chatTurns(c).length > before && chatTurns(c).at(-1)!.status === 'completed', 30_000);
}

beforeAll(async () => {
  server = await startTestServer({ clock: jumpingClock, config: { simulator: { paceMs: 20, firstTokenMs: 0 } } });
  browser = await launchBrowser();
  const created = (await server.createSession({
    candidateName: CANDIDATE_NAME,
    reviewers: [{ name: 'Rita' }, { name: 'Rob' }],
    blindReview: true,
  } as never)) as unknown as {
    id: string;
    participants: { role: string; name: string | null; token: string }[];
    invites: { candidate: { token: string }; interviewer: { token: string } };
  };
  sessionId = created.id;
  candidateToken = created.invites.candidate.token;
  ritaToken = created.participants.find((p) => p.name === 'Rita')!.token;
  interviewerToken = created.invites.interviewer.token;
  const robToken = created.participants.find((p) => p.name === 'Rob')!.token;

  const candidate = await join(candidateToken);
  const interviewer = await join(created.invites.interviewer.token);
  await ok(candidate, 'session.start');
  await exchange(candidate, 'What are your opening hours?');
  firstAnswerLength = chatTurns(candidate)[0]!.text.length;
  await ok(interviewer, 'note.add', { text: 'LIVE-NOTE: first exchange done' });
  // Five idle minutes, in no time.
  offset += IDLE_JUMP_MS;
  await ok(candidate, 'prompt.save', {
    text: 'You are the support assistant of Calm Co. Answer only from the knowledge base.',
    label: 'scoped',
    rationale: 'stop inventing',
  });
  await exchange(candidate, 'Do you deliver to Lyon?');
  const caseIds = candidate.state().testCaseOrder.slice(0, 2);
  await ok(candidate, 'testrun.start', { caseIds });
  await candidate.waitFor((c) => c.events.some((e) => e.type === 'testrun.finished'), 60_000);
  // Another reviewer scores before Rita opens the replay: calibration must hide it from her.
  const rob = await join(robToken);
  await ok(rob, 'score.set', { criterionId: CRITERION, level: 2, comment: 'ROB-COMMENT', evidence: [] });
  await ok(interviewer, 'session.end');
  await interviewer.waitFor((c) => c.state().status === 'ended');
  events = interviewer.events;
  sentAt = events.filter((e) => e.type === 'message.sent').map((e) => e.at);
  liveNoteAt = events.find((e) => e.type === 'note.added')!.at;
  expect(sentAt).toHaveLength(2);
}, TIMEOUT);

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await browser?.close();
  await server?.close();
});

const mirror = (page: Page) => page.getByTestId('mirror');
const userMessages = (page: Page) => mirror(page).getByTestId('user-message');
const answers = (page: Page) => mirror(page).getByTestId('answer');
const instant = async (page: Page) => Number(await mirror(page).getAttribute('data-instant'));
const playing = async (page: Page) => (await page.getByTestId('playback').getAttribute('data-playing')) === 'true';

/** Clicks the strip where instant `t` sits (away from markers, so no snapping). */
async function seekTo(page: Page, t: number): Promise<void> {
  const track = page.getByTestId('timeline-track');
  const start = Number(await track.getAttribute('data-start'));
  const end = Number(await track.getAttribute('data-end'));
  const box = (await track.boundingBox())!;
  await page.mouse.click(box.x + ((t - start) / (end - start)) * box.width, box.y + box.height / 2);
  // Within two pixels' worth of time: the click landed and the view shows it.
  const pixelMs = (end - start) / box.width;
  await expect.poll(async () => Math.abs((await instant(page)) - t)).toBeLessThan(2 * pixelMs);
}

async function toStart(page: Page): Promise<void> {
  await page.getByTestId('timeline-track').focus();
  await page.keyboard.press('Home');
  await page.getByTestId('timeline-track').blur();
}

async function setSpeed(page: Page, speed: 1 | 2 | 4 | 8): Promise<void> {
  await page.getByTestId(`speed-${speed}`).click();
}

async function setSkipIdle(page: Page, on: boolean): Promise<void> {
  const box = page.getByTestId('skip-idle');
  if ((await box.isChecked()) !== on) await box.click();
}

/** Plays from where the cursor is until the recording ends; the wall time it took. */
async function playToEnd(page: Page): Promise<number> {
  const started = performance.now();
  await page.getByTestId('play').click();
  await expect.poll(() => playing(page), { timeout: 60_000, interval: 20 }).toBe(false);
  return performance.now() - started;
}

describe('reviewer replay', () => {
  let page: Page;

  it(
    'opens the ended session blind: a badge, and the candidate’s name nowhere',
    async () => {
      page = await newPage(browser);
      // The log arrives over REST: first without the deltas of ended answers (the head is the
      // same), then whole (deltas packed); the socket carries only what is new.
      const socketEvents: number[] = [];
      page.on('websocket', (socket) =>
        socket.on('framereceived', ({ payload }) => {
          const frame = JSON.parse(String(payload)) as { type: string; events?: unknown[] };
          if (frame.type === 'event') socketEvents.push(1);
          if (frame.type === 'batch') socketEvents.push(...(frame.events ?? []).map(() => 1));
        }),
      );
      const firstRead = page.waitForResponse(
        (response) => response.url().includes(`/api/sessions/${sessionId}/events?`) && response.url().includes('omit=settled-deltas'),
      );
      const wholeRead = page.waitForResponse(
        (response) => response.url().includes(`/api/sessions/${sessionId}/events?`) && !response.url().includes('omit='),
      );
      await page.goto(`${server.url}/join#${ritaToken}`);
      await page.waitForURL(`**/s/${sessionId}/reviewer`);
      await page.getByTestId('replay').waitFor();
      await page.getByTestId('blind-badge').getByText('Blind review').waitFor();
      const first = (await (await firstRead).json()) as { events: unknown[]; omitted: number };
      expect(first.omitted).toBeGreaterThan(10);
      await page.locator('[data-testid="replay"][data-log="complete"]').waitFor();
      const whole = (await (await wholeRead).json()) as { events: unknown[] };
      expect(whole.events.length).toBeGreaterThanOrEqual(first.events.length + first.omitted);
      expect(whole.events.some(Array.isArray)).toBe(true);
      expect(socketEvents.length).toBeLessThan(5);
      await page.getByTestId('timeline-recorded').waitFor();
      // The recording opens at its end: both exchanges.
      await expect.poll(() => userMessages(page).count()).toBe(2);
      for (const kind of ['turn', 'version', 'testrun', 'note', 'lifecycle'])
        await page.getByTestId('timeline').locator(`[data-kind="${kind}"]`).first().waitFor({ state: 'attached' });
      const html = await page.content();
      const text = await page.locator('body').innerText();
      expect(html).not.toContain('Zelda');
      expect(text).not.toContain('Zelda');
      expect(await page.title()).not.toContain('Zelda');
      await screenshot(page, 'reviewer-01-opened-blind');
    },
    TIMEOUT,
  );

  it(
    'seeks: scrubbing to before the second message shows one exchange',
    async () => {
      await seekTo(page, sentAt[1]! - IDLE_JUMP_MS / 2);
      await expect.poll(() => userMessages(page).count()).toBe(1);
      expect(await answers(page).count()).toBe(1);
      expect(await answers(page).first().getAttribute('data-status')).toBe('completed');
      // Keys: ← goes back 5 s, ] to the next marker (the second message's answer or the version).
      const before = await instant(page);
      await page.keyboard.press('ArrowLeft');
      await expect.poll(() => instant(page)).toBe(before - 5_000);
      await page.keyboard.press(']');
      await expect.poll(() => instant(page)).toBeGreaterThan(sentAt[1]! - IDLE_JUMP_MS);
      await screenshot(page, 'reviewer-02-seek-one-exchange');
    },
    TIMEOUT,
  );

  it(
    'plays: the transcript grows over time, tokens in their original timing',
    async () => {
      await toStart(page);
      await expect.poll(() => userMessages(page).count()).toBe(0);
      await setSpeed(page, 1);
      await setSkipIdle(page, true);
      await page.keyboard.press('Space');
      await expect.poll(() => playing(page)).toBe(true);
      const lengths: number[] = [];
      let messages = 0;
      const deadline = Date.now() + 20_000;
      while (Date.now() < deadline) {
        messages = await userMessages(page).count();
        const length =
          messages > 0 && (await answers(page).count()) > 0
            ? (await answers(page).first().getByTestId('answer-text').innerText()).length
            : 0;
        if (length !== lengths.at(-1)) lengths.push(length);
        if (lengths.length > 3 && (await answers(page).first().getAttribute('data-status')) === 'completed') break;
        await page.waitForTimeout(25);
      }
      await screenshot(page, 'reviewer-03-playing');
      await page.keyboard.press('Space');
      await expect.poll(() => playing(page)).toBe(false);
      const growing = lengths.filter((l) => l > 0);
      expect(messages).toBe(1);
      expect(growing.length).toBeGreaterThanOrEqual(3);
      growing.forEach((l, i) => expect(l).toBeGreaterThanOrEqual(growing[i - 1] ?? 0));
      expect(growing[0]!).toBeLessThan(firstAnswerLength * 0.8);
    },
    TIMEOUT,
  );

  it(
    'skips idle stretches: five idle minutes take no time when the toggle is on',
    async () => {
      const lastDelta = events.filter((e) => e.at < sentAt[1]! - 60_000).at(-1)!.at;
      await seekTo(page, lastDelta + 15_000);
      await expect.poll(() => userMessages(page).count()).toBe(1);
      await setSpeed(page, 8);
      await setSkipIdle(page, false);
      const from = await instant(page);
      await page.getByTestId('play').click();
      await page.waitForTimeout(1_000);
      await page.getByTestId('play').click();
      // Played in full: 8× for about a second moves about 8 s, still in the gap.
      const moved = (await instant(page)) - from;
      expect(moved).toBeGreaterThan(2_000);
      expect(moved).toBeLessThan(30_000);
      expect(await userMessages(page).count()).toBe(1);

      await setSkipIdle(page, true);
      // The stretch it skips is hatched on the strip.
      expect(await page.getByTestId('idle-stretch').count()).toBeGreaterThanOrEqual(1);
      const started = performance.now();
      await page.getByTestId('play').click();
      await expect.poll(() => userMessages(page).count(), { timeout: 5_000, interval: 20 }).toBe(2);
      expect(performance.now() - started).toBeLessThan(3_000);
      await page.getByTestId('play').click();
      await screenshot(page, 'reviewer-04-idle-skipped');
    },
    TIMEOUT,
  );

  it(
    'plays faster at 8× than at 1×',
    async () => {
      await setSkipIdle(page, true);
      await toStart(page);
      await setSpeed(page, 8);
      const fast = await playToEnd(page);
      await toStart(page);
      await setSpeed(page, 1);
      const slow = await playToEnd(page);
      expect(await userMessages(page).count()).toBe(2);
      expect(fast).toBeLessThan(slow / 2);
    },
    TIMEOUT,
  );

  it(
    'notes pin to the cursor, and clicking a note (the live interviewer’s too) seeks there',
    async () => {
      const target = sentAt[1]! - IDLE_JUMP_MS / 3;
      await seekTo(page, target);
      const pinned = await instant(page);
      const box = page.getByTestId('note-input');
      await box.fill('REVIEW-NOTE: no follow-up question in the gap');
      await box.press('Enter');
      const notes = page.getByTestId('notes');
      await notes.getByText('REVIEW-NOTE').waitFor();
      await notes.getByText('LIVE-NOTE').waitFor();
      await page.getByTestId('timeline').locator(`[data-kind="note"][data-at="${pinned}"]`).waitFor({ state: 'attached' });
      await page.getByTestId('timeline').locator(`[data-kind="note"][data-at="${liveNoteAt}"]`).waitFor({ state: 'attached' });

      await page.getByTestId('timeline-track').focus();
      await page.keyboard.press('End');
      await expect.poll(() => userMessages(page).count()).toBe(2);
      await notes.getByTestId('note').filter({ hasText: 'REVIEW-NOTE' }).locator('button.when').click();
      await expect.poll(() => instant(page)).toBe(pinned);
      expect(await userMessages(page).count()).toBe(1);
      await notes.getByTestId('note').filter({ hasText: 'LIVE-NOTE' }).locator('button.when').click();
      await expect.poll(() => instant(page)).toBe(liveNoteAt);
      expect(await userMessages(page).count()).toBe(1);
      await screenshot(page, 'reviewer-05-notes-seek');
    },
    TIMEOUT,
  );

  it(
    'scores independently: another reviewer’s score shows only once mine is submitted, side by side with the spread',
    async () => {
      await page.getByRole('tab', { name: 'Rubric' }).click();
      await page.getByTestId('calibration-notice').waitFor();
      const criterion = page.locator(`[data-testid="criterion"][data-criterion="${CRITERION}"]`);
      await criterion.getByRole('radio', { name: 'Level 4' }).click();
      await expect.poll(() => criterion.getByRole('radio', { name: 'Level 4' }).getAttribute('aria-checked')).toBe('true');
      await seekTo(page, sentAt[0]! + 200);
      const evidenceAt = await instant(page);
      await criterion.getByRole('button', { name: 'Link current instant' }).click();
      await criterion.locator('.evidence li').first().waitFor();
      expect(await page.getByTestId('score-comparison').count()).toBe(0);
      expect(await page.locator('body').innerText()).not.toContain('Rob');
      expect(await page.content()).not.toContain('ROB-COMMENT');
      await page.getByTestId('calibration-notice').scrollIntoViewIfNeeded();
      await screenshot(page, 'reviewer-06-calibration-before-submit');

      await page.getByRole('button', { name: 'Submit my review' }).click();
      await page.getByRole('button', { name: 'Submit', exact: true }).click();
      const comparison = page.getByTestId('score-comparison');
      await comparison.waitFor({ timeout: 15_000 });
      const row = comparison.locator(`[data-testid="score-row"][data-criterion="${CRITERION}"]`);
      await expect.poll(() => row.locator('[data-scorer="Rob"] .level').innerText()).toBe('2');
      expect(await row.locator('[data-scorer="Rita"] .level').innerText()).toBe('4');
      // Rob has not submitted: his score is a draft, shown as one and out of the spread and the agreement.
      expect(await row.locator('[data-scorer="Rob"]').getByTestId('score-draft').innerText()).toBe('draft');
      expect(await row.locator('[data-scorer="Rita"]').getByTestId('score-draft').count()).toBe(0);
      expect(await row.getByTestId('spread').getAttribute('data-value')).toBe('0');
      expect(await comparison.getByTestId('agreement').innerText()).toBe(
        'Agreement within one level: needs two submitted scores on a criterion',
      );
      // An evidence chip seeks to its instant.
      await page.getByTestId('timeline-track').focus();
      await page.keyboard.press('End');
      await row.locator('[data-scorer="Rita"] .chip').click();
      await expect.poll(() => instant(page)).toBe(evidenceAt);
      await screenshot(page, 'reviewer-07-scores-side-by-side');
    },
    TIMEOUT,
  );

  it(
    'summarises with charts, and exports: the JSON log for this reader and the printable report',
    async () => {
      await page.getByRole('tab', { name: 'Summary & report' }).click();
      await page.getByTestId('summary').waitFor();
      for (const chart of ['chart-activity', 'chart-pass-rate', 'chart-scores']) await page.getByTestId(chart).waitFor();
      expect(await page.getByTestId('figure-versions').locator('dd').innerText()).toBe('1');
      // "Answers" counts every answer, as the admin list does; the chat's share beneath.
      expect(await page.getByTestId('figure-turns').locator('dd').first().innerText()).toBe(
        String(events.filter((e) => e.type === 'turn.started').length),
      );
      expect(await page.getByTestId('figure-turns').locator('dd.sub').innerText()).toBe('2 in the chat');
      expect(await page.getByTestId('figure-testRuns').locator('dd').innerText()).toBe('1');
      await screenshot(page, 'reviewer-08-summary');

      // The JSON export, fetched as the reviewer (the page's cookie): versioned, staff events
      // included for staff, no name (blind).
      const exported = await page.evaluate(
        async (href) => {
          const response = await fetch(href);
          return { status: response.status, disposition: response.headers.get('content-disposition'), body: await response.text() };
        },
        (await page.getByTestId('export-json').getAttribute('href'))!,
      );
      expect(exported.status).toBe(200);
      expect(exported.disposition).toContain('attachment');
      const log = JSON.parse(exported.body) as { format: string; schemaVersion: number; role: string; events: SessionEvent[] };
      expect(log).toMatchObject({ format: 'atelier-session', schemaVersion: 1, role: 'reviewer' });
      expect(log.events.some((e) => e.type === 'note.added')).toBe(true);
      expect(exported.body).not.toContain('Zelda');
      // The candidate's export of the same session: no staff event at all.
      const asCandidate = (await (
        await fetch(`${server.url}/api/sessions/${sessionId}/export.json`, { headers: { authorization: `Bearer ${candidateToken}` } })
      ).json()) as {
        events: SessionEvent[];
      };
      expect(asCandidate.events.length).toBeGreaterThan(10);
      const staffTypes = [
        'note.added',
        'note.edited',
        'note.deleted',
        'score.set',
        'question.marked',
        'review.submitted',
        'review.configured',
        'turn.diagnostic',
      ];
      expect(asCandidate.events.filter((e) => staffTypes.includes(e.type))).toEqual([]);
      expect(JSON.stringify(asCandidate)).not.toContain('REVIEW-NOTE');
      expect(await page.getByTestId('export-md').getAttribute('href')).toBe(`/api/sessions/${sessionId}/report.md?lang=en&role=reviewer`);

      // The printable report opens in a new tab, authenticated by the cookie.
      const [report] = await Promise.all([page.context().waitForEvent('page'), page.getByTestId('export-html').click()]);
      await report.waitForLoadState();
      expect(report.url()).toContain(`/api/sessions/${sessionId}/report.html?lang=en`);
      const reportText = await report.locator('body').innerText();
      expect(reportText).toContain('REVIEW-NOTE');
      expect(reportText).not.toContain('Zelda');
      await screenshot(report, 'reviewer-09-printable-report');
      await report.close();
    },
    TIMEOUT,
  );

  it(
    'speaks French',
    async () => {
      await page.getByRole('tab', { name: 'Replay' }).click();
      await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
      await page.getByTestId('play').getByText('Lire').waitFor();
      await screenshot(page, 'reviewer-10-french');
    },
    TIMEOUT,
  );

  it(
    'opens an ended session as a replay for an interviewer too, who is not blind',
    async () => {
      const interviewer = await newPage(browser);
      await interviewer.goto(`${server.url}/join#${interviewerToken}`);
      await interviewer.waitForURL(`**/s/${sessionId}/interviewer`);
      await interviewer.getByTestId('replay').waitFor();
      await interviewer.getByText(`Candidate: ${CANDIDATE_NAME}`).waitFor();
      expect(await interviewer.getByTestId('play').count()).toBe(1);
      await interviewer.context().close();
    },
    TIMEOUT,
  );
});

describe('reviewer replay of a session still running', () => {
  it(
    'follows live until the reviewer scrubs, then comes back',
    async () => {
      const created = await server.createSession({ candidateName: 'Live Larry' });
      const live = await newPage(browser);
      await live.goto(`${server.url}/join#${created.invites.reviewer.token}`);
      await live.waitForURL(`**/s/${created.id}/reviewer`);
      await live.getByTestId('replay').waitFor();
      await live.getByTestId('timeline-live').waitFor();
      // Not blind: the reviewer may see the name.
      await live.getByText('Candidate: Live Larry').waitFor();
      expect(await live.getByTestId('blind-badge').count()).toBe(0);

      const candidate = await connectLive(server.wsUrl, created.id, { token: created.invites.candidate.token });
      clients.push(candidate);
      await candidate.hello(0);
      await ok(candidate, 'session.start');
      await exchange(candidate, 'First question');
      await expect.poll(() => userMessages(live).count()).toBe(1);
      await live.locator('[data-testid="mirror"] [data-testid="answer"][data-status="completed"]').waitFor();

      // Scrub back to the start: the view stays there while the candidate goes on.
      await toStart(live);
      await expect.poll(() => userMessages(live).count()).toBe(0);
      await exchange(candidate, 'Second question');
      await live.getByTestId('back-to-live').waitFor();
      expect(await userMessages(live).count()).toBe(0);
      await screenshot(live, 'reviewer-11-live-scrubbed');
      await live.getByTestId('back-to-live').click();
      await expect.poll(() => userMessages(live).count()).toBe(2);
      await live.getByTestId('timeline-live').waitFor();
      await live.context().close();
    },
    TIMEOUT,
  );
});
