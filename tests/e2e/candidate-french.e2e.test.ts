import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server';
import { launchBrowser, screenshot } from './browser';
import { completedAnswers, joinAndStart, sendMessage } from './candidate-helpers';

// The exercise in French: a browser speaking French gets the French interface and the
// French exercise, end to end.

const TIMEOUT = 90_000;

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

describe('candidate workspace in French', () => {
  it(
    'does the exercise in French: consent, version, chat, tests, flag, write-up, submit',
    async () => {
      const { page } = await joinAndStart(server, browser, { locale: 'fr-FR', exercise: 'refine-the-chatbot-fr' });
      await page.getByTestId('consent').getByText('Ce qui est enregistré').first().waitFor();
      await page.getByRole('checkbox', { name: 'J’ai lu ce qui est enregistré et qui le verra.' }).check();
      await screenshot(page, 'candidate-fr-01-join');
      await page.getByRole('button', { name: 'Commencer' }).click();

      const prompt = page.getByTestId('system-prompt');
      await prompt.waitFor();
      expect(await page.getByRole('tab', { name: 'Votre conversation' }).count()).toBe(1);
      await prompt.press('End');
      await prompt.type('\nRéponds uniquement à partir de la base de connaissances.');
      await page.getByRole('textbox', { name: 'Libellé' }).fill('Base de connaissances seulement');
      await page.getByRole('textbox', { name: 'Ce que j’ai changé et pourquoi' }).fill('Le bot inventait des remises');
      await page.getByRole('button', { name: 'Enregistrer la version' }).click();
      await page.getByTestId('version').getByText('Base de connaissances seulement').waitFor();

      await sendMessage(page, 'Avez-vous une réduction étudiante ?', 'Votre message');
      await completedAnswers(page).first().waitFor();
      await completedAnswers(page).first().getByRole('button', { name: 'Signaler comme fausse' }).click();
      await completedAnswers(page)
        .first()
        .getByRole('textbox', { name: /Pourquoi/ })
        .fill('Invente une remise');
      await completedAnswers(page).first().getByRole('button', { name: 'Signaler', exact: true }).click();
      await completedAnswers(page).first().getByTestId('flag').waitFor();

      // A failed answer is explained in French too (the log keeps the server's English).
      await sendMessage(page, 'Et pour un déménagement ? [[simulate:cut]]', 'Votre message');
      await page.getByText('Pas de réponse cette fois : La réponse a été coupée avant la fin. Renvoyez.').waitFor();

      await page.getByRole('button', { name: /^Lancer les \d+ cas$/ }).click();
      await page.locator('[data-testid="matrix-row"]').first().waitFor();
      await expect.poll(() => page.getByTestId('run-progress').count(), { timeout: 30_000 }).toBe(0);
      await page.getByText('Réussite').waitFor();
      await screenshot(page, 'candidate-fr-02-workspace');

      await page.getByRole('tab', { name: 'Compte rendu' }).click();
      await page.getByRole('textbox', { name: 'Compte rendu' }).fill('La version 1 limite le bot à la base de connaissances.');
      await page.getByRole('button', { name: 'Soumettre' }).click();
      await page.getByRole('button', { name: 'Oui, soumettre' }).click();
      await page.getByTestId('ended-notice').waitFor();
      await screenshot(page, 'candidate-fr-03-submitted');
      await page.context().close();
    },
    TIMEOUT,
  );
});
