import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server';
import { launchBrowser, screenshot } from './browser';
import { completedAnswers, joinAndStart, leaveAndComeBack, sendMessage, simulatePaste, unnamedControls } from './candidate-helpers';

// The whole "refine the chatbot" exercise through a real browser, against the real server
// (temp SQLite, the offline simulator streaming instantly).

const TIMEOUT = 120_000;

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

async function savedVersion(page: Page, label: string, rationale: string) {
  await page.getByRole('textbox', { name: 'Label' }).fill(label);
  await page.getByRole('textbox', { name: 'What I changed and why' }).fill(rationale);
  await page.getByRole('button', { name: 'Save version' }).click();
  await page.getByTestId('version').filter({ hasText: label }).waitFor();
}

async function runSuite(page: Page, versionLabel: string) {
  await page.getByRole('tab', { name: 'Tests' }).click();
  await page.getByRole('combobox', { name: 'Version' }).first().selectOption({ label: versionLabel });
  await page.getByRole('button', { name: /^Run all \d+ cases$/ }).click();
}

describe('candidate workspace', () => {
  it(
    'runs the whole exercise: join, versions, diff, branches, tests, compare, flags, write-up, submit',
    async () => {
      const { session, page } = await joinAndStart(server, browser);

      // Joining: the brief, the recording notice, and Start only once acknowledged.
      await page.getByTestId('brief').waitFor();
      await page.getByTestId('consent').getByText('What is recorded:').waitFor();
      const start = page.getByRole('button', { name: 'Start' });
      await page.getByTestId('connection').getByText('Connected').waitFor();
      expect(await start.isDisabled()).toBe(true);
      await screenshot(page, 'candidate-01-join');
      await page.getByRole('checkbox', { name: 'I have read what is recorded and who will see it.' }).check();
      await start.click();

      // The workspace: three panes, header with countdown and budget.
      const prompt = page.getByTestId('system-prompt');
      await prompt.waitFor();
      await page.getByTestId('countdown').waitFor();
      await page
        .getByTestId('budget')
        .getByText(/tokens/)
        .waitFor();
      await screenshot(page, 'candidate-02-workspace');
      expect(await unnamedControls(page)).toEqual([]);

      // Pasting into the prompt and leaving the tab are recorded, as the notice said.
      await simulatePaste(page, 'system-prompt', 'Forty-two characters pasted from elsewhere');
      await leaveAndComeBack(page);

      // The seeded conversation can be read and flagged.
      await page.getByRole('tab', { name: 'Existing conversation' }).click();
      const seedAnswer = page.locator('[data-thread="seed"] [data-testid="answer"]').first();
      await seedAnswer.getByRole('button', { name: 'Flag as wrong' }).click();
      await seedAnswer.getByRole('textbox', { name: /Why is it Wrong/ }).fill('Invents a fact not in the knowledge base');
      await seedAnswer.getByRole('button', { name: 'Flag', exact: true }).click();
      await seedAnswer.getByTestId('flag').waitFor();
      await page.getByRole('tab', { name: 'Your conversation' }).click();

      // Versions: save the starting prompt, change it, save again; the diff shows the change.
      await savedVersion(page, 'Starting prompt', 'As given');
      const original = await prompt.inputValue();
      await prompt.fill(`${original}\nOnly answer from the knowledge base. If the answer is not there, say so and give the phone line.`);
      await page.getByTestId('draft-state').getByText('Unsaved changes since the last version').waitFor();
      await savedVersion(page, 'Knowledge base only', 'The bot invented a student discount');
      const diff = page.getByTestId('diff').first();
      await diff.locator('ins').first().waitFor();
      expect(await diff.locator('ins').allInnerTexts()).toContainEqual(expect.stringContaining('knowledge base'));
      await screenshot(page, 'candidate-03-versions-diff');
      // Restore v1 as the draft, then come back to v2.
      await page.getByRole('button', { name: 'Restore version 1 as the working draft' }).click();
      await page.getByTestId('draft-state').getByText('Same as v1 · Starting prompt').waitFor();
      expect(await prompt.inputValue()).toBe(original);
      await page.getByRole('button', { name: 'Restore version 2 as the working draft' }).click();
      await page.getByTestId('draft-state').getByText('Same as v2 · Knowledge base only').waitFor();

      // Generation settings within the exercise's bounds.
      await page.getByText(/^T 0\.7 · top_p 1 · max 1,024$/).click();
      await page.getByRole('spinbutton', { name: 'Max tokens' }).fill('300');
      await page.getByRole('spinbutton', { name: 'Max tokens' }).press('Tab');
      await page.getByText(/max 300$/).waitFor();
      await screenshot(page, 'candidate-03b-params');
      await page.getByText(/max 300$/).click();

      // Chat: a message, an answer with its numbers; then edit it into a second branch.
      await sendMessage(page, 'Do you have a student discount?');
      await completedAnswers(page).first().waitFor();
      const meta = await completedAnswers(page).first().getByTestId('answer-meta').innerText();
      expect(await completedAnswers(page).first().getByText('v2', { exact: true }).count()).toBe(1);
      expect(meta).toMatch(/tokens/);
      await page.getByRole('button', { name: 'Edit this message (starts a new branch)' }).click();
      const edit = page.getByRole('textbox', { name: 'Edited message' });
      await edit.fill('How much is the Plus plan?');
      await edit.press('Control+Enter');
      const switcher = page.locator('[data-thread="main"] [data-testid="branch-switcher"]').first();
      await switcher.getByText('2/2').waitFor();
      await completedAnswers(page).first().waitFor();
      expect(await page.locator('[data-thread="main"] [data-testid="user-message"]').first().innerText()).toContain(
        'How much is the Plus plan?',
      );
      await switcher.getByRole('button', { name: 'Previous branch' }).click();
      await switcher.getByText('1/2').waitFor();
      expect(await page.locator('[data-thread="main"] [data-testid="user-message"]').first().innerText()).toContain('student discount');
      // Regenerate: the same question answered again — a second answer beside the first.
      await completedAnswers(page).first().getByRole('button', { name: 'Regenerate' }).click();
      await completedAnswers(page).first().getByTestId('branch-switcher').getByText('2/2').waitFor();
      expect(await switcher.getByText('1/2').count()).toBe(1);
      await screenshot(page, 'candidate-04-chat-branches');

      // Tests: run both versions; the matrix shows a row per version with its pass rate.
      await runSuite(page, 'v1 · Starting prompt');
      await page.locator('[data-testid="matrix-row"]').first().waitFor();
      await expect.poll(() => page.getByTestId('run-progress').count(), { timeout: 30_000 }).toBe(0);
      await runSuite(page, 'v2 · Knowledge base only');
      await expect.poll(() => page.locator('[data-testid="matrix-row"]').count(), { timeout: 30_000 }).toBe(2);
      await expect.poll(() => page.getByTestId('run-progress').count(), { timeout: 30_000 }).toBe(0);
      const rates = await page.getByTestId('pass-rate').allInnerTexts();
      expect(rates).toHaveLength(2);
      for (const rate of rates) expect(rate).toMatch(/%|—/);
      // A cell opens the answer and its checks.
      await page.locator('[data-testid="matrix-row"]').last().locator('[data-testid="matrix-cell"]').first().click();
      await page.getByTestId('case-result').waitFor();
      await page.getByTestId('case-result').getByTestId('answer-text').waitFor();
      await screenshot(page, 'candidate-05-tests-matrix');
      expect(await unnamedControls(page)).toEqual([]);

      // A case of one's own, with a check.
      await page.getByRole('button', { name: 'Add a case' }).click();
      const editor = page.getByTestId('case-editor');
      await editor.getByRole('textbox', { name: 'Title' }).fill('Asks for a refund');
      await editor.getByRole('textbox', { name: /Input/ }).fill('My internet was down for three days, can I get money back?');
      await editor.getByRole('button', { name: 'Add a check' }).click();
      await editor.getByRole('textbox', { name: 'Text for check 1' }).fill('refund');
      // A pattern the linear-time engine cannot run is refused as it is typed, saying why.
      await editor.getByRole('button', { name: 'Add a check' }).click();
      await editor.getByRole('combobox', { name: 'Kind of check 2' }).selectOption('regex');
      await editor.getByRole('textbox', { name: 'Pattern for check 2' }).fill('money(?= back)');
      await editor
        .getByText('Lookahead `(?=…)` is not supported: patterns run in a linear-time engine; use several checks instead.')
        .waitFor();
      expect(await editor.getByRole('button', { name: 'Save case' }).isDisabled()).toBe(true);
      await screenshot(page, 'candidate-06b-case-editor-lookahead');
      await editor.getByRole('textbox', { name: 'Pattern for check 2' }).fill('money back|refund');
      await screenshot(page, 'candidate-06-case-editor');
      await editor.getByRole('button', { name: 'Save case' }).click();
      await page.locator('[data-testid="test-case"][data-origin="candidate"]').getByText('Asks for a refund').waitFor();

      // Compare: v1 and v2 side by side, prompt diff on top and answers aligned below.
      await page.getByRole('tab', { name: 'Compare' }).click();
      const compare = page.getByTestId('compare');
      await compare.getByTestId('diff').waitFor();
      await compare.getByTestId('compare-answer').first().waitFor();
      expect(await compare.getByTestId('compare-answer').count()).toBeGreaterThanOrEqual(2);
      await screenshot(page, 'candidate-07-compare');
      expect(await unnamedControls(page)).toEqual([]);

      // Flags: flag a chat answer; the Flags tab lists it and jumps back to it.
      await completedAnswers(page).first().getByRole('button', { name: 'Flag as good' }).click();
      await completedAnswers(page)
        .first()
        .getByRole('textbox', { name: /Why is it Good/ })
        .fill('Stays polite and short');
      await completedAnswers(page)
        .first()
        .getByRole('textbox', { name: /Why is it Good/ })
        .press('Enter');
      await page.getByRole('tab', { name: /Flags/ }).click();
      const flags = page.getByTestId('flags-panel');
      await flags.getByText('Stays polite and short').waitFor();
      await flags.getByText('Invents a fact not in the knowledge base').waitFor();
      await flags.locator('li').filter({ hasText: 'Invents a fact' }).getByRole('button', { name: 'Show' }).click();
      await page.locator('[data-thread="seed"] [data-testid="answer"]').first().waitFor();
      await screenshot(page, 'candidate-08-flags');
      expect(await unnamedControls(page)).toEqual([]);
      // The same workspace on a large screen.
      await page.setViewportSize({ width: 1920, height: 1080 });
      await page.getByRole('tab', { name: 'Tests' }).click();
      await screenshot(page, 'candidate-08b-large-screen');
      await page.setViewportSize({ width: 1280, height: 720 });

      // Write-up, preview, then submit with a confirmation.
      await page.getByRole('tab', { name: 'Write-up' }).click();
      const writeup = page.getByRole('textbox', { name: 'Write-up' });
      await writeup.fill('## Changes\n\n- **v2** keeps the bot within the knowledge base: the discount answer no longer invents one.');
      await page.getByRole('button', { name: 'Preview' }).click();
      await page.getByTestId('writeup-preview').locator('strong').getByText('v2').waitFor();
      await page.getByRole('button', { name: 'Write' }).click();
      await page.getByText(/Saved at/).waitFor();
      await page.getByRole('button', { name: 'Submit' }).click();
      await page.getByText('Submit your work now?').waitFor();
      await screenshot(page, 'candidate-09-submit-confirm');
      expect(await unnamedControls(page)).toEqual([]);
      await page.getByRole('button', { name: 'Yes, submit' }).click();
      await page.getByTestId('ended-notice').getByText('You submitted your work').waitFor();
      await page.getByTestId('after-submit').getByText('What happens next').waitFor();
      expect(await unnamedControls(page)).toEqual([]);
      await page.getByRole('button', { name: 'Read my work (read-only)' }).click();
      await page.locator('[data-testid="workspace"][data-readonly="true"]').waitFor();
      expect(await page.getByTestId('system-prompt').getAttribute('readonly')).not.toBeNull();
      expect(await page.getByRole('textbox', { name: 'Your message' }).count()).toBe(0);
      await screenshot(page, 'candidate-10-submitted');

      // Every action is in the log.
      const events = await sessionEventTypes(session.id);
      for (const type of [
        'session.started',
        'activity.paste',
        'activity.focus',
        'prompt.version',
        'message.sent',
        'testrun.finished',
        'testcase.saved',
        'flag.set',
        'writeup.updated',
        'session.ended',
      ]) {
        expect(events).toContain(type);
      }
      await page.context().close();
    },
    TIMEOUT,
  );
});

async function sessionEventTypes(sessionId: string): Promise<string[]> {
  const response = await fetch(`${server.url}/api/sessions/${sessionId}/events`, {
    headers: { authorization: `Bearer ${server.adminToken}` },
  });
  if (!response.ok) return [];
  const body = (await response.json()) as { events: { type: string }[] };
  return body.events.map((e) => e.type);
}
