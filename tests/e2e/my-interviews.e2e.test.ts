import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedSession } from '../../shared/api/sessions';
import { startTestServer, type TestServer } from '../helpers/server';
import { apiClient } from '../server/api-client';
import { createAccount, PASSWORD } from '../server/accounts/accounts-helpers';
import { launchBrowser, newPage, screenshot } from './browser';

// "My interviews" in a real browser: an interviewer signs in with a password at /me, sees the
// session assigned to her, and opens its live console from there; the same page in French.

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

describe('My interviews', () => {
  it(
    'signs an interviewer in with a password and opens her session from the list',
    async () => {
      const iris = await createAccount(server, { email: 'iris@example.com', name: 'Iris', roles: ['interviewer'] });
      const created = (
        await apiClient(server).post<CreatedSession>('/api/sessions', { candidateName: 'Cam Doe', interviewers: [{ accountId: iris.id }] })
      ).body;
      const page = await newPage(browser);
      await page.goto(`${server.url}/me`);
      await page.getByLabel('Email').fill('iris@example.com');
      await page.getByLabel('Password').fill('not her password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByText('Wrong email or password').waitFor();
      // What was typed is kept: she corrects the password only.
      expect(await page.getByLabel('Email').inputValue()).toBe('iris@example.com');
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: /Upcoming/ }).waitFor();
      await page.getByText('Cam Doe').waitFor();
      await screenshot(page, 'my-interviews');
      await page.getByRole('link', { name: 'Open the live console' }).click();
      await page.waitForURL(`**/s/${created.id}/interviewer`);
      await page.getByText('Cam Doe').first().waitFor({ timeout: 30_000 });
      await page.close();

      const french = await newPage(browser, 'fr-FR');
      await french.goto(`${server.url}/me`);
      await french.getByRole('heading', { name: 'Connexion de l’équipe' }).waitFor();
      await screenshot(french, 'my-interviews-sign-in-fr');
      await french.close();
    },
    TIMEOUT,
  );
});
