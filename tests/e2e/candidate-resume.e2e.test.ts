import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server';
import { launchBrowser, newPage, screenshot } from './browser';
import { completedAnswers, joinAndStart, portOf, sendMessage, startRelay } from './candidate-helpers';

// Nothing typed is lost: a reload in the middle of a streamed answer resumes it, and unsent
// drafts (prompt, composer, write-up, test case) come back from local storage; edits made
// while the server restarts reach it once the page has reconnected.

const TIMEOUT = 90_000;

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  // A visible stream: about 30 ms per token.
  server = await startTestServer({ config: { simulator: { paceMs: 30, firstTokenMs: 0 } } });
  browser = await launchBrowser();
}, TIMEOUT);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('candidate workspace across a reload', () => {
  it(
    'resumes a streaming answer after a reload and brings the drafts back',
    async () => {
      const { page } = await joinAndStart(server, browser);
      await page.getByRole('checkbox', { name: /I have read/ }).check();
      await page.getByRole('button', { name: 'Start' }).click();
      await page.getByTestId('system-prompt').waitFor();

      // Drafts everywhere, none of them sent or saved yet.
      await page.getByRole('textbox', { name: 'Label' }).fill('Half-written label');
      await page.getByRole('tab', { name: 'Write-up' }).click();
      await page.getByRole('textbox', { name: 'Write-up' }).fill('Notes in progress');
      await page.getByRole('tab', { name: 'Tests' }).click();
      await page.getByRole('button', { name: 'Add a case' }).click();
      await page.getByTestId('case-editor').getByRole('textbox', { name: /Input/ }).fill('A case I am still writing');

      await sendMessage(page, 'Tell me everything about the plans, the router and moving home, in detail please.');
      const streaming = page.locator('[data-thread="main"] [data-testid="answer"][data-status="streaming"]');
      await streaming.getByTestId('answer-text').waitFor();
      await page.getByRole('button', { name: 'Stop' }).waitFor();
      await page.getByRole('textbox', { name: 'Your message' }).fill('A follow-up I have not sent');
      await screenshot(page, 'candidate-14-streaming');
      const before = await streaming.getByTestId('answer-text').innerText();

      await page.reload();
      await page.getByTestId('system-prompt').waitFor();
      // The answer that was streaming completes on the reloaded page, from where it was.
      await completedAnswers(page).first().waitFor({ timeout: 30_000 });
      const after = await completedAnswers(page).first().getByTestId('answer-text').innerText();
      expect(after.length).toBeGreaterThan(before.length);
      expect(after.startsWith(before.trim().slice(0, 20))).toBe(true);
      expect(await page.getByRole('textbox', { name: 'Your message' }).inputValue()).toBe('A follow-up I have not sent');
      expect(await page.getByRole('textbox', { name: 'Label' }).inputValue()).toBe('Half-written label');
      expect(await page.getByTestId('case-editor').getByRole('textbox', { name: /Input/ }).inputValue()).toBe('A case I am still writing');
      await page.getByRole('tab', { name: 'Write-up' }).click();
      expect(await page.getByRole('textbox', { name: 'Write-up' }).inputValue()).toBe('Notes in progress');
      await screenshot(page, 'candidate-15-after-reload');

      // Stop cuts an answer short; what was written stays.
      await page.getByRole('textbox', { name: 'Your message' }).fill('And now the whole knowledge base, word for word, twice.');
      await page.getByRole('textbox', { name: 'Your message' }).press('Control+Enter');
      await streaming.getByTestId('answer-text').waitFor();
      await page.getByRole('button', { name: 'Stop' }).click();
      await page
        .locator('[data-thread="main"] [data-testid="answer"][data-status="cancelled"]')
        .getByText('Stopped before the end.')
        .waitFor();
      expect(await page.getByRole('button', { name: 'Stop' }).count()).toBe(0);

      // A test run in progress: a progress bar and a status per case.
      await page.getByRole('tab', { name: 'Tests' }).click();
      await page.getByRole('button', { name: /^Run all \d+ cases$/ }).click();
      const progress = page.getByTestId('run-progress');
      await progress.waitFor();
      await page.locator('[data-testid="matrix-cell"][data-status="running"]').first().waitFor();
      await screenshot(page, 'candidate-17-run-progress');
      await expect.poll(() => progress.count(), { timeout: 60_000 }).toBe(0);
      expect(await page.locator('[data-testid="matrix-cell"][data-status="running"]').count()).toBe(0);
      await page.context().close();
    },
    TIMEOUT,
  );

  it(
    'keeps prompt edits made while the server restarts and sends them once it is back',
    async () => {
      // Its own server behind a relay: one origin for the page across the restart.
      let backend: TestServer | null = null;
      const relay = await startRelay(() => portOf(backend!.url));
      backend = await startTestServer({ config: { allowedOrigins: [relay.url] } });
      try {
        const session = await backend.createSession({ candidateName: 'Ada Lovelace' });
        const page = await newPage(browser);
        await page.goto(`${relay.url}/join#${session.invites.candidate.token}`);
        await page.getByRole('checkbox', { name: /I have read/ }).check();
        await page.getByRole('button', { name: 'Start' }).click();
        const prompt = page.getByTestId('system-prompt');
        await prompt.waitFor();

        await backend.stop();
        await page.getByTestId('connection').getByText('Reconnecting…').waitFor({ timeout: 15_000 });
        await prompt.press('End');
        await prompt.type(' Never promise refunds.');
        await page.getByRole('textbox', { name: 'Your message' }).fill('Written while offline');
        await screenshot(page, 'candidate-16-reconnecting');

        backend = await backend.restart();
        await page.getByTestId('connection').getByText('Connected').waitFor({ timeout: 30_000 });
        expect(await prompt.inputValue()).toContain('Never promise refunds.');
        expect(await page.getByRole('textbox', { name: 'Your message' }).inputValue()).toBe('Written while offline');
        const draftReached = async () => {
          const response = await fetch(`${backend!.url}/api/sessions/${session.id}/events`, {
            headers: { authorization: `Bearer ${backend!.adminToken}` },
          });
          const body = (await response.json()) as { events: { type: string; data: { text?: string } }[] };
          return body.events.some((e) => e.type === 'prompt.draft' && (e.data.text ?? '').includes('Never promise refunds.'));
        };
        await expect.poll(draftReached, { timeout: 15_000 }).toBe(true);
        await page.context().close();
      } finally {
        await relay.close();
        await backend?.close();
      }
    },
    TIMEOUT,
  );
});
