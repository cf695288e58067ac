import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server';
import { launchBrowser, screenshot } from './browser';

// Issue 17 item 17: axe-core on every main view (join, workspace and its tabs, after Submit,
// the interviewer console, the prompt focus mode, the replay, the admin list), in English and
// French, with no serious or critical violation; and the main actions reachable by keyboard.

const TIMEOUT = 180_000;

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

/** Serious and critical violations, one line each (rule, then where). */
async function seriousViolations(page: Page): Promise<string[]> {
  const french = page.context().pages()[0] === page && frenchPages.has(page) ? await notFrench(page) : [];
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} — ${n.failureSummary?.split('\n')[1]?.trim() ?? ''}`))
    .concat(french);
}

/** Pages opened in French: each view is also checked for English left and French typography. */
const frenchPages = new WeakSet<Page>();

/** English left on a French page, and colons without the French space before them. */
const ENGLISH = ['Replay', 'Offline simulator', 'Staff:', 'Candidate', 'Interviewer', 'Reviewer', 'Brief', 'Submit', 'Rubric', 'Notes:'];
async function notFrench(page: Page): Promise<string[]> {
  const text = await page.locator('body').innerText();
  const english = ENGLISH.filter((word) => new RegExp(`\\b${word}\\b`).test(text)).map((w) => `English: ${w}`);
  const colons = [...text.matchAll(/\S{0,20}[A-Za-zÀ-ÿ»)\]]:(?=\s)/g)].map((m) => `no space before ":" in ${m[0]}`);
  return [...english, ...colons];
}

async function pageAt(locale: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale });
  const page = await context.newPage();
  if (locale.startsWith('fr')) frenchPages.add(page);
  return page;
}

/** The accessible names of what Tab reaches, in order, from the top of the page. */
async function tabStops(page: Page, max: number): Promise<string[]> {
  const names: string[] = [];
  await page.locator('body').focus();
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    names.push(
      await page.evaluate<string>(`(() => {
        const el = document.activeElement;
        if (!el || el === document.body) return '';
        return (el.getAttribute('aria-label') || el.textContent || el.getAttribute('placeholder') || '').trim().slice(0, 60);
      })()`),
    );
  }
  return names;
}

for (const locale of ['en-US', 'fr-FR']) {
  const lang = locale.slice(0, 2);
  const fr = lang === 'fr';
  describe(`accessibility (${lang})`, () => {
    it(
      fr
        ? 'has no serious or critical axe violation on any main view, and no English or English typography left'
        : 'has no serious or critical axe violation on any main view',
      async () => {
        const session = await server.createSession({
          candidateName: 'Ada Lovelace',
          exercise: fr ? 'refine-the-chatbot-fr' : 'refine-the-chatbot',
        });
        const found: Record<string, string[]> = {};

        // Join: the brief and consent, before Start.
        const candidate = await pageAt(locale);
        await candidate.goto(`${server.url}/join#${session.invites.candidate.token}`);
        await candidate.waitForURL(`**/s/${session.id}/candidate`);
        await candidate.getByTestId('consent').waitFor();
        found.join = await seriousViolations(candidate);
        await candidate.getByRole('checkbox').first().check();
        await candidate.getByRole('button', { name: fr ? 'Commencer' : 'Start' }).click();
        await candidate.getByTestId('system-prompt').waitFor();

        // The workspace, on each side tab.
        found.workspace = await seriousViolations(candidate);
        // The French check sees what it looks for: the English page has English in it.
        if (!fr) expect(await notFrench(candidate)).toContain('English: Brief');
        for (const tab of fr ? ['Consignes', 'Comparer', 'Signalements', 'Compte rendu'] : ['Brief', 'Compare', 'Flags', 'Write-up']) {
          await candidate.getByRole('tab', { name: tab }).click();
          found[`workspace/${tab}`] = await seriousViolations(candidate);
        }

        // The main actions of the workspace are reachable with Tab (the side tabs then by arrows:
        // the selected one is a stop; disabled buttons, like Send with nothing typed, are not).
        const stops = await tabStops(candidate, 30);
        for (const action of fr
          ? [
              'Aller au contenu',
              'Nouvelle conversation',
              'Compte rendu',
              'Partir de mes signalements et versions',
              'Soumettre',
              'Ce que comprend le simulateur',
            ]
          : [
              'Skip to content',
              'New conversation',
              'Write-up',
              'Start from my flags and versions',
              'Submit',
              'What the simulator understands',
            ]) {
          expect(
            stops.some((s) => s.startsWith(action)),
            `${action} by keyboard in ${stops.join(' | ')}`,
          ).toBe(true);
        }

        // The interviewer console, its rubric, and the prompt read wide.
        const interviewer = await pageAt(locale);
        await interviewer.goto(`${server.url}/join#${session.invites.interviewer.token}`);
        await interviewer.waitForURL(`**/s/${session.id}/interviewer`);
        await interviewer.getByTestId('timeline').waitFor();
        found.console = await seriousViolations(interviewer);
        await interviewer.getByRole('tab', { name: fr ? 'Grille' : 'Rubric' }).click();
        await interviewer.getByTestId('criterion').first().waitFor();
        found['console/rubric'] = await seriousViolations(interviewer);
        await interviewer.getByRole('button', { name: fr ? 'Lire en grand' : 'Read wide' }).click();
        found['console/prompt-focus'] = await seriousViolations(interviewer);
        await interviewer.keyboard.press('Escape');

        // After Submit.
        await candidate.getByRole('tab', { name: fr ? 'Compte rendu' : 'Write-up' }).click();
        await candidate.getByRole('button', { name: fr ? 'Soumettre' : 'Submit', exact: true }).click();
        await candidate.getByRole('button', { name: fr ? 'Oui, soumettre' : 'Yes, submit' }).click();
        await candidate.getByTestId('after-submit').waitFor();
        found['after-submit'] = await seriousViolations(candidate);

        // The replay, as a reviewer, and its summary.
        const reviewer = await pageAt(locale);
        await reviewer.goto(`${server.url}/join#${session.invites.reviewer.token}`);
        await reviewer.waitForURL(`**/s/${session.id}/**`);
        await reviewer.getByTestId('timeline').waitFor();
        found.replay = await seriousViolations(reviewer);
        await screenshot(reviewer, `a11y-${lang}-replay`);

        // The admin's sessions list.
        const admin = await pageAt(locale);
        await admin.goto(`${server.url}/admin#${server.adminToken}`);
        await admin.getByRole('table').first().waitFor();
        found.admin = await seriousViolations(admin);

        expect(found).toEqual(Object.fromEntries(Object.keys(found).map((k) => [k, []])));
        for (const page of [candidate, interviewer, reviewer, admin]) await page.context().close();
      },
      TIMEOUT,
    );
  });
}
