import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../server/clock';
import type { SessionEvent } from '../../shared/events';
import { chatTurns, connectLive, type LiveClient } from '../helpers/live-client';
import { startTestServer, type TestServer } from '../helpers/server';
import { launchBrowser, newPage, screenshot } from './browser';

// The timeline of issue 17 item 4, in Chromium: the candidate's lane spans the session's start
// to its end; staff work an hour before the start and three days after the end sits in its own
// lane; markers have a 12-px hit area and a legend; the replay's event list goes to each moment,
// highlights the one playback has reached, filters by kind, and stays light with thousands of
// notes (only the rows in view are rendered). English and French; the live console too.

const TIMEOUT = 240_000;
const HOUR = 3_600_000;
const NOTES = 1_000;
const MINUTE = 60_000;

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
const clients: LiveClient[] = [];

beforeAll(async () => {
  server = await startTestServer({ clock: jumpingClock });
  browser = await launchBrowser();
}, TIMEOUT);

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await browser?.close();
  await server?.close();
});

async function join(sessionId: string, token: string): Promise<LiveClient> {
  const client = await connectLive(server.wsUrl, sessionId, { token });
  clients.push(client);
  await client.hello(0);
  return client;
}

async function ok(client: LiveClient, name: string, data: unknown = {}): Promise<void> {
  const answer = await client.command(name, data, 30_000);
  if (answer.type !== 'ack') throw new Error(`${name}: ${JSON.stringify(answer)}`);
}

async function exchange(candidate: LiveClient, text: string): Promise<void> {
  const before = chatTurns(candidate).length;
  await ok(candidate, 'message.send', { text });
  await candidate.waitFor((c) => chatTurns(c).length > before && chatTurns(c).at(-1)!.status === 'completed', 30_000);
}

const track = (page: Page) => page.getByTestId('timeline-track');

/** The staff lane is whole on screen, and each side's own scale has room to read its markers. */
async function laneFits(page: Page): Promise<void> {
  const lane = (await page.getByTestId('staff-lane').boundingBox())!;
  expect(lane.y + lane.height).toBeLessThanOrEqual(page.viewportSize()!.height);
  for (const side of ['before', 'after']) {
    const scale = (await page.getByTestId(`lane-${side}`).locator('.side-track').boundingBox())!;
    expect(scale.width, side).toBeGreaterThanOrEqual(60);
  }
}
const items = (page: Page) => page.getByTestId('event-item');
const instant = async (page: Page) => Number(await page.getByTestId('mirror').getAttribute('data-instant'));

describe('timeline lanes and the event list', () => {
  it(
    'keeps staff work out of the candidate lane, names every marker, and lists the moments to jump to',
    async () => {
      const created = (await server.createSession({
        candidateName: 'Ada Lovelace',
        reviewers: [{ name: 'Rita' }],
      } as never)) as unknown as {
        id: string;
        participants: { role: string; name: string | null; token: string }[];
        invites: { candidate: { token: string }; interviewer: { token: string } };
      };
      const sessionId = created.id;
      const ritaToken = created.participants.find((p) => p.name === 'Rita')!.token;
      const interviewer = await join(sessionId, created.invites.interviewer.token);
      await ok(interviewer, 'note.add', { text: 'PREP: ask about refunds' });
      // The candidate starts an hour after staff prepared.
      offset += HOUR;
      const candidate = await join(sessionId, created.invites.candidate.token);
      await ok(candidate, 'session.start');
      // A minute between moments (in no time), so that each has its place on the strip.
      offset += MINUTE;
      await exchange(candidate, 'What are your opening hours?');
      offset += MINUTE;
      await ok(candidate, 'prompt.save', { text: 'Answer only from the knowledge base.', label: 'scoped', rationale: 'no inventions' });
      offset += MINUTE;
      await ok(candidate, 'flag.set', { turnId: chatTurns(candidate)[0]!.id, kind: 'wrong', reason: 'made up hours' });
      offset += MINUTE;
      await ok(interviewer, 'hint.send', { text: 'Look at the knowledge base' });
      offset += MINUTE;
      await ok(candidate, 'testrun.start', { caseIds: candidate.state().testCaseOrder.slice(0, 2) });
      await candidate.waitFor((c) => c.events.some((e) => e.type === 'testrun.finished'), 60_000);
      offset += MINUTE;
      await exchange(candidate, 'Do you deliver to Lyon?');
      offset += MINUTE;

      // The live console: the pre-start note sits in the staff lane, the legend names the kinds.
      const console = await newPage(browser);
      await console.goto(`${server.url}/join#${created.invites.interviewer.token}`);
      await console.waitForURL(`**/s/${sessionId}/interviewer`);
      const consoleLane = console.getByTestId('staff-lane');
      await consoleLane.getByText('Before start / After end — staff').waitFor();
      await consoleLane.getByText('Before start', { exact: true }).waitFor();
      expect(await consoleLane.getByTestId('lane-after').count()).toBe(0);
      expect(await consoleLane.getByTestId('staff-marker').getAttribute('data-kind')).toBe('note');
      const consoleLegend = await console.getByTestId('timeline-legend').innerText();
      for (const name of ['Session', 'Prompt version', 'Answer', 'Test run', 'Flag', 'Hint']) expect(consoleLegend).toContain(name);
      // The candidate lane starts at the start, not at the note an hour before.
      const startedAt = interviewer.events.find((e) => e.type === 'session.started')!.at;
      expect(Number(await track(console).getAttribute('data-start'))).toBe(startedAt);
      await screenshot(console, 'timeline-01-console-staff-lane');
      await console.context().close();

      // Thousands of notes during the session (the list must stay light), then the end.
      for (let i = 0; i < NOTES; i += 50) {
        await Promise.all(Array.from({ length: 50 }, (_, k) => ok(interviewer, 'note.add', { text: `Bulk note ${i + k + 1}` })));
      }
      await ok(interviewer, 'session.end');
      await interviewer.waitFor((c) => c.state().status === 'ended', 30_000);
      // Three days later, the reviewer scores and submits.
      offset += 72 * HOUR;
      const rita = await join(sessionId, ritaToken);
      await ok(rita, 'score.set', { criterionId: 'precise-prompts', level: 4, comment: 'clear', evidence: [] });
      offset += 1000;
      await ok(rita, 'note.add', { text: 'REVIEW: solid scoping' });
      offset += 1000;
      await ok(rita, 'review.submit');
      const events: SessionEvent[] = (await rita.waitFor((c) => (c.events.some((e) => e.type === 'review.submitted') ? c : undefined)))
        .events;
      const endedAt = events.find((e) => e.type === 'session.ended')!.at;
      const versionAt = events.find((e) => e.type === 'prompt.version')!.at;

      const page = await newPage(browser);
      await page.goto(`${server.url}/join#${ritaToken}`);
      await page.waitForURL(`**/s/${sessionId}/reviewer`);
      await page.locator('[data-testid="replay"][data-log="complete"]').waitFor();

      // The candidate lane: start to end exactly; the start and end markers at its two edges.
      expect(Number(await track(page).getAttribute('data-start'))).toBe(startedAt);
      expect(Number(await track(page).getAttribute('data-end'))).toBe(endedAt);
      const box = (await track(page).boundingBox())!;
      const lifecycle = page.locator('[data-testid="marker"][data-kind="lifecycle"]');
      expect(await lifecycle.count()).toBe(2);
      const edges = await Promise.all([0, 1].map(async (i) => (await lifecycle.nth(i).boundingBox())!));
      expect(Math.abs(edges[0]!.x + edges[0]!.width / 2 - box.x)).toBeLessThan(2);
      expect(Math.abs(edges[1]!.x + edges[1]!.width / 2 - (box.x + box.width))).toBeLessThan(2);
      // Markers are 12 px wide to hit, with a visible shape; the version's sits where its time says.
      const version = page.locator('[data-testid="marker"][data-kind="version"]');
      const versionBox = (await version.boundingBox())!;
      expect(versionBox.width).toBeGreaterThanOrEqual(12);
      expect(versionBox.height).toBeGreaterThanOrEqual(12);
      const expectedX = box.x + ((versionAt - startedAt) / (endedAt - startedAt)) * box.width;
      expect(Math.abs(versionBox.x + versionBox.width / 2 - expectedX)).toBeLessThan(2);
      // A press at the edge of the hit area lands on the marker exactly.
      await page.mouse.click(versionBox.x + 1, versionBox.y + versionBox.height / 2);
      await expect.poll(() => instant(page)).toBe(versionAt);

      // The staff lane: the note an hour before; the score, review and note three days after.
      const lane = page.getByTestId('staff-lane');
      await lane.getByText('Before start / After end — staff').waitFor();
      const kindsIn = async (side: string) =>
        lane
          .getByTestId(`lane-${side}`)
          .getByTestId('staff-marker')
          .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-kind')));
      expect(await kindsIn('before')).toEqual(['note']);
      expect(await kindsIn('after')).toEqual(['score', 'note', 'review']);
      expect(await lane.getByTestId('lane-after').getByText('After end').count()).toBe(1);
      await laneFits(page);
      const legend = await page.getByTestId('timeline-legend').innerText();
      for (const name of ['Session', 'Prompt version', 'Answer', 'Test run', 'Flag', 'Note', 'Hint', 'Score', 'Review submitted'])
        expect(legend).toContain(name);

      // The event list: every notable moment, only a screenful rendered.
      await page.getByRole('tab', { name: 'Events' }).click();
      const list = page.getByTestId('event-list');
      await items(page).first().waitFor();
      const count = Number(await list.locator('ul').getAttribute('data-count'));
      expect(count).toBeGreaterThan(NOTES + 8);
      expect(await items(page).count()).toBeLessThan(60);
      // Scrolled to the moment shown (the version, seeked above), highlighted.
      const currentItem = list.locator('[aria-current="true"]');
      expect(await currentItem.getAttribute('data-kind')).toBe('version');
      expect(await currentItem.innerText()).toContain('v1 · scoped');

      // Only answers, flags and hints: the notes filtered out.
      for (const kind of ['note', 'lifecycle', 'version', 'testrun', 'score', 'review'])
        await list.locator(`[data-testid="event-chip"][data-kind="${kind}"]`).click();
      await expect.poll(async () => Number(await list.locator('ul').getAttribute('data-count'))).toBe(4);
      const texts = await items(page).allInnerTexts();
      expect(texts[0]).toMatch(/Answer\s*A1 · "What are your opening hours\?" · draft/);
      expect(texts[1]).toMatch(/Flag\s*Wrong · A1 · "What are your opening hours\?"/);
      expect(texts[2]).toMatch(/Hint\s*Look at the knowledge base/);
      expect(texts[3]).toMatch(/Answer\s*A\d+ · "Do you deliver to Lyon\?" · v1/);
      // Keyboard: Home, ↓ to the hint, Enter goes there.
      await items(page).nth(3).focus();
      await page.keyboard.press('Home');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      const focused = page.locator('[data-testid="event-item"]:focus');
      expect(await focused.getAttribute('data-kind')).toBe('hint');
      await page.keyboard.press('Enter');
      const hintAt = Number(await focused.getAttribute('data-at'));
      await expect.poll(() => instant(page)).toBe(hintAt);
      expect(await list.locator('[aria-current="true"]').getAttribute('data-kind')).toBe('hint');
      // Playback passing the next answer moves the highlight to it.
      await page.getByTestId('speed-8').click();
      await page.getByTestId('play').click();
      await expect.poll(async () => list.locator('[aria-current="true"]').getAttribute('data-index'), { timeout: 30_000 }).toBe('3');
      await expect.poll(async () => page.getByTestId('playback').getAttribute('data-playing'), { timeout: 30_000 }).toBe('false');
      expect(await list.locator('[aria-current="true"]').getAttribute('data-index')).toBe('3');
      // Back to the flag from the list, for the picture: highlighted mid-list.
      await items(page).nth(1).click();
      await expect.poll(async () => list.locator('[aria-current="true"]').getAttribute('data-kind')).toBe('flag');
      await screenshot(page, 'timeline-02-replay-lanes-events');

      // French: the lane, the legend and the list.
      await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
      await page.getByTestId('staff-lane').getByText('Avant le début / Après la fin — équipe').waitFor();
      expect(await page.getByTestId('lane-after').getByText('Après la fin').count()).toBe(1);
      await laneFits(page);
      const legendFr = await page.getByTestId('timeline-legend').innerText();
      for (const name of ['Réponse', 'Version du prompt', 'Signalement', 'Indice', 'Note de grille', 'Évaluation soumise'])
        expect(legendFr).toContain(name);
      await page.getByRole('tab', { name: 'Événements' }).waitFor();
      expect((await items(page).nth(0).innerText()).replace(/\s+/g, ' ')).toContain('Réponse A1 · « What are your opening hours? »');
      await screenshot(page, 'timeline-03-replay-lanes-events-fr');
      await page.context().close();
    },
    TIMEOUT,
  );
});
