import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server';
import { launchBrowser, newPage, screenshot } from './browser';

// The interviewer's live console through three real browsers at once: a candidate and two
// interviewers on the real server, the simulator streaming at a human pace.

const TIMEOUT = 120_000;

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer({ config: { simulator: { paceMs: 30, firstTokenMs: 0 } } });
  browser = await launchBrowser();
}, TIMEOUT);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function issueInterviewer(sessionId: string, name: string): Promise<string> {
  const response = await fetch(`${server.url}/api/sessions/${sessionId}/invites`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ role: 'interviewer', name }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { token: string }).token;
}

const mirror = (page: Page) => page.getByTestId('mirror');
const answers = (page: Page) => mirror(page).locator('[data-testid="answer"]');
const userMessages = (page: Page) => mirror(page).getByTestId('user-message');
const notes = (page: Page) => page.getByTestId('notes');

async function sendMessage(candidate: Page, text: string): Promise<void> {
  const composer = candidate.getByRole('textbox', { name: 'Your message' });
  await composer.fill(text);
  await composer.press('Control+Enter');
}

/** Waits until an interviewer's mirror shows `count` finished answers in the conversation. */
async function waitCompleted(page: Page, count: number): Promise<void> {
  await expect
    .poll(() => answers(page).and(page.locator('[data-status="completed"]')).count(), { timeout: 30_000 })
    .toBeGreaterThanOrEqual(count);
}

/** Pins a note with Enter; `shown` is how it reads once rendered (Markdown). */
async function pinNote(page: Page, text: string, tag?: string, shown = text): Promise<void> {
  const box = page.getByRole('textbox', { name: 'New note, pinned to now' });
  await box.fill(text);
  if (tag) await page.getByText(tag, { exact: true }).first().click();
  await box.press('Enter');
  await notes(page).getByText(shown).first().waitFor();
}

describe('interviewer live console', () => {
  it(
    'mirrors, annotates, scores, scrubs back while live, and steers the session',
    async () => {
      const session = await server.createSession({ candidateName: 'Ada Lovelace' });
      const tokenA = await issueInterviewer(session.id, 'Ines');
      const tokenB = await issueInterviewer(session.id, 'Jon');
      const candidate = await newPage(browser);
      const ines = await newPage(browser);
      const jon = await newPage(browser);

      // Everything the candidate's browser receives on its sockets, to prove no staff text leaks.
      const candidateFrames: string[] = [];
      candidate.on('websocket', (socket) => socket.on('framereceived', (frame) => candidateFrames.push(String(frame.payload))));

      for (const [page, token] of [
        [ines, tokenA],
        [jon, tokenB],
      ] as const) {
        await page.goto(`${server.url}/join#${token}`);
        await page.waitForURL(`**/s/${session.id}/interviewer`);
        await page.getByTestId('timeline').waitFor();
      }
      await ines.getByText('The candidate has not started yet.').waitFor();

      await candidate.goto(`${server.url}/join#${session.invites.candidate.token}`);
      await candidate.waitForURL(`**/s/${session.id}/candidate`);
      await candidate.getByRole('checkbox').first().check();
      await candidate.getByRole('button', { name: 'Start' }).click();
      await candidate.getByRole('textbox', { name: 'Your message' }).waitFor();

      // Presence: the candidate is online, both interviewers are listed.
      await expect.poll(() => ines.getByTestId('candidate-presence').getAttribute('data-state')).toBe('online');
      await ines.getByTestId('presence').getByText('Jon').waitFor();

      // 1. The stream mirrors token by token: the interviewers see partial text before the end.
      await sendMessage(candidate, 'What are your opening hours?');
      const streaming = answers(ines).and(ines.locator('[data-status="streaming"]'));
      await streaming.waitFor({ timeout: 15_000 });
      await expect
        .poll(
          async () =>
            (
              await streaming
                .getByTestId('answer-text')
                .innerText()
                .catch(() => '')
            ).trim().length,
          { timeout: 10_000 },
        )
        .toBeGreaterThan(0);
      const partial = (await streaming.getByTestId('answer-text').innerText()).trim();
      await screenshot(ines, '10-interviewer-streaming');
      await waitCompleted(ines, 1);
      await waitCompleted(jon, 1);
      const firstAnswer = (await answers(ines).last().getByTestId('answer-text').innerText()).trim();
      await candidate
        .locator('[data-testid="answer"][data-status="completed"]')
        .getByTestId('answer-text')
        .filter({ hasText: firstAnswer.slice(0, 40) })
        .first()
        .waitFor();
      expect(firstAnswer.length).toBeGreaterThan(partial.length);
      expect(firstAnswer.startsWith(partial.slice(0, Math.min(partial.length, 20)))).toBe(true);
      expect((await answers(jon).last().getByTestId('answer-text').innerText()).trim()).toBe(firstAnswer);

      // Presence marks what the candidate does besides typing: a paste, leaving the tab.
      await candidate.getByRole('textbox', { name: 'Your message' }).focus();
      await candidate.evaluate(`(() => {
        const data = new DataTransfer();
        data.setData('text/plain', 'a pasted paragraph');
        document.activeElement.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
      })()`);
      await ines.getByTestId('paste-count').getByText('Pastes: 1').waitFor();
      const setVisibility = (state: 'hidden' | 'visible') =>
        candidate.evaluate(`(() => {
          Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => '${state}' });
          document.dispatchEvent(new Event('visibilitychange'));
        })()`);
      await setVisibility('hidden');
      await expect.poll(() => ines.getByTestId('candidate-presence').getAttribute('data-state')).toBe('hidden');
      await screenshot(ines, '10b-interviewer-tab-hidden');
      await setVisibility('visible');
      await expect.poll(() => ines.getByTestId('candidate-presence').getAttribute('data-state')).toBe('online');
      await ines.getByTestId('presence').getByText('Left the tab: 1').waitFor();
      for (const kind of ['paste', 'focus', 'turn', 'lifecycle'])
        await ines.getByTestId('timeline').locator(`[data-kind="${kind}"]`).first().waitFor({ state: 'attached' });

      // 2. Notes sync between interviewers, live, with tags and Markdown; edits and deletions too.
      const noteA = 'Ines: asks about **hours** first';
      await pinNote(ines, noteA, 'Strength', 'Ines: asks about');
      await notes(jon).getByText('Ines: asks about').waitFor();
      expect(await notes(jon).locator('strong', { hasText: 'hours' }).count()).toBe(1);
      await notes(jon).getByText('Strength').waitFor();
      const noteB = 'Jon: did not test a refusal yet';
      await pinNote(jon, noteB, 'Concern');
      await notes(ines).getByText(noteB).waitFor();

      const mine = notes(ines).getByTestId('note').filter({ hasText: 'Ines: asks about' });
      await mine.getByRole('button', { name: 'Edit' }).click();
      await notes(ines).getByRole('textbox', { name: 'Edit the note' }).fill('Ines: asks about **hours** first, clearly');
      await notes(ines).getByRole('button', { name: 'Save' }).click();
      await notes(jon).getByText('first, clearly').waitFor();
      // Jon cannot edit Ines's note.
      expect(await notes(jon).getByTestId('note').filter({ hasText: 'first, clearly' }).getByRole('button', { name: 'Edit' }).count()).toBe(
        0,
      );
      const doomed = 'Ines: a note to delete';
      await pinNote(ines, doomed);
      await notes(jon).getByText(doomed).waitFor();
      const doomedItem = notes(ines).getByTestId('note').filter({ hasText: doomed });
      await doomedItem.getByRole('button', { name: 'Delete' }).click();
      await doomedItem.getByRole('button', { name: 'Delete' }).click();
      await expect.poll(() => notes(jon).getByText(doomed).count()).toBe(0);
      // A note pinned to an answer from the mirror itself.
      await answers(jon).first().getByRole('button', { name: 'Note on this answer' }).click();
      await expect.poll(() => jon.getByTestId('note-input').evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
      await jon.getByTestId('note-input').fill('Jon: the answer invents a refund rule');
      await jon.getByTestId('note-input').press('Enter');
      await notes(ines)
        .getByTestId('note')
        .filter({ hasText: 'invents a refund rule' })
        .getByTestId('note-answer')
        .getByText('A1 · "What are your opening hours?" · draft')
        .waitFor();
      await screenshot(jon, '11-interviewer-notes-synced');

      // 3–4. Rubric and questions: saved as events, seen by the other interviewer.
      await ines.getByRole('tab', { name: 'Rubric' }).click();
      const criterion = ines.getByTestId('criterion').first();
      await criterion.getByRole('radio', { name: 'Level 4' }).click();
      await criterion.getByRole('textbox', { name: 'Comment' }).fill('Rubric comment: precise and scoped');
      await criterion.getByRole('button', { name: 'Link current instant' }).click();
      await expect.poll(() => criterion.getByRole('radio', { name: 'Level 4' }).getAttribute('aria-checked')).toBe('true');
      await criterion.locator('.evidence li').first().waitFor();
      await screenshot(ines, '12-interviewer-rubric');
      // Scores are independent: Jon sees Ines's level only once he has submitted his own review
      // (the server then has his page read the log again, now with her scores).
      await jon.getByRole('tab', { name: 'Rubric' }).click();
      const jonCriterion = jon.getByTestId('criterion').first();
      await jonCriterion.getByRole('radio', { name: 'Level 3' }).click();
      await expect.poll(() => jonCriterion.getByRole('radio', { name: 'Level 3' }).getAttribute('aria-checked')).toBe('true');
      expect(await jonCriterion.getByText('Ines 4').count()).toBe(0);
      await jon.getByRole('button', { name: 'Submit my review' }).click();
      await jon.getByRole('button', { name: 'Submit', exact: true }).click();
      await jon.getByText(/Review submitted at/).waitFor();
      await jonCriterion.getByText('Ines 4').waitFor();
      await expect.poll(() => jonCriterion.getByRole('radio', { name: 'Level 3' }).getAttribute('aria-checked')).toBe('true');
      expect(await notes(jon).count()).toBe(0); // on the Rubric tab; the page did not reload
      await screenshot(jon, '12b-interviewer-rubric-submitted');
      await ines.getByRole('tab', { name: 'Questions' }).click();
      const question = ines.getByTestId('questions').locator('li').first();
      await question.getByRole('textbox').fill('Question notes: probes with edge cases');
      await question.getByRole('checkbox').check();
      await jon.getByRole('tab', { name: 'Questions' }).click();
      await expect.poll(() => jon.getByTestId('questions').locator('li').first().getByRole('checkbox').isChecked()).toBe(true);
      await expect
        .poll(() => jon.getByTestId('questions').locator('li').first().getByRole('textbox').inputValue())
        .toBe('Question notes: probes with edge cases');
      await ines.getByRole('tab', { name: 'Notes' }).click();

      // 6. Scrub back while live: a second exchange, then back to the moment of Jon's note
      // (pinned between the two): only the first exchange shows, while live goes on.
      await sendMessage(candidate, 'Do you deliver to Lyon?');
      await waitCompleted(ines, 2);
      expect(await userMessages(ines).count()).toBe(2);

      await notes(ines).getByTestId('note').filter({ hasText: noteB }).locator('button.when').click();
      await ines.getByTestId('back-to-live').waitFor();
      await ines.getByTestId('viewing-past').waitFor();
      expect(await mirror(ines).getAttribute('data-live')).toBe('false');
      await expect.poll(() => userMessages(ines).count()).toBe(1);
      expect(await answers(ines).count()).toBe(1);
      expect((await answers(ines).first().getByTestId('answer-text').innerText()).trim()).toBe(firstAnswer);
      const pill = ines.getByTestId('back-to-live');
      const newCount = async () => Number((await pill.innerText()).match(/(\d+)\s*new/)?.[1] ?? NaN);
      const before = await newCount();
      expect(before).toBe(0);

      // Live continues: a third exchange arrives; the past stays put and the count grows.
      await sendMessage(candidate, 'And what about returns?');
      await expect.poll(newCount, { timeout: 15_000 }).toBeGreaterThan(before);
      await waitCompleted(jon, 3);
      expect(await userMessages(ines).count()).toBe(1);
      expect(await answers(ines).count()).toBe(1);
      await screenshot(ines, '13-interviewer-scrubbed');

      // The keyboard steps between markers on the focused strip: → reaches the second answer.
      const track = ines.getByTestId('timeline-track');
      await track.focus();
      await track.press('ArrowRight');
      await expect.poll(() => userMessages(ines).count()).toBe(2);
      await track.press('ArrowLeft');
      await expect.poll(() => userMessages(ines).count()).toBe(1);
      // Dragging to the very start shows the session before any message.
      const box = (await track.boundingBox())!;
      await ines.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await ines.mouse.down();
      await ines.mouse.move(box.x + 1, box.y + box.height / 2, { steps: 5 });
      await ines.mouse.up();
      await expect.poll(() => userMessages(ines).count()).toBe(0);

      await pill.click();
      await ines.getByTestId('timeline-live').waitFor();
      await expect.poll(() => userMessages(ines).count()).toBe(3);
      expect(await answers(ines).count()).toBe(3);
      await screenshot(ines, '14-interviewer-back-live');

      // 5. Controls: a hint, more time, the end — each confirmed, each seen by the candidate.
      await ines.getByRole('tab', { name: 'Controls' }).click();
      await ines.getByRole('textbox', { name: 'Hint for the candidate' }).fill('Try a question the knowledge base cannot answer.');
      await ines.getByRole('button', { name: 'Send hint' }).click();
      await ines.getByRole('button', { name: 'Yes, send it' }).click();
      await candidate.getByTestId('hints').getByText('Try a question the knowledge base cannot answer.').waitFor();
      await screenshot(candidate, '15-candidate-hint');

      // "59:07" or "1:02:03": the candidate's countdown in seconds.
      const secondsLeft = async () =>
        (await candidate.getByTestId('countdown').locator('time').innerText())
          .trim()
          .split(':')
          .reduce((total, part) => total * 60 + Number(part), 0);
      const secondsBefore = await secondsLeft();
      await ines.getByRole('button', { name: 'Add 10 minutes' }).click();
      await screenshot(ines, '16-interviewer-confirm-extend');
      await ines.getByRole('button', { name: 'Yes, extend' }).click();
      await expect.poll(secondsLeft, { timeout: 5_000 }).toBeGreaterThanOrEqual(secondsBefore + 9 * 60);
      await ines.getByTestId('timeline').locator('[data-kind="extension"]').waitFor();
      await ines.getByTestId('timeline').locator('[data-kind="hint"]').waitFor();

      await ines.getByRole('button', { name: 'End session' }).click();
      await ines.getByRole('button', { name: 'Yes, end it' }).click();
      await candidate.getByTestId('ended-notice').waitFor();
      await ines.getByTestId('ended-notice').waitFor();
      await screenshot(candidate, '17-candidate-ended');
      await screenshot(ines, '18-interviewer-ended');

      // Staff material never reaches the candidate: not on the page, not in any socket frame.
      const secrets = ['Ines: asks about', 'invents a refund rule', 'first, clearly', noteB, doomed, 'Rubric comment', 'Question notes'];
      const candidateText = await candidate.locator('body').innerText();
      const frames = candidateFrames.join('\n');
      expect(candidateFrames.length).toBeGreaterThan(10);
      expect(frames).toContain('Try a question the knowledge base cannot answer.');
      for (const secret of secrets) {
        expect(candidateText).not.toContain(secret);
        expect(frames).not.toContain(secret);
      }
      expect(frames).not.toMatch(/"type":"(note\.|score\.|question\.)/);

      for (const page of [candidate, ines, jon]) await page.context().close();
    },
    TIMEOUT,
  );

  it(
    'shows a reviewer the same console in French, without the controls that steer the session',
    async () => {
      const session = await server.createSession({ candidateName: 'Grace Hopper' });
      const reviewer = await newPage(browser, 'fr-FR');
      await reviewer.goto(`${server.url}/join#${session.invites.reviewer.token}`);
      await reviewer.waitForURL(`**/s/${session.id}/reviewer`);
      await reviewer.getByTestId('timeline').getByText('En direct').waitFor();
      await reviewer.getByRole('tab', { name: 'Grille' }).waitFor();
      expect(await reviewer.getByRole('tab', { name: 'Contrôles' }).count()).toBe(0);
      expect(await reviewer.getByRole('button', { name: 'Terminer la session' }).count()).toBe(0);
      const box = reviewer.getByTestId('note-input');
      await box.fill('Relecture : rien à signaler');
      await box.press('Enter');
      await reviewer.getByTestId('notes').getByText('Relecture : rien à signaler').waitFor();
      await reviewer.getByRole('tab', { name: 'Grille' }).click();
      await reviewer.getByText('Compétences techniques').waitFor();
      await screenshot(reviewer, '19-reviewer-console-fr');
      await reviewer.context().close();
    },
    TIMEOUT,
  );
});
