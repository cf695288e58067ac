import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIMULATOR_INSTRUCTION_KINDS } from '../../shared/simulator';
import { startTestServer, type TestServer } from '../helpers/server';
import { launchBrowser, screenshot } from './browser';
import { joinAndStart } from './candidate-helpers';

// "What the simulator understands": beside the model picker while a simulator is chosen, opened
// and closed from the keyboard, listing every instruction kind the simulator reads, in both languages.

const TIMEOUT = 60_000;
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  const configPath = join(mkdtempSync(join(tmpdir(), 'atelier-guide-')), 'atelier.config.json');
  // Never called: the test only picks the model, to see the guide go away for a real one.
  writeFileSync(
    configPath,
    JSON.stringify({
      providers: [
        {
          id: 'anthropic',
          kind: 'anthropic',
          baseUrl: 'http://127.0.0.1:9',
          apiKeyEnv: 'TEST_ANTHROPIC_KEY',
          models: [{ id: 'claude-haiku-4-5' }],
        },
      ],
    }),
  );
  server = await startTestServer({ env: { TEST_ANTHROPIC_KEY: 'sk-ant-test' }, config: { providersConfig: configPath } });
  browser = await launchBrowser();
}, TIMEOUT);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the simulator guide', () => {
  it(
    'opens from the keyboard beside the simulator, lists the kinds it reads, closes on Escape, and goes away for a real model',
    async () => {
      const { page } = await joinAndStart(server, browser);
      await page.getByRole('checkbox', { name: 'I have read what is recorded and who will see it.' }).check();
      await page.getByRole('button', { name: 'Start' }).click();
      const model = page.getByRole('combobox', { name: 'Model' });
      await model.waitFor();

      const open = page.getByRole('button', { name: 'What the simulator understands' });
      await model.focus();
      await page.keyboard.press('Tab');
      expect(await open.evaluate((element) => element === element.ownerDocument.activeElement)).toBe(true);
      expect(await open.getAttribute('aria-expanded')).toBe('false');
      await page.keyboard.press('Enter');
      const guide = page.getByRole('dialog', { name: 'What the simulator understands' });
      await guide.waitFor();
      expect(await open.getAttribute('aria-expanded')).toBe('true');
      expect(await guide.locator('li').evaluateAll((items) => items.map((item) => item.getAttribute('data-kind')))).toEqual([
        ...SIMULATOR_INSTRUCTION_KINDS,
      ]);
      await guide.getByText('Knowledge base only: say "I don\'t know" instead of inventing').waitFor();
      await guide.getByText(/changes nothing here/).waitFor();
      await screenshot(page, 'candidate-simulator-guide');

      await page.keyboard.press('Escape');
      await guide.waitFor({ state: 'detached' });
      expect(await open.evaluate((element) => element === element.ownerDocument.activeElement)).toBe(true);

      await open.click();
      await guide.waitFor();
      await page.getByRole('heading', { name: 'Refine the chatbot' }).click();
      await guide.waitFor({ state: 'detached' });

      const simulator = await model.inputValue();
      await model.selectOption('anthropic/claude-haiku-4-5');
      await open.waitFor({ state: 'detached' });
      await model.selectOption(simulator);
      await open.waitFor();
    },
    TIMEOUT,
  );

  it(
    'speaks French in the French workspace',
    async () => {
      const { page } = await joinAndStart(server, browser, { locale: 'fr-FR', exercise: 'refine-the-chatbot-fr' });
      await page.getByRole('checkbox', { name: 'J’ai lu ce qui est enregistré et qui le verra.' }).check();
      await page.getByRole('button', { name: 'Commencer' }).click();
      await page.getByRole('button', { name: 'Ce que comprend le simulateur' }).click();
      const guide = page.getByRole('dialog', { name: 'Ce que comprend le simulateur' });
      await guide.getByText('Aucune généralisation sur des groupes de personnes').waitFor();
      expect(await guide.locator('li').count()).toBe(SIMULATOR_INSTRUCTION_KINDS.length);
      await screenshot(page, 'candidate-simulator-guide-fr');
      await guide.getByRole('button', { name: 'Fermer' }).click();
      await guide.waitFor({ state: 'detached' });
    },
    TIMEOUT,
  );
});
