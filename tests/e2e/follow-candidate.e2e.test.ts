import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server';
import { launchBrowser, newPage, screenshot } from './browser';
import { completedAnswers, sendMessage } from './candidate-helpers';

// "Follow candidate" (issue 17 item 13): the candidate's tab and branch reach staff as
// `view.changed`; the interviewer's console (English) and a reviewer's replay of the running
// session (French) switch their mirror to them while the toggle is on, and only say where the
// candidate is while it is off. Two browsers at once on the real server.

const TIMEOUT = 150_000;

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
}, TIMEOUT);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const mirror = (page: Page) => page.getByTestId('mirror');
/** The mirror's right-hand tab that is selected, by its visible name. */
const mirrorTab = async (page: Page) =>
  (await mirror(page).locator('[data-testid="workspace"] .pane.right [role="tab"][aria-selected="true"]').innerText()).trim();
const mirrorQuestion = async (page: Page) =>
  (await mirror(page).locator('[data-thread="main"] [data-testid="user-message"]').first().innerText()).trim();
const candidateIsOn = (page: Page) => page.getByTestId('candidate-is-on');

describe('follow the candidate', () => {
  it(
    'shows where the candidate is, then follows their tab and branch in the console and in the replay',
    async () => {
      const session = await server.createSession({ candidateName: 'Ada Lovelace' });
      const interviewer = await newPage(browser);
      await interviewer.goto(`${server.url}/join#${session.invites.interviewer.token}`);
      await interviewer.waitForURL(`**/s/${session.id}/interviewer`);
      await interviewer.getByTestId('timeline').waitFor();
      const toggle = interviewer.getByRole('switch', { name: 'Follow candidate' });
      expect(await toggle.isChecked()).toBe(false);

      const candidate = await newPage(browser);
      const candidateFrames: string[] = [];
      candidate.on('websocket', (socket) => socket.on('framereceived', (frame) => candidateFrames.push(String(frame.payload))));
      await candidate.goto(`${server.url}/join#${session.invites.candidate.token}`);
      await candidate.waitForURL(`**/s/${session.id}/candidate`);
      await candidate.getByRole('checkbox').first().check();
      await candidate.getByRole('button', { name: 'Start' }).click();

      // Two branches of the first question; the candidate goes back to the first one.
      await sendMessage(candidate, 'Do you have a student discount?');
      await completedAnswers(candidate).first().waitFor();
      await candidate.getByRole('button', { name: 'Edit this message (starts a new branch)' }).click();
      const edit = candidate.getByRole('textbox', { name: 'Edited message' });
      await edit.fill('How much is the Plus plan?');
      await edit.press('Control+Enter');
      const switcher = candidate.locator('[data-thread="main"] [data-testid="branch-switcher"]').first();
      await switcher.getByText('2/2').waitFor();
      await completedAnswers(candidate).first().waitFor();
      await expect.poll(() => mirrorQuestion(interviewer), { timeout: 15_000 }).toContain('Plus plan');
      await switcher.getByRole('button', { name: 'Previous branch' }).click();
      await candidate.getByRole('tab', { name: /^Flags/ }).click();

      // Not following: the mirror stays where the interviewer is; a quiet line says where the candidate is.
      await expect.poll(() => candidateIsOn(interviewer).innerText(), { timeout: 10_000 }).toBe('Candidate is on: Flags');
      expect(await mirrorTab(interviewer)).toBe('Tests');
      expect(await mirrorQuestion(interviewer)).toContain('Plus plan');
      await screenshot(interviewer, 'follow-01-console-not-following');

      // Following: the mirror jumps to the candidate's tab and branch, and keeps up as they move.
      await toggle.check();
      await expect.poll(() => mirrorTab(interviewer)).toMatch(/^Flags/);
      await expect.poll(() => mirrorQuestion(interviewer)).toContain('student discount');
      expect(await candidateIsOn(interviewer).innerText()).toBe('Following: Flags');
      await candidate.getByRole('tab', { name: 'Write-up' }).click();
      await expect.poll(() => mirrorTab(interviewer), { timeout: 10_000 }).toBe('Write-up');
      await switcher.getByRole('button', { name: 'Next branch' }).click();
      await expect.poll(() => mirrorQuestion(interviewer), { timeout: 10_000 }).toContain('Plus plan');
      await screenshot(interviewer, 'follow-02-console-following');

      // Remembered across a reload, and back on the candidate's place at once.
      await interviewer.reload();
      await interviewer.getByTestId('timeline').waitFor();
      expect(await interviewer.getByRole('switch', { name: 'Follow candidate' }).isChecked()).toBe(true);
      await expect.poll(() => mirrorTab(interviewer)).toBe('Write-up');
      await expect.poll(() => mirrorQuestion(interviewer)).toContain('Plus plan');

      // A reviewer's replay of the running session, in French, follows too.
      const reviewer = await newPage(browser, 'fr-FR');
      await reviewer.goto(`${server.url}/join#${session.invites.reviewer.token}`);
      await reviewer.waitForURL(`**/s/${session.id}/reviewer`);
      await reviewer.getByTestId('replay').waitFor();
      const suivre = reviewer.getByRole('switch', { name: 'Suivre le ou la candidat·e' });
      expect(await suivre.isChecked()).toBe(false);
      await expect.poll(() => candidateIsOn(reviewer).innerText()).toBe('Le ou la candidat·e est sur : Compte rendu');
      expect(await mirrorTab(reviewer)).toBe('Tests');
      await suivre.check();
      await expect.poll(() => mirrorTab(reviewer)).toBe('Compte rendu');
      await candidate.getByRole('tab', { name: 'Compare' }).click();
      await expect.poll(() => mirrorTab(reviewer), { timeout: 10_000 }).toBe('Comparer');
      expect(await candidateIsOn(reviewer).innerText()).toBe('Suivi : Comparer');
      await screenshot(reviewer, 'follow-03-replay-following-fr');

      // Looking back in the console: the candidate's moves are not counted as news.
      await interviewer.getByTestId('timeline-track').focus();
      await interviewer.keyboard.press('Home');
      const pill = interviewer.getByTestId('back-to-live');
      await expect.poll(() => pill.innerText()).toBe('Back to live · 0 new');
      await candidate.getByRole('tab', { name: 'Brief' }).click();
      await expect.poll(() => mirrorTab(reviewer), { timeout: 10_000 }).toBe('Consignes');
      expect(await pill.innerText()).toBe('Back to live · 0 new');
      await pill.click();
      await expect.poll(() => mirrorTab(interviewer)).toBe('Brief');

      // The candidate never received where they are looking, nor that anyone follows.
      expect(candidateFrames.join('\n')).not.toContain('view.changed');
      expect(await candidate.getByText('Follow candidate').count()).toBe(0);
      for (const page of [interviewer, reviewer, candidate]) await page.context().close();
    },
    TIMEOUT,
  );
});
