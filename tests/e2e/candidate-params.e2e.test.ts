import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server';
import { launchBrowser, screenshot } from './browser';
import { joinAndStart } from './candidate-helpers';

// Generation settings follow the chosen model: Anthropic's Messages API takes no temperature
// or top_p, so the picker says so instead of offering sliders that change nothing.

const TIMEOUT = 60_000;
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  const configPath = join(mkdtempSync(join(tmpdir(), 'atelier-params-')), 'atelier.config.json');
  // Never called: the test only picks the model.
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

describe('generation settings', () => {
  it(
    'show temperature and top_p as not used by an Anthropic model, and offer them again for the simulator',
    async () => {
      const { page } = await joinAndStart(server, browser);
      await page.getByRole('checkbox', { name: 'I have read what is recorded and who will see it.' }).check();
      await page.getByRole('button', { name: 'Start' }).click();
      const model = page.getByRole('combobox', { name: 'Model' });
      await model.waitFor();
      const simulator = await model.inputValue();

      await model.selectOption('anthropic/claude-haiku-4-5');
      await page.getByText(/^max 1,024$/).click();
      await page.getByTestId('params-ignored').getByText('This model does not take: Temperature, Top p.').waitFor();
      expect(await page.getByRole('slider', { name: 'Temperature' }).isDisabled()).toBe(true);
      expect(await page.getByRole('slider', { name: 'Top p' }).isDisabled()).toBe(true);
      expect(await page.getByRole('spinbutton', { name: 'Max tokens' }).isDisabled()).toBe(false);
      await screenshot(page, 'candidate-params-anthropic');

      await model.selectOption(simulator);
      await page.getByText(/^T 0\.7 · top_p 1 · max 1,024$/).waitFor();
      expect(await page.getByTestId('params-ignored').count()).toBe(0);
      expect(await page.getByRole('slider', { name: 'Temperature' }).isDisabled()).toBe(false);
    },
    TIMEOUT,
  );
});
