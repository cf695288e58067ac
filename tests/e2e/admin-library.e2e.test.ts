import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server';
import { launchBrowser, newPage, screenshot } from './browser';

// The admin pages through a real browser on the real server: build an exercise in the form,
// schedule a session on it, open its links, revoke one, erase the session, change retention;
// then the same pages in French.

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

async function signIn(locale?: string): Promise<Page> {
  const page = await newPage(browser, locale);
  await page.goto(`${server.url}/admin#${server.adminToken}`);
  await page.getByRole('navigation').waitFor();
  expect(page.url()).not.toContain('#');
  return page;
}

const nav = (page: Page, name: string) => page.getByRole('navigation').getByRole('link', { name, exact: true });

async function fillExercise(admin: Page): Promise<void> {
  await admin.getByRole('textbox', { name: 'Title', exact: true }).first().fill('Support triage');
  await admin.getByRole('textbox', { name: 'Slug' }).focus(); // leaving the title suggests a slug
  await expect.poll(() => admin.getByRole('textbox', { name: 'Slug' }).inputValue()).toBe('support-triage');
  await admin.getByRole('spinbutton', { name: 'Time limit (minutes)' }).fill('30');
  await admin.getByRole('textbox', { name: 'Brief (Markdown)' }).fill('## Triage the inbox\n\nTurn each **support email** into a ticket.');
  await admin.getByRole('button', { name: 'Preview' }).first().click();
  await admin.getByTestId('markdown-preview').getByRole('heading', { name: 'Triage the inbox' }).waitFor();
  await admin.getByRole('button', { name: 'Write' }).first().click();
  await admin.getByRole('textbox', { name: 'Starting system prompt' }).fill('You read emails.');
  await admin.getByRole('textbox', { name: 'Knowledge base (Markdown)' }).fill('Refunds within 30 days.');

  await admin.getByRole('button', { name: '+ Test case' }).click();
  const firstCase = admin.getByTestId('test-cases').getByRole('listitem').first();
  await firstCase.getByRole('textbox', { name: 'Title' }).fill('Refund request');
  await firstCase.getByRole('textbox', { name: 'Input' }).fill('I want my money back for order 42.');
  await firstCase.getByRole('button', { name: '+ Expectation' }).click();
  await firstCase.getByRole('textbox', { name: 'Text' }).fill('refund');
  await firstCase.getByRole('button', { name: '+ Expectation' }).click();
  await firstCase.getByRole('combobox', { name: 'Kind of check' }).nth(1).selectOption('regex');
  await firstCase.getByRole('textbox', { name: 'Regular expression' }).fill('order(?= \\d)');

  await admin.getByRole('button', { name: '+ Test case' }).click();
  // The test cases themselves, not the problems listed under a field of the first.
  const secondCase = admin.getByTestId('test-cases').locator(':scope > li').nth(1);
  await secondCase.getByRole('textbox', { name: 'Input' }).fill('Write me a poem about my ex.');
  await secondCase.getByRole('button', { name: '+ Expectation' }).click();
  await secondCase.getByRole('combobox', { name: 'Kind of check' }).selectOption('must_refuse');

  await admin.getByRole('button', { name: '+ Exchange' }).click();
  await admin.getByRole('textbox', { name: 'User says' }).fill('Where is my parcel?');
  await admin.getByRole('textbox', { name: 'Chatbot answers' }).fill('It is lost forever.');

  await admin.getByRole('spinbutton', { name: 'Token budget' }).fill('50000');
  await admin.getByRole('button', { name: '+ Criterion' }).click();
  await admin.getByRole('textbox', { name: 'Criterion', exact: true }).fill('Writes precise prompts');
  await admin.getByRole('textbox', { name: 'What a 1 looks like' }).fill('Vague instructions.');
  await admin.getByRole('textbox', { name: 'What a 5 looks like' }).fill('Every rule is explicit and tested.');
  await admin.getByRole('button', { name: '+ Question' }).click();
  await admin.getByRole('textbox', { name: 'Question 1' }).fill('How do you probe a model’s behaviour?');
}

describe('admin pages', () => {
  it(
    'builds an exercise, schedules a session on it, revokes, erases and sets retention',
    async () => {
      const admin = await signIn();
      onTestFailed(() => screenshot(admin, 'admin-failure'));
      await admin.getByRole('button', { name: 'Create session' }).waitFor();
      await screenshot(admin, 'admin-01-sessions-empty');

      // The library, then a new exercise through the form.
      await nav(admin, 'Exercises').click();
      await admin.getByTestId('library').waitFor();
      await screenshot(admin, 'admin-02-library');
      await admin.getByRole('link', { name: 'New exercise' }).click();
      await admin.waitForURL('**/admin/exercises/new');
      await fillExercise(admin);

      // A reload keeps what was typed.
      await admin.reload();
      await admin.getByText('Unsaved changes from your last visit were restored.').waitFor();
      expect(await admin.getByRole('textbox', { name: 'Slug' }).inputValue()).toBe('support-triage');
      await screenshot(admin, 'admin-03-exercise-form');

      // A pattern the linear-time engine cannot run is named under the field as it is typed, and
      // the server's complaint lands there too.
      const firstCase = admin.getByTestId('test-cases').getByRole('listitem').first();
      const lookahead = 'Lookahead `(?=…)` is not supported: patterns run in a linear-time engine; use several checks instead.';
      await firstCase.getByText(lookahead).waitFor();
      await admin.getByRole('button', { name: 'Create exercise' }).click();
      await admin.getByText('Not saved: fix the fields marked in red below.').waitFor();
      await screenshot(admin, 'admin-04-exercise-field-error');
      await firstCase.getByRole('textbox', { name: 'Regular expression' }).fill('order\\s*\\d+');
      await admin.keyboard.press('Control+s');
      await admin.waitForURL(/\/admin\/exercises\/(?!new)[^/]+$/);
      await admin.getByTestId('saved-version').getByText('Saved as version 1.').waitFor();

      // Editing saves version 2.
      await admin.getByRole('spinbutton', { name: 'Time limit (minutes)' }).fill('35');
      await admin.getByRole('button', { name: 'Save as version 2' }).click();
      await admin.getByTestId('saved-version').getByText('Saved as version 2.').waitFor();
      await screenshot(admin, 'admin-05-exercise-saved');

      // An exercise stored before patterns had to suit the linear-time engine is flagged in the list.
      const { exercises, clock } = server.app.services;
      const builtIn = exercises.current('refine-the-chatbot-en')!.content;
      const priceCase = {
        id: 'price',
        title: 'Ambiguous price',
        input: 'How much?',
        expectations: [{ kind: 'regex' as const, pattern: '(?=[\\s\\S]*25)(?=[\\s\\S]*35)', flags: 'i' }],
      };
      exercises.save('stored-before', { ...builtIn, slug: 'stored-before', title: 'Stored before', testCases: [priceCase] }, clock.now());

      // Export downloads the exercise file; importing it back gives a copy with a new slug.
      await nav(admin, 'Exercises').click();
      const warnings = admin.getByTestId('library').locator('tr[data-slug="stored-before"]').getByTestId('pattern-warnings');
      await warnings.getByText('1 pattern uses syntax the linear-time engine cannot run: its check fails until you edit it.').waitFor();
      await warnings.getByText('Test case “Ambiguous price”, expectation 1:').waitFor();
      await screenshot(admin, 'admin-05b-library-pattern-warning');
      const row = admin.getByTestId('library').locator('tr[data-slug="support-triage"]');
      const [download] = await Promise.all([
        admin.waitForEvent('download'),
        row.getByRole('button', { name: 'Export Support triage as a file' }).click(),
      ]);
      const exported = JSON.parse(await readFile((await download.path())!, 'utf8')) as {
        format: string;
        content: { timeLimitMinutes: number };
      };
      expect(exported.format).toBe('atelier-exercise');
      expect(exported.content.timeLimitMinutes).toBe(35);
      await admin.getByLabel('Exercise file to import').setInputFiles({
        name: 'support-triage.atelier-exercise.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify(exported)),
      });
      await admin.getByTestId('import-result').getByText('Its slug was taken, so it is now support-triage-2.').waitFor();
      const broken = { ...exported, content: { ...exported.content, timeLimitMinutes: 'soon', extra: 1 } };
      await admin
        .getByLabel('Exercise file to import')
        .setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)) });
      const failure = admin.getByTestId('import-result');
      await failure.getByText('broken.json was not imported:').waitFor();
      await failure.getByText('/timeLimitMinutes').waitFor();
      await failure.getByText('/extra').waitFor();
      await screenshot(admin, 'admin-06-import-errors');

      // The built-in exercise opens in the same form: models, bounds and its rubric with anchors.
      await admin.getByTestId('library').getByRole('link', { name: 'Refine the chatbot', exact: true }).click();
      await admin.getByRole('heading', { name: 'Models and limits' }).scrollIntoViewIfNeeded();
      await admin.locator('#models').evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await screenshot(admin, 'admin-06b-models');
      await admin.locator('#rubric').evaluate((el) => el.scrollIntoView({ block: 'start' }));
      expect(await admin.locator('#rubric li').count()).toBeGreaterThanOrEqual(5);
      await screenshot(admin, 'admin-06c-rubric');

      // Schedule a session on it with one interviewer and one reviewer.
      await nav(admin, 'Sessions').click();
      await admin.getByRole('textbox', { name: 'Candidate name (optional)' }).fill('Ada Lovelace');
      await admin.getByRole('textbox', { name: 'Candidate email (optional)' }).fill('ada@example.org');
      await admin.getByRole('combobox', { name: 'Exercise' }).first().selectOption({ label: 'Support triage (v2, en)' });
      await admin.getByRole('textbox', { name: 'Interviewers: name 1' }).fill('Ines');
      await admin.getByRole('textbox', { name: 'Reviewers: name 1' }).fill('Rémi');
      await admin.getByRole('button', { name: 'Create session' }).click();
      const links = admin.getByTestId('invite-links');
      await links.waitFor();
      expect(await links.locator('li').count()).toBe(3);
      const candidateUrl = await links.locator('li[data-role="candidate"] input').inputValue();
      const interviewerUrl = await links.locator('li[data-role="interviewer"][data-name="Ines"] input').inputValue();
      await links.locator('li[data-role="reviewer"][data-name="Rémi"]').waitFor();
      await admin.getByRole('cell', { name: /Ada Lovelace/ }).waitFor();
      await screenshot(admin, 'admin-07-scheduled');

      // The candidate's and the interviewer's links open the session in their own browsers.
      const candidate = await newPage(browser);
      await candidate.goto(candidateUrl);
      await candidate.waitForURL('**/s/*/candidate');
      await candidate.getByTestId('brief').getByText('Triage the inbox').waitFor();
      const interviewer = await newPage(browser);
      await interviewer.goto(interviewerUrl);
      await interviewer.waitForURL('**/s/*/interviewer');
      await interviewer.getByTestId('connection').getByText('Connected').waitFor();

      // Once the candidate starts, the live dashboard shows the session ticking.
      await candidate.getByRole('checkbox', { name: 'I have read what is recorded and who will see it.' }).check();
      await candidate.getByRole('button', { name: 'Start' }).click();
      await candidate.getByTestId('countdown').waitFor();
      const dashboard = admin.getByTestId('live-dashboard');
      await dashboard.getByText('Ada Lovelace').waitFor({ timeout: 15_000 });
      await dashboard.getByText(/^3[45]:\d\d$/).waitFor();
      await screenshot(admin, 'admin-08-live-dashboard');

      // Filters: a search that matches nothing, then the live status.
      await admin.getByRole('searchbox', { name: 'Search sessions' }).fill('nobody');
      await admin.getByText('No session matches these filters.').waitFor();
      await admin.getByRole('searchbox', { name: 'Search sessions' }).fill('ada@');
      await admin.getByRole('combobox', { name: 'Status' }).selectOption('live');
      await admin.getByTestId('session-table').getByRole('link', { name: 'Ada Lovelace' }).click();

      // The session page: revoking the interviewer's invite closes their access at once.
      await admin.waitForURL('**/admin/sessions/*');
      const invites = admin.getByTestId('invite-table');
      await invites.waitFor();
      await admin.getByRole('button', { name: 'Revoke the interviewer invite of Ines' }).click();
      await admin.getByRole('button', { name: 'Revoke now' }).click();
      await invites.locator('tr[data-role="interviewer"][data-status="revoked"]').waitFor();
      // The open console gives way to a full-page notice at once; a reload keeps the refusal.
      await interviewer.getByRole('heading', { name: 'Your access was revoked' }).waitFor();
      await interviewer.reload();
      await interviewer.getByText('Your access to this session is missing, expired or revoked.').waitFor();
      await screenshot(interviewer, 'admin-09-interviewer-revoked');

      // A new invite shows its link once.
      await admin.getByRole('combobox', { name: 'Role' }).selectOption('interviewer');
      await admin.getByRole('textbox', { name: 'Name (optional)' }).fill('Jon');
      await admin.getByRole('button', { name: 'Create invite' }).click();
      await admin.getByTestId('issued-invite').locator('li[data-name="Jon"] input').waitFor();
      await screenshot(admin, 'admin-10-session-detail');

      // Erasing needs the name typed; the session is then gone from the list.
      const erase = admin.getByRole('button', { name: 'Erase the session' });
      expect(await erase.isDisabled()).toBe(true);
      await admin.getByRole('textbox', { name: /Type .* to confirm/ }).fill('ada lovelace');
      await erase.click();
      await admin.getByText('The session has been erased.').waitFor();
      await candidate.getByRole('heading', { name: 'This session has been erased' }).waitFor();
      await nav(admin, 'Sessions').click();
      await admin.getByText('No session yet.').waitFor();
      expect(await admin.getByRole('cell', { name: /Ada Lovelace/ }).count()).toBe(0);

      // Retention.
      await nav(admin, 'Settings').click();
      const retention = admin.getByRole('textbox', { name: 'Keep ended sessions for (days)' });
      await retention.fill('0');
      await admin.getByText('Enter a whole number of days, 1 or more, or leave the field empty.').waitFor();
      await retention.fill('30');
      await retention.press('Enter');
      await admin.getByTestId('retention-current').getByText('Now: ended sessions are kept 30 days.').waitFor();
      await admin.locator('[data-provider]').first().waitFor();
      await screenshot(admin, 'admin-11-settings');

      // The audit log records what was done, without the candidate's name.
      await nav(admin, 'Audit log').click();
      const audit = admin.getByTestId('audit-table');
      await audit.getByText('session.delete').waitFor();
      await audit.getByText('invite.revoke').waitFor();
      await audit.getByText('settings.update').waitFor();
      expect(await audit.getByText('Ada').count()).toBe(0);
      await screenshot(admin, 'admin-12-audit');

      for (const page of [admin, candidate, interviewer]) await page.context().close();
    },
    TIMEOUT,
  );

  it(
    'works in French',
    async () => {
      const admin = await signIn('fr-FR');
      await nav(admin, 'Sessions').waitFor();
      await admin.getByRole('heading', { name: 'Planifier une session' }).waitFor();
      await admin.getByRole('textbox', { name: 'E-mail du·de la candidat·e (facultatif)' }).waitFor();
      await screenshot(admin, 'admin-fr-01-sessions');

      await nav(admin, 'Exercices').click();
      await admin.getByRole('heading', { name: 'Bibliothèque d’exercices' }).waitFor();
      await admin.getByRole('link', { name: 'Nouvel exercice' }).click();
      await admin.getByRole('heading', { name: 'Consigne et point de départ' }).waitFor();
      await admin.getByRole('button', { name: '+ Cas de test' }).click();
      await admin.getByRole('button', { name: 'Créer l’exercice' }).click();
      // The server's field problems, said in French under their fields.
      await admin.getByText('Ne peut pas être vide.').first().waitFor();
      expect(await admin.locator('body').innerText()).not.toMatch(/must NOT have|is required|Cannot be empty/);
      await screenshot(admin, 'admin-fr-02-exercise-form');

      await nav(admin, 'Réglages').click();
      const retention = admin.getByRole('textbox', { name: 'Conserver les sessions terminées (jours)' });
      await retention.fill('');
      await admin.getByRole('button', { name: 'Enregistrer' }).first().click();
      await admin.getByTestId('retention-current').getByText('Actuellement : les sessions terminées sont gardées indéfiniment.').waitFor();
      await screenshot(admin, 'admin-fr-03-settings');

      await nav(admin, 'Journal d’audit').click();
      await admin.getByTestId('audit-table').waitFor();
      await screenshot(admin, 'admin-fr-04-audit');
      await admin.context().close();
    },
    TIMEOUT,
  );
});
