import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server';
import { apiClient } from '../server/api-client';
import { createAccount, PASSWORD } from '../server/accounts/accounts-helpers';
import { launchBrowser, newPage, screenshot } from './browser';

// API tokens on the /me page in a real browser: an admin names a token, sees its secret once
// (with a copy button), finds it listed by name and prefix, and revokes it after confirming;
// the admin area links back to "My interviews". The same panel in French.

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

describe('API tokens on My interviews', () => {
  it(
    'makes a token shown once, lists it, revokes it; the admin area links to My interviews',
    async () => {
      await createAccount(server, { email: 'ada@example.com', name: 'Ada', roles: ['admin'] });
      const api = apiClient(server);
      const page = await newPage(browser);
      await page.goto(`${server.url}/me`);
      await page.getByLabel('Email').fill('ada@example.com');
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      const panel = page.getByTestId('api-tokens');
      await panel.getByText('No token yet.').waitFor();

      await panel.getByLabel('Name').fill('nightly export');
      await panel.getByRole('button', { name: 'Create a token' }).click();
      const issued = page.getByTestId('issued-token');
      await issued.getByText('is shown only now').waitFor();
      const secret = (await issued.locator('code').textContent())!.trim();
      expect(secret).toMatch(/^atl_/);
      await issued.getByRole('button', { name: 'Copy the token' }).waitFor();
      expect((await api.get('/api/me', { token: secret })).body.signIn.method).toBe('token');
      await panel.getByRole('cell', { name: 'nightly export', exact: true }).waitFor();
      await panel.getByText(`${secret.slice(0, 12)}…`).waitFor();
      await screenshot(page, 'api-tokens');

      // Once dismissed (or after a reload), the secret is nowhere on the page.
      await issued.getByRole('button', { name: 'Dismiss' }).click();
      await page.reload();
      await panel.getByRole('cell', { name: 'nightly export', exact: true }).waitFor();
      expect(await page.content()).not.toContain(secret);

      await panel.getByRole('button', { name: 'Revoke the token "nightly export"' }).click();
      await panel.getByText('Scripts using it stop at once.').waitFor();
      // The confirmation has the focus: the keyboard confirms it.
      expect((await page.locator(':focus').textContent())?.trim()).toBe('Revoke');
      await page.keyboard.press('Enter');
      await panel.getByText('No token yet.').waitFor();
      expect((await api.get('/api/me', { token: secret })).status).toBe(401);

      await page.getByRole('link', { name: 'Admin area' }).click();
      // The audit log names her account for what she did.
      await page.getByRole('link', { name: 'Audit log' }).click();
      const revoked = page.getByTestId('audit-table').getByRole('row').filter({ hasText: 'api_token.revoke' });
      await revoked.getByText('Ada').waitFor();
      await screenshot(page, 'api-tokens-audit');
      await page.getByTestId('my-interviews-link').click();
      await page.waitForURL('**/me');
      await panel.waitFor();
      await page.close();

      const french = await newPage(browser, 'fr-FR');
      await french.goto(`${server.url}/me`);
      await french.getByLabel('E-mail').fill('ada@example.com');
      await french.getByLabel('Mot de passe').fill(PASSWORD);
      await french.getByRole('button', { name: 'Se connecter' }).click();
      await french.getByRole('heading', { name: 'Jetons d’API' }).waitFor();
      await screenshot(french, 'api-tokens-fr');
      await french.close();
    },
    TIMEOUT,
  );
});
