import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server';
import { launchBrowser, screenshot } from './browser';

// The planned start, as a candidate and an interviewer see it (admin item 14 of issue 17): the
// join page and the brief say when, in the reader's language and time zone, with a calm wait;
// Start stays closed until five minutes before, unless the interviewer allows an early start.
// Planned for tomorrow, the opening names its day (the same day, it says the time alone).

const TIMEOUT = 180_000;
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Serious and critical axe violations, one line each. */
async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

interface Created {
  id: string;
  invites: Record<'candidate' | 'interviewer' | 'reviewer', { token: string }>;
}

/**
 * The reader's tomorrow at 13:00 UTC: 13:00 in London, 14:00 in Paris (December: no summer time).
 * Tomorrow is counted from the reader's date two hours from now, not from UTC's today: run at 23:55
 * UTC, UTC's tomorrow is already today in Paris, and a test that crosses midnight would see it so.
 * The start is then 15 to 40 hours away, which the wait always words in hours and minutes.
 */
function readersTomorrowAt13Utc(timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(
    Date.now() + 2 * 3_600_000,
  );
  const part = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return Date.UTC(part('year'), part('month') - 1, part('day') + 1, 13, 0);
}

async function schedule(scheduledFor: number): Promise<Created> {
  const response = await fetch(`${server.url}/api/sessions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ candidateName: 'Pia Planned', scheduledFor }),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as Created;
}

async function pageIn(locale: string, timezoneId: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale, timezoneId });
  return context.newPage();
}

const CASES = [
  {
    lang: 'en',
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    when: (date: string) => `Planned for ${date}, 13:00 (your time)`,
    wait: /^· in \d+ h \d\d min$/,
    earlyTitle: 'You are early',
    continue: 'Continue to the brief',
    opens: (date: string) => `You can start from ${date}, 12:55.`,
    staffOpens: (date: string) => `The candidate can start from ${date}, 12:55.`,
    acknowledge: /I have read/,
    start: 'Start',
    allow: 'Allow early start',
    allowYes: 'Allow now',
    allowed: 'Early start allowed: the candidate can start now.',
    candidateAllowed: 'The interviewer has let you start now.',
  },
  {
    lang: 'fr',
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    when: (date: string) => `Prévue le ${date} à 14:00 (votre heure)`,
    wait: /^· dans \d+ h \d\d min$/,
    earlyTitle: 'Vous êtes en avance',
    continue: 'Continuer vers l’énoncé',
    opens: (date: string) => `Vous pourrez commencer à partir du ${date} à 13:55.`,
    staffOpens: (date: string) => `Le ou la candidat·e pourra commencer à partir du ${date} à 13:55.`,
    acknowledge: /J’ai lu/,
    start: 'Commencer',
    allow: 'Autoriser un démarrage anticipé',
    allowYes: 'Autoriser maintenant',
    allowed: 'Démarrage anticipé autorisé : le ou la candidat·e peut commencer.',
    candidateAllowed: 'L’intervieweur·euse vous permet de commencer dès maintenant.',
  },
] as const;

describe('the planned start', () => {
  for (const c of CASES) {
    it(
      `${c.lang}: shown on the join page and the brief in the reader's time zone; Start opens when the interviewer allows it`,
      async () => {
        const plannedStart = readersTomorrowAt13Utc(c.timezoneId);
        const created = await schedule(plannedStart);
        const date = new Intl.DateTimeFormat(c.locale, { weekday: 'long', day: 'numeric', month: 'long', timeZone: c.timezoneId }).format(
          plannedStart,
        );

        // The join page: early, so it says when before the brief.
        const candidate = await pageIn(c.locale, c.timezoneId);
        await candidate.goto(`${server.url}/join#${created.invites.candidate.token}`);
        await candidate.getByTestId('join-early').waitFor();
        expect(await candidate.getByRole('heading', { level: 1 }).innerText()).toBe(c.earlyTitle);
        const joinPlanned = candidate.getByTestId('planned-start');
        expect(await joinPlanned.locator('time').innerText()).toBe(c.when(date));
        expect((await joinPlanned.getByTestId('planned-wait').innerText()).trim()).toMatch(c.wait);
        expect(await joinPlanned.getByTestId('planned-note').innerText()).toBe(c.opens(date));
        await screenshot(candidate, `planned-start-join-${c.lang}`);
        expect(await seriousViolations(candidate)).toEqual([]);

        // The brief: the same line, and Start closed even once the notice is acknowledged.
        await candidate.getByRole('button', { name: c.continue }).click();
        await candidate.waitForURL(`**/s/${created.id}/candidate`);
        const start = candidate.getByRole('button', { name: c.start, exact: true });
        await start.waitFor();
        expect(await candidate.getByTestId('planned-start').locator('time').innerText()).toBe(c.when(date));
        await candidate.getByRole('checkbox', { name: c.acknowledge }).check();
        await expect.poll(() => candidate.getByTestId('start-opens').innerText()).toBe(c.opens(date));
        expect(await start.isDisabled()).toBe(true);
        await screenshot(candidate, `planned-start-brief-${c.lang}`);
        expect(await seriousViolations(candidate)).toEqual([]);

        // The interviewer's console: when, from when, and the one explicit action.
        const interviewer = await pageIn(c.locale, c.timezoneId);
        await interviewer.goto(`${server.url}/join#${created.invites.interviewer.token}`);
        await interviewer.waitForURL(`**/s/${created.id}/interviewer`);
        const control = interviewer.getByTestId('early-start');
        await control.waitFor();
        expect(await control.locator('time').innerText()).toBe(c.when(date));
        expect(await control.getByTestId('planned-note').innerText()).toBe(c.staffOpens(date));
        await control.getByRole('button', { name: c.allow }).click();
        await interviewer.getByRole('button', { name: c.allowYes }).click();
        await expect.poll(() => control.getByTestId('planned-note').innerText()).toBe(c.allowed);
        expect(await control.getByRole('button', { name: c.allow }).count()).toBe(0);
        await screenshot(interviewer, `planned-start-allowed-console-${c.lang}`);
        expect(await seriousViolations(interviewer)).toEqual([]);

        // The candidate's Start opens at once, says why, and starts the session.
        await expect.poll(() => candidate.getByTestId('planned-note').innerText()).toBe(c.candidateAllowed);
        await expect.poll(() => start.isEnabled()).toBe(true);
        expect(await candidate.getByTestId('start-opens').count()).toBe(0);
        await screenshot(candidate, `planned-start-allowed-brief-${c.lang}`);
        await start.click();
        await candidate.getByTestId('workspace').waitFor();
        await candidate.context().close();
        await interviewer.context().close();
      },
      TIMEOUT,
    );
  }
});
