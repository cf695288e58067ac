import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectLive } from '../helpers/live-client';
import { ManualClock } from '../helpers/manual-clock';
import { startTestServer, type TestServer } from '../helpers/server';
import { launchBrowser, screenshot } from './browser';
import { joinAndStart } from './candidate-helpers';

// The server's clock decides: warnings at 10 and 2 minutes, read-only at zero; hints from
// the interviewer appear at once.

const TIMEOUT = 90_000;
const MINUTE = 60_000;

let server: TestServer;
let browser: Browser;
const clock = new ManualClock(Date.now());

beforeAll(async () => {
  server = await startTestServer({ clock });
  browser = await launchBrowser();
}, TIMEOUT);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('candidate workspace and the clock', () => {
  it(
    'warns at 10 and 2 minutes, shows hints at once, and turns read-only at time-up',
    async () => {
      const { session, page } = await joinAndStart(server, browser);
      await page.getByRole('checkbox', { name: /I have read/ }).check();
      await page.getByRole('button', { name: 'Start' }).click();
      const prompt = page.getByTestId('system-prompt');
      await prompt.waitFor();
      const countdown = page.getByTestId('countdown');
      expect(await countdown.getAttribute('data-tone')).toBe('calm');

      // Typed text that was never sent is kept across the end of the session? No: it is kept
      // until the session ends; here we check the warnings first. Each event carries the
      // server's time, so the countdown follows the server's clock.
      clock.advance(51 * MINUTE);
      await prompt.press('End');
      await prompt.type(' Be brief.');
      await expect.poll(() => countdown.getAttribute('data-tone'), { timeout: 10_000 }).toBe('warn');
      await page.getByTestId('time-warning').getByText('Less than 10 minutes left').waitFor();

      const interviewer = await connectLive(server.wsUrl, session.id, { token: session.invites.interviewer.token });
      await interviewer.hello();
      expect((await interviewer.command('hint.send', { text: 'Have you looked at the seeded conversation?' })).type).toBe('ack');
      await page.getByTestId('hints').getByText('Have you looked at the seeded conversation?').waitFor();
      await screenshot(page, 'candidate-11-warning-hint');

      clock.advance(8 * MINUTE);
      await prompt.type(' Cite the knowledge base.');
      await expect.poll(() => countdown.getAttribute('data-tone'), { timeout: 10_000 }).toBe('urgent');
      await page
        .getByTestId('time-warning')
        .getByText(/Less than 2 minutes/)
        .waitFor();
      await screenshot(page, 'candidate-12-urgent');

      clock.advance(2 * MINUTE);
      await page.getByTestId('ended-notice').getByText('Time is up.').waitFor();
      await page.locator('[data-testid="workspace"][data-readonly="true"]').waitFor();
      expect(await prompt.getAttribute('readonly')).not.toBeNull();
      expect(await page.getByRole('textbox', { name: 'Your message' }).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Save version' }).count()).toBe(0);
      expect(await page.getByRole('button', { name: /^Run all/ }).count()).toBe(0);
      await page.getByRole('tab', { name: 'Write-up' }).click();
      expect(await page.getByRole('button', { name: 'Submit' }).count()).toBe(0);
      // The edits typed before the end reached the server.
      expect(interviewer.state().prompt.draft).toContain('Cite the knowledge base.');
      await screenshot(page, 'candidate-13-time-up');
      await interviewer.close();
      await page.context().close();
    },
    TIMEOUT,
  );
});
