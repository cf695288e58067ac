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
}

const EN: Words = {
  locale: 'en-US',
  noteNow: 'New note, pinned to now',
  pinnedTo: 'New note, pinned to ',
  rubricTab: 'Rubric',
  level4: 'Level 4',
  comment: 'Comment',
};

const FR: Words = {
  locale: 'fr-FR',
  noteNow: 'Nouvelle note, épinglée à maintenant',
  pinnedTo: 'Nouvelle note, épinglée à ',
  rubricTab: 'Grille',
  level4: 'Niveau 4',
  comment: 'Commentaire',
};

async function liveSession(words: Words): Promise<{ page: Page; candidate: LiveClient }> {
  const session = await server.createSession({ candidateName: 'Ada Lovelace', exercise: words.locale.startsWith('fr') ? 'refine-the-chatbot-fr' : 'refine-the-chatbot' });
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
        for (const height of await rows.evaluateAll((els) => els.map((el) => el.getBoundingClientRect().height))) expect(height).toBeLessThan(64); // two lines of title at most, one row of levels
        const columns = await rows.first().getByRole('radio').evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().left)));
        const columnsBelow = await rows.nth(1).getByRole('radio').evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().left)));
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
  });
}
