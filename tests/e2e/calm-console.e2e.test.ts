import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectLive, type LiveClient } from '../helpers/live-client';
import { startTestServer, type TestServer } from '../helpers/server';
import { launchBrowser, screenshot } from './browser';

// Issue 17, the interviewer's console at 1440×900 in English and French: a note composer that
// folds to one line and `N` to pin a note to now, the rubric as a criteria × levels grid, a
// readable prompt mirror with what changed highlighted, and following the candidate's view.
// The candidate is a real live client (its commands are what a browser sends).

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
  noteNow: string;
  pinnedTo: string;
  rubricTab: string;
  level4: string;
  comment: string;
  readWide: string;
  back: string;
  changed: RegExp;
  markRead: string;
}

const EN: Words = {
  locale: 'en-US',
  noteNow: 'New note, pinned to now',
  pinnedTo: 'New note, pinned to ',
  rubricTab: 'Rubric',
  level4: 'Level 4',
  comment: 'Comment',
  readWide: 'Read wide',
  back: 'Back to the workspace',
  changed: /^changed since you looked: \+3 −2 words$/,
  markRead: 'Mark as read',
};

const FR: Words = {
  locale: 'fr-FR',
  noteNow: 'Nouvelle note, épinglée à maintenant',
  pinnedTo: 'Nouvelle note, épinglée à ',
  rubricTab: 'Grille',
  level4: 'Niveau 4',
  comment: 'Commentaire',
  readWide: 'Lire en grand',
  back: 'Retour à l’espace de travail',
  changed: /^modifié depuis votre dernière lecture : \+3 −2 mots$/,
  markRead: 'Marquer comme lu',
};

async function liveSession(words: Words): Promise<{ page: Page; candidate: LiveClient }> {
  const session = await server.createSession({
    candidateName: 'Ada Lovelace',
    exercise: words.locale.startsWith('fr') ? 'refine-the-chatbot-fr' : 'refine-the-chatbot',
  });
  const candidate = await connectLive(server.wsUrl, session.id, { token: session.invites.candidate.token });
  await candidate.hello();
  expect((await candidate.command('session.start', {})).type).toBe('ack');
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: words.locale });
  const page = await context.newPage();
  await page.goto(`${server.url}/join#${session.invites.interviewer.token}`);
  await page.waitForURL(`**/s/${session.id}/interviewer`);
  await page.getByTestId('timeline').waitFor();
  return { page, candidate };
}

const box = (page: Page) => page.getByTestId('note-box');
const heightOf = (page: Page, testId: string) => page.getByTestId(testId).evaluate((el) => Math.round(el.getBoundingClientRect().height));

for (const words of [EN, FR]) {
  const lang = words.locale.slice(0, 2);
  describe(`interviewer console, calm under pressure (${lang})`, () => {
    it(
      'folds the note composer, pins a note to the moment N was pressed, scores on a compact grid',
      async () => {
        const { page, candidate } = await liveSession(words);

        // 12a. Idle and empty, the composer is one line.
        expect(await box(page).getAttribute('data-folded')).toBe('true');
        expect(await heightOf(page, 'note-box')).toBeLessThan(56);
        await screenshot(page, `console-${lang}-12a-note-folded`);

        // 12b. N from anywhere (not a field): the note pins to that moment, typed at leisure.
        await page.getByTestId('mirror').click({ position: { x: 700, y: 300 } });
        await page.keyboard.press('n');
        const input = page.getByTestId('note-input');
        await expect.poll(() => input.evaluate((el) => el.matches(':focus'))).toBe(true);
        expect(await box(page).getAttribute('data-folded')).toBe('false');
        const label = await box(page).locator('label').first().innerText();
        expect(label.startsWith(words.pinnedTo)).toBe(true);
        const caught = label.slice(words.pinnedTo.length);
        // While typing in a field, N is a letter, not a shortcut.
        await page.keyboard.type('Nice probe of the refund rule');
        expect(await input.inputValue()).toBe('Nice probe of the refund rule');
        await screenshot(page, `console-${lang}-12b-note-n-key`);
        await page.waitForTimeout(1500);
        await input.press('Enter');
        const note = page.getByTestId('notes').getByTestId('note').filter({ hasText: 'Nice probe of the refund rule' });
        await note.waitFor();
        expect(await note.locator('time').first().innerText()).toBe(caught);
        await expect.poll(() => box(page).getAttribute('data-folded')).toBe('false'); // still focused
        await page.getByTestId('mirror').click({ position: { x: 700, y: 300 } });
        await expect.poll(() => box(page).getAttribute('data-folded')).toBe('true');
        expect(await page.getByRole('textbox', { name: words.noteNow }).count()).toBe(1);

        // 12c. The rubric: one compact row per criterion, levels as columns; a level opens the
        // row's comment and evidence, the toggle folds it again.
        await page.getByRole('tab', { name: words.rubricTab }).click();
        const rows = page.getByTestId('criterion');
        expect(await rows.count()).toBeGreaterThan(3);
        for (const height of await rows.evaluateAll((els) => els.map((el) => el.getBoundingClientRect().height)))
          expect(height).toBeLessThan(64); // two lines of title at most, one row of levels
        const columns = await rows
          .first()
          .getByRole('radio')
          .evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().left)));
        const columnsBelow = await rows
          .nth(1)
          .getByRole('radio')
          .evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().left)));
        expect(columnsBelow).toEqual(columns); // a grid: level n sits in the same column on every row
        await screenshot(page, `console-${lang}-12c-rubric-grid`);
        const first = rows.first();
        expect(await first.getByRole('textbox', { name: words.comment }).count()).toBe(0);
        await first.getByRole('radio', { name: words.level4 }).click();
        await first.getByRole('textbox', { name: words.comment }).fill('Scoped and precise');
        await first.getByRole('textbox', { name: words.comment }).press('Tab');
        await screenshot(page, `console-${lang}-12d-rubric-row-open`);
        await first.getByTestId('criterion-toggle').click();
        expect(await first.getByRole('textbox', { name: words.comment }).count()).toBe(0);
        expect(await first.getByTestId('criterion-toggle').innerText()).toContain('✎');
        await candidate.close();
        await page.context().close();
      },
      TIMEOUT,
    );

    it(
      'shows a 2,500-character prompt wide, with what changed since the interviewer last looked',
      async () => {
        const { page, candidate } = await liveSession(words);
        const rules = Array.from(
          { length: 40 },
          (_, i) => `- Rule ${i + 1}: answer only from the knowledge base, and say so plainly.`,
        ).join('\n');
        const prompt = `You are the Brightwave assistant.\n${rules}`;
        expect(prompt.length).toBeGreaterThan(2500);
        expect((await candidate.command('prompt.draft', { text: prompt })).type).toBe('ack');
        await expect.poll(() => page.getByTestId('system-prompt').inputValue()).toBe(prompt);

        // 11a. Focus mode: the whole width of the workspace, a readable measure.
        await page.getByRole('button', { name: words.readWide }).click();
        const focus = page.getByTestId('prompt-focus');
        await focus.waitFor();
        const width = await focus.getByTestId('diff').evaluate((el) => Math.round(el.getBoundingClientRect().width));
        expect(width).toBeGreaterThan(900);
        await screenshot(page, `console-${lang}-11a-prompt-focus`);
        await focus.getByRole('button', { name: words.back }).click();
        await focus.waitFor({ state: 'detached' });

        // 11b. The candidate rewrites a phrase: the mirror says so, the focus mode shows where.
        const edited = prompt.replace('- Rule 20: answer only', '- Rule 20: never guess, answer');
        expect((await candidate.command('prompt.draft', { text: edited })).type).toBe('ack');
        const unseen = page.getByTestId('prompt-unseen');
        await expect.poll(() => unseen.innerText().catch(() => '')).toMatch(words.changed);
        await page.keyboard.press('Escape'); // nothing open: harmless
        await page.getByRole('button', { name: words.readWide }).click();
        // Only the rewritten phrase is marked, nothing else of the 2,500 characters.
        expect((await focus.locator('ins').allInnerTexts()).join('|')).toMatch(/^never guess,\s?(\|\s?answer\s?)?$/);
        expect((await focus.locator('del').allInnerTexts()).join('').trim()).toMatch(/only$/);
        await focus.locator('ins').first().scrollIntoViewIfNeeded();
        await screenshot(page, `console-${lang}-11b-prompt-changes`);
        await focus.getByRole('button', { name: words.markRead }).click();
        expect(await focus.locator('ins').count()).toBe(0);
        await page.keyboard.press('Escape');
        await focus.waitFor({ state: 'detached' });
        expect(await unseen.count()).toBe(0);
        await candidate.close();
        await page.context().close();
      },
      TIMEOUT,
    );
  });
}
