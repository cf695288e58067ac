import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectLive } from '../helpers/live-client';
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
  message: string;
  newConversation: string;
  fresh: RegExp;
  extended: RegExp;
  checks: RegExp;
  addCase: string;
  caseTitle: string;
  writeupTab: string;
  submit: string;
  submitYes: string;
  nextTitle: string;
  readWork: string;
  flagWrong: string;
  why: RegExp;
  flag: string;
  runAll: RegExp;
  appendTemplate: string;
  fixedBy: string;
  checkedSuite: RegExp;
  preview: string;
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
  message: 'Your message',
  newConversation: 'New conversation',
  fresh: /^A new conversation: your earlier ones stay/,
  extended: /^The interviewer gave you more time\. The session now ends at /,
  checks: /^\d+ automatic checks$/,
  addCase: 'Add a case',
  caseTitle: 'Title',
  writeupTab: 'Write-up',
  submit: 'Submit',
  submitYes: 'Yes, submit',
  nextTitle: 'What happens next',
  readWork: 'Read my work (read-only)',
  flagWrong: 'Flag as wrong',
  why: /Why is it Wrong/,
  flag: 'Flag',
  runAll: /^Run all \d+ cases$/,
  appendTemplate: 'Add the template below',
  fixedBy: '**Version that fixed it:** v1 · Knowledge base only — why',
  checkedSuite: /\*\*How I checked:\*\* test suite on v1: \d+\/\d+ answers pass/,
  preview: 'Preview',
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
  message: 'Votre message',
  newConversation: 'Nouvelle conversation',
  fresh: /^Une nouvelle conversation : les précédentes restent/,
  extended: /^L’intervieweur·euse vous a donné plus de temps\. La session se termine maintenant à /,
  checks: /^\d+ vérifications automatiques$/,
  addCase: 'Ajouter un cas',
  caseTitle: 'Titre',
  writeupTab: 'Compte rendu',
  submit: 'Soumettre',
  submitYes: 'Oui, soumettre',
  nextTitle: 'Et maintenant ?',
  readWork: 'Relire mon travail (lecture seule)',
  flagWrong: 'Signaler comme fausse',
  why: /Pourquoi/,
  flag: 'Signaler',
  runAll: /^Lancer les \d+ cas$/,
  appendTemplate: 'Ajouter le modèle à la suite',
  fixedBy: '**Version qui l’a corrigé :** v1 · Knowledge base only — why',
  checkedSuite: /\*\*Comment j’ai vérifié :\*\* suite de tests sur v1 : \d+\/\d+ réponses réussies/,
  preview: 'Aperçu',
};

async function startAs(words: Words): Promise<Page> {
  return (await startSession(words)).page;
}

async function startSession(words: Words) {
  const session = await server.createSession({ candidateName: 'Ada Lovelace', exercise: words.exercise });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: words.locale });
  const page = await context.newPage();
  await page.goto(`${server.url}/join#${session.invites.candidate.token}`);
  await page.waitForURL(`**/s/${session.id}/candidate`);
  await page.getByRole('checkbox', { name: words.acknowledge }).check();
  await page.getByRole('button', { name: words.start }).click();
  await page.getByTestId('system-prompt').waitFor();
  return { page, session };
}

/** How wide the page is and how far it scrolled sideways: a calm page never does. */
const sideways = (page: Page) =>
  page.evaluate<{ width: number; scrollX: number }>('({ width: document.documentElement.scrollWidth, scrollX: window.scrollX })');

const mainMessages = (page: Page) => page.locator('[data-testid="transcript"][data-thread="main"] [data-testid="user-message"]');

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
        await expect
          .poll(() =>
            assessment.evaluate((el) => {
              const box = el.getBoundingClientRect();
              return box.top >= 0 && box.top < 900;
            }),
          )
          .toBe(true);
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

    it(
      'starts a new conversation, says "+10 min", folds the checks, opens a case in view, says what happens after Submit',
      async () => {
        const { page, session } = await startSession(words);

        // New conversation: the chat empties, the next message is a new root, the old one stays.
        const composer = page.getByRole('textbox', { name: words.message });
        await composer.fill('first conversation');
        await composer.press('Control+Enter');
        await page.locator('[data-thread="main"] [data-testid="answer"][data-status="completed"]').first().waitFor();
        await page.getByRole('button', { name: words.newConversation }).click();
        await page.getByText(words.fresh).waitFor();
        expect(await mainMessages(page).count()).toBe(0);
        await screenshot(page, `calm-${lang}-08a-new-conversation`);
        await composer.fill('second conversation');
        await composer.press('Control+Enter');
        await expect.poll(() => mainMessages(page).first().innerText()).toContain('second conversation');
        expect(await mainMessages(page).count()).toBe(1);
        await mainMessages(page).first().getByText('2/2').waitFor();

        // Staff extend the time: a notice with "+10 min" and the new end.
        const interviewer = await connectLive(server.wsUrl, session.id, { token: session.invites.interviewer.token });
        await interviewer.hello();
        expect((await interviewer.command('session.extend', { minutes: 10 })).type).toBe('ack');
        await interviewer.close();
        const notice = page.getByTestId('time-extended');
        await notice.getByText('+10 min').waitFor();
        await notice.getByText(words.extended).waitFor();

        // The checks of a case are folded; one click opens their patterns.
        await page.getByRole('tab', { name: words.testsTab }).click();
        const firstCase = page.getByTestId('test-case').first();
        const checks = firstCase.getByTestId('case-checks');
        expect(await checks.locator('summary').innerText()).toMatch(words.checks);
        expect(await checks.locator('li').first().isVisible()).toBe(false);
        await checks.locator('summary').click();
        expect(await checks.locator('li').first().isVisible()).toBe(true);
        await screenshot(page, `calm-${lang}-08b-extended-and-checks`);

        // "Add a case" at the bottom of a long list: the editor opens in view, its title focused.
        const add = page.getByRole('button', { name: words.addCase });
        await page.getByTestId('test-case').last().scrollIntoViewIfNeeded();
        await add.click();
        const editor = page.getByTestId('case-editor');
        await expect
          .poll(() =>
            editor.evaluate((el) => {
              const box = el.getBoundingClientRect();
              return box.top >= 0 && box.top < 900 - 100;
            }),
          )
          .toBe(true);
        expect(await editor.getByRole('textbox', { name: words.caseTitle }).evaluate((el) => el.matches(':focus'))).toBe(true);
        await screenshot(page, `calm-${lang}-08c-add-case-in-view`);

        // Submit: a screen that says what happens next, and the work one click away.
        await page.getByRole('tab', { name: words.writeupTab }).click();
        await page.getByRole('textbox', { name: words.writeupTab }).fill('Done.');
        await page.getByRole('button', { name: words.submit, exact: true }).click();
        await page.getByRole('button', { name: words.submitYes }).click();
        const after = page.getByTestId('after-submit');
        await after.getByRole('heading', { name: words.nextTitle }).waitFor();
        expect(await after.locator('ol li').count()).toBe(3);
        expect(await page.getByTestId('workspace').count()).toBe(0);
        await screenshot(page, `calm-${lang}-08d-after-submit`);
        await page.getByRole('button', { name: words.readWork }).click();
        await page.locator('[data-testid="workspace"][data-readonly="true"]').waitFor();
        await page.context().close();
      },
      TIMEOUT,
    );

    it(
      'builds the write-up template from my flags and versions, below what I typed',
      async () => {
        const page = await startAs(words);
        // A flag on the seeded conversation, then a version, then the suite on it.
        await page.getByRole('tab', { name: words.existing }).click();
        const seedAnswer = page.locator('[data-thread="seed"] [data-testid="answer"]').first();
        await seedAnswer.getByRole('button', { name: words.flagWrong }).click();
        await seedAnswer.getByRole('textbox', { name: words.why }).fill('Invents an upload speed');
        await seedAnswer.getByRole('button', { name: words.flag, exact: true }).click();
        await seedAnswer.getByTestId('flag').waitFor();
        await saveVersion(page, words, 'Knowledge base only');
        await page.getByRole('tab', { name: words.testsTab }).click();
        await page.getByRole('button', { name: words.runAll }).click();
        await page.locator('[data-testid="matrix-row"]').first().waitFor();
        await expect.poll(() => page.getByTestId('run-progress').count(), { timeout: 30_000 }).toBe(0);

        await page.getByRole('tab', { name: words.writeupTab }).click();
        const writeup = page.getByRole('textbox', { name: words.writeupTab });
        await writeup.fill('My own opening line.');
        await page.getByRole('button', { name: words.appendTemplate }).click();
        const text = await writeup.inputValue();
        expect(text.startsWith('My own opening line.\n\n## ')).toBe(true);
        expect(text).toContain('Invents an upload speed');
        expect(text).toContain(words.fixedBy);
        expect(text).toMatch(words.checkedSuite);
        await screenshot(page, `calm-${lang}-07a-writeup-template`);
        // It is the candidate's text now: edits stay, and it is saved like any typing.
        await writeup.press('End');
        await writeup.type('\nEdited after the template.');
        await page.getByRole('button', { name: words.preview }).click();
        await page.getByTestId('writeup-preview').getByText('Edited after the template.').waitFor();
        await page.getByTestId('writeup-preview').getByRole('heading', { level: 3 }).first().waitFor();
        await screenshot(page, `calm-${lang}-07b-writeup-preview`);
        expect(await sideways(page)).toEqual({ width: 1440, scrollX: 0 });
        await page.setViewportSize({ width: 1280, height: 800 });
        await page.getByRole('tab', { name: words.writeupTab }).focus();
        expect(await sideways(page)).toEqual({ width: 1280, scrollX: 0 });
        await page.context().close();
      },
      TIMEOUT,
    );
  });
}
