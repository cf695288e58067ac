import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server';
import { launchBrowser, screenshot } from './browser';

// Issue 17, the candidate's side, at 1440×900 in English and in French: the brief stays one
// click away, the seeded lines are the customer's, the word diff keeps its spaces, and the
// rest of the "calm under pressure" pass. Screenshots go to test-artifacts/screenshots/.

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

interface Words {
  locale: string;
  exercise: string;
  acknowledge: string;
  start: string;
  briefTab: string;
  assessed: RegExp;
  knowledge: RegExp;
  testsTab: string;
  existing: string;
  customer: string;
  label: string;
  rationale: string;
  saveVersion: string;
}

const EN: Words = {
  locale: 'en-US',
  exercise: 'refine-the-chatbot',
  acknowledge: 'I have read what is recorded and who will see it.',
  start: 'Start',
  briefTab: 'Brief',
  assessed: /^How you are assessed$/,
  knowledge: /^Knowledge base$/,
  testsTab: 'Tests',
  existing: 'Existing conversation',
  customer: 'Customer (from the support logs)',
  label: 'Label',
  rationale: 'What I changed and why',
  saveVersion: 'Save version',
};

const FR: Words = {
  locale: 'fr-FR',
  exercise: 'refine-the-chatbot-fr',
  acknowledge: 'J’ai lu ce qui est enregistré et qui le verra.',
  start: 'Commencer',
  briefTab: 'Consignes',
  assessed: /^Sur quoi vous êtes évalué·e$/,
  knowledge: /^Base de connaissances$/,
  testsTab: 'Tests',
  existing: 'Conversation existante',
  customer: 'Client·e (journal du support)',
  label: 'Libellé',
  rationale: 'Ce que j’ai changé et pourquoi',
  saveVersion: 'Enregistrer la version',
};

async function startAs(words: Words): Promise<Page> {
  const session = await server.createSession({ candidateName: 'Ada Lovelace', exercise: words.exercise });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: words.locale });
  const page = await context.newPage();
  await page.goto(`${server.url}/join#${session.invites.candidate.token}`);
  await page.waitForURL(`**/s/${session.id}/candidate`);
  await page.getByRole('checkbox', { name: words.acknowledge }).check();
  await page.getByRole('button', { name: words.start }).click();
  await page.getByTestId('system-prompt').waitFor();
  return page;
}

async function saveVersion(page: Page, words: Words, label: string) {
  await page.getByRole('textbox', { name: words.label }).fill(label);
  await page.getByRole('textbox', { name: words.rationale }).fill('why');
  await page.getByRole('button', { name: words.saveVersion }).click();
  await page.getByTestId('version').filter({ hasText: label }).waitFor();
}

for (const words of [EN, FR]) {
  const lang = words.locale.slice(0, 2);
  describe(`candidate, calm under pressure (${lang})`, () => {
    it(
      'keeps the brief one click away, labels the customer, and diffs with spaces',
      async () => {
        const page = await startAs(words);

        // 6. The brief, the knowledge base and how the work is assessed, after Start.
        await page.getByRole('tab', { name: words.briefTab }).click();
        const brief = page.getByTestId('brief-panel');
        await brief.getByRole('button', { name: words.assessed }).click();
        const assessment = brief.locator('section[data-kind="assessment"]');
        await expect.poll(() => assessment.evaluate((el) => {
          const box = el.getBoundingClientRect();
          return box.top >= 0 && box.top < 900;
        })).toBe(true);
        expect(await brief.locator('section[data-kind="knowledge"]').innerText()).toMatch(/0 ?800 123 456/);
        expect(await brief.getByRole('button', { name: words.knowledge }).count()).toBe(1);
        await screenshot(page, `calm-${lang}-06-brief-tab`);

        // 9. The seeded conversation: the customer speaks, not the candidate.
        await page.getByRole('tab', { name: words.existing }).click();
        const seedLine = page.locator('[data-thread="seed"] [data-testid="user-message"]').first();
        expect(await seedLine.locator('.who').innerText()).toBe(words.customer);
        await screenshot(page, `calm-${lang}-09-seed-customer`);

        // 10. A replaced phrase keeps its spaces: struck words, then inserted words, apart.
        const prompt = page.getByTestId('system-prompt');
        const original = await prompt.inputValue();
        await saveVersion(page, words, 'v-one');
        const firstLine = original.split('\n')[0]!;
        const words0 = firstLine.split(' ');
        // Replace the second and third words of the first line with two other words.
        const replaced = [words0[0], 'Only answer', ...words0.slice(3)].join(' ');
        await prompt.fill(original.replace(firstLine, replaced));
        await saveVersion(page, words, 'v-two');
        const diff = page.getByTestId('diff').first();
        await diff.locator('ins').first().waitFor();
        expect(await diff.locator('del').first().innerText()).toBe(`${words0[1]} ${words0[2]}`);
        expect(await diff.locator('ins').first().innerText()).toBe('Only answer');
        // On screen the insertion starts after a gap, not glued to the struck text.
        const gap = await diff.evaluate((el) => {
          const del = el.querySelector('del')!.getBoundingClientRect();
          const ins = el.querySelector('ins')!.getBoundingClientRect();
          return Math.round(ins.left - del.right);
        });
        expect(gap).toBeGreaterThanOrEqual(3);
        await diff.scrollIntoViewIfNeeded();
        await screenshot(page, `calm-${lang}-10-diff-spaces`);
        await page.context().close();
      },
      TIMEOUT,
    );
  });
}
