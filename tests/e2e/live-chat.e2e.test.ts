import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server';
import { launchBrowser, newPage, screenshot } from './browser';

// The walking skeleton seen through real browsers: the real server (temp SQLite, instant
// simulator), an admin creating a session, a candidate chatting, an interviewer watching.

type CreatedSession = Awaited<ReturnType<TestServer['createSession']>>;
type InviteRole = keyof CreatedSession['invites'];

const TIMEOUT = 60_000;

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

/** The invite link as the server prints it, but on the test server's own address. */
function joinUrl(session: CreatedSession, role: InviteRole): string {
  return `${server.url}/join#${session.invites[role].token}`;
}

const completedAnswer = (page: Page) => page.locator('[data-testid="answer"][data-status="completed"]').last();

describe('live chat in the browser', () => {
  it(
    'mirrors the candidate’s streamed answer on the interviewer’s page',
    async () => {
      const session = await server.createSession({ candidateName: 'Ada Lovelace' });
      const interviewer = await newPage(browser);
      const candidate = await newPage(browser);

      await interviewer.goto(joinUrl(session, 'interviewer'));
      await interviewer.waitForURL(`**/s/${session.id}/interviewer`);
      await interviewer.getByText('The candidate has not started yet.').waitFor();
      expect(interviewer.url()).not.toContain('#');
      await screenshot(interviewer, '00-interviewer-waiting');

      await candidate.goto(joinUrl(session, 'candidate'));
      await candidate.waitForURL(`**/s/${session.id}/candidate`);
      const start = candidate.getByRole('button', { name: 'Start' });
      await start.waitFor();
      await candidate.getByTestId('connection').getByText('Connected').waitFor();
      await screenshot(candidate, '01-candidate-brief');

      await candidate.getByRole('checkbox', { name: /I have read what is recorded/ }).check();
      await start.click();
      const composer = candidate.getByRole('textbox', { name: 'Your message' });
      await composer.waitFor();
      await candidate.getByTestId('system-prompt').waitFor();
      await composer.fill('What are your opening hours?');
      await composer.press('Control+Enter');

      await completedAnswer(candidate).waitFor({ timeout: 30_000 });
      const candidateText = (await completedAnswer(candidate).getByTestId('answer-text').innerText()).trim();
      expect(candidateText.length).toBeGreaterThan(0);
      await expect.poll(() => composer.inputValue()).toBe('');
      await screenshot(candidate, '02-candidate-answer');

      await completedAnswer(interviewer).waitFor({ timeout: 30_000 });
      const interviewerText = (await completedAnswer(interviewer).getByTestId('answer-text').innerText()).trim();
      expect(interviewerText).toBe(candidateText);
      await interviewer.getByTestId('user-message').getByText('What are your opening hours?').waitFor();

      // A pinned note shows for staff and never on the candidate's page.
      const note = interviewer.getByRole('textbox', { name: 'New note, pinned to now' });
      await note.fill('Asks a clear first question.');
      await note.press('Enter');
      await interviewer.getByTestId('notes').getByText('Asks a clear first question.').waitFor();
      await screenshot(interviewer, '03-interviewer-live');
      expect(await candidate.getByText('Asks a clear first question.').count()).toBe(0);

      // Typed-but-unsent text survives a reload.
      await composer.fill('A draft I have not sent');
      await candidate.reload();
      await expect.poll(() => candidate.getByRole('textbox', { name: 'Your message' }).inputValue()).toBe('A draft I have not sent');

      // The interviewer ends the session (after a confirmation); the candidate's page turns read-only.
      await interviewer.getByRole('button', { name: 'End session' }).click();
      await interviewer.getByRole('button', { name: 'Yes, end it' }).click();
      await candidate.getByTestId('ended-notice').waitFor();
      expect(await candidate.getByRole('textbox', { name: 'Your message' }).count()).toBe(0);
      expect(await candidate.getByTestId('system-prompt').getAttribute('readonly')).not.toBeNull();
      await screenshot(candidate, '05-candidate-ended');

      await interviewer.context().close();
      await candidate.context().close();
    },
    TIMEOUT,
  );

  it(
    'lets the admin create a session and shows its three links',
    async () => {
      const admin = await newPage(browser);
      await admin.goto(`${server.url}/admin#${server.adminToken}`);
      const create = admin.getByRole('button', { name: 'Create session' });
      await create.waitFor();
      expect(admin.url()).not.toContain('#');

      await admin.getByRole('textbox', { name: 'Candidate name (optional)' }).fill('Grace Hopper');
      await create.click();
      const links = admin.getByTestId('invite-links');
      await links.waitFor();
      expect(await links.locator('li').count()).toBe(3);
      for (const role of ['candidate', 'interviewer', 'reviewer'] as const) {
        const url = await links.locator(`li[data-role="${role}"] input`).inputValue();
        expect(url).toMatch(/\/join#.+/);
      }
      await admin.getByRole('cell', { name: 'Grace Hopper' }).waitFor();
      await screenshot(admin, '04-admin-created');
      await admin.context().close();
    },
    TIMEOUT,
  );
});
