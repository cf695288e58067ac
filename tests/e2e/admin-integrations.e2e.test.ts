import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server';
import { SmtpSink } from '../helpers/smtp-sink';
import { WebhookReceiver } from '../helpers/webhook-receiver';
import { launchBrowser, newPage, screenshot } from './browser';

// The integrations page through a real browser: register a webhook to a receiver that checks
// signatures, watch a delivery fail and succeed on re-send, issue a Greenhouse key (shown once)
// and revoke it; then the page in French.

const TIMEOUT = 180_000;
const SECRET = 'whsec-e2e-0123456789abcdef';

let server: TestServer;
let browser: Browser;
let receiver: WebhookReceiver;
let smtp: SmtpSink;

beforeAll(async () => {
  smtp = await SmtpSink.start();
  server = await startTestServer({ config: { smtpUrl: smtp.url(), outbound: { timeoutMs: 5_000, concurrency: 2, allowPrivate: true } } });
  browser = await launchBrowser();
  receiver = await WebhookReceiver.start(SECRET);
}, TIMEOUT);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await receiver?.close();
  await smtp?.close();
});

async function signIn(locale?: string): Promise<Page> {
  const page = await newPage(browser, locale);
  await page.goto(`${server.url}/admin#${server.adminToken}`);
  await page.getByRole('navigation').waitFor();
  return page;
}

describe('the integrations page', () => {
  it(
    'registers a webhook, shows each attempt and re-sends a failed delivery',
    async () => {
      const admin = await signIn();
      await admin.getByRole('navigation').getByRole('link', { name: 'Integrations', exact: true }).click();
      await admin.getByRole('heading', { name: 'Webhooks' }).waitFor();

      // A refused URL stays in the field, with the server's reason.
      await admin.getByRole('textbox', { name: 'Endpoint URL' }).fill(`${server.url}/api/health`);
      await admin.getByLabel('Signing secret (16 characters or more)').fill(SECRET);
      await admin.getByRole('button', { name: 'Register' }).click();
      await admin.getByText('points at this server').waitFor();
      expect(await admin.getByRole('textbox', { name: 'Endpoint URL' }).inputValue()).toBe(`${server.url}/api/health`);

      await admin.getByRole('textbox', { name: 'Endpoint URL' }).fill(receiver.url);
      await admin.getByRole('checkbox', { name: 'session.erased' }).uncheck();
      await admin.getByRole('button', { name: 'Register' }).click();
      await admin.getByTestId('webhook').getByText(receiver.url).waitFor();
      await expect.poll(() => admin.getByRole('textbox', { name: 'Endpoint URL' }).inputValue()).toBe('');

      receiver.mode = { kind: 'status', status: 503 };
      await server.createSession();
      await expect.poll(() => receiver.received.length).toBe(1);
      await admin.getByRole('button', { name: 'Deliveries' }).click();
      const row = admin.getByTestId('deliveries').getByRole('row').nth(1);
      await expect.poll(async () => (await row.textContent()) ?? '').toContain('HTTP 503');
      expect(await row.textContent()).toContain('Pending');
      await screenshot(admin, 'integrations-delivery-failed');

      receiver.mode = { kind: 'ok' };
      await row.getByRole('button', { name: 'Re-send' }).click();
      await expect.poll(() => receiver.received.length).toBe(2);
      await expect
        .poll(async () => {
          await admin.getByRole('button', { name: 'Refresh' }).click();
          return (await row.textContent()) ?? '';
        })
        .toContain('Delivered');
      expect(receiver.received.every((r) => r.verified)).toBe(true);
      await screenshot(admin, 'integrations-delivery-resent');
      await admin.close();
    },
    TIMEOUT,
  );

  it(
    'issues a Greenhouse key once, then revokes it',
    async () => {
      const admin = await signIn();
      await admin.goto(`${server.url}/admin/integrations`);
      await admin.getByRole('heading', { name: 'Greenhouse', exact: true }).waitFor();
      await admin.getByRole('textbox', { name: 'Key name' }).fill('Acme Greenhouse');
      await admin.getByRole('button', { name: 'Issue a key' }).click();
      const issued = admin.getByTestId('issued-key');
      await issued.waitFor();
      const apiKey = (await issued.locator('code').textContent())!.trim();
      expect(apiKey).toMatch(/^gh_/);
      const ok = await fetch(`${server.url}/api/integrations/greenhouse/list_tests`, {
        headers: { authorization: `Basic ${Buffer.from(`${apiKey}:`).toString('base64')}` },
      });
      expect(ok.status).toBe(200);
      await screenshot(admin, 'integrations-greenhouse-key');

      // Shown once: gone after a reload.
      await admin.reload();
      await admin.getByTestId('greenhouse-key').getByText('Acme Greenhouse').waitFor();
      expect(await admin.content()).not.toContain(apiKey);
      await admin.getByTestId('greenhouse-key').getByRole('button', { name: 'Revoke' }).click();
      await admin
        .getByTestId('greenhouse-key')
        .getByText(/revoked/)
        .waitFor();
      const refused = await fetch(`${server.url}/api/integrations/greenhouse/list_tests`, {
        headers: { authorization: `Basic ${Buffer.from(`${apiKey}:`).toString('base64')}` },
      });
      expect(refused.status).toBe(401);

      await admin.getByRole('checkbox', { name: "Send the reviewers' mean score to Greenhouse" }).check();
      await admin.getByText('Saved.').waitFor();
      const settings = (await (
        await fetch(`${server.url}/api/integrations/greenhouse/settings`, { headers: { authorization: `Bearer ${server.adminToken}` } })
      ).json()) as { sendScore: boolean };
      expect(settings.sendScore).toBe(true);
      await admin.close();
    },
    TIMEOUT,
  );

  it(
    'emails the invite from the scheduling form when asked',
    async () => {
      const admin = await signIn();
      await admin.getByRole('textbox', { name: 'Candidate name (optional)' }).fill('Grace Hopper');
      await admin.getByRole('textbox', { name: 'Candidate email (optional)' }).fill('grace@example.org');
      await admin.getByRole('checkbox', { name: 'Email the invite link to the candidate' }).check();
      await admin.getByRole('button', { name: 'Create session' }).click();
      await admin.getByTestId('invite-email').getByText('emailed').waitFor();
      expect(smtp.mails.map((m) => m.to)).toEqual([['grace@example.org']]);
      const candidateUrl = await admin.getByTestId('invite-links').locator('li[data-role="candidate"] input').inputValue();
      expect(smtp.mails[0]!.raw.replace(/=\r?\n/g, '')).toContain(candidateUrl.split('#')[1]!.slice(0, 20));
      await screenshot(admin, 'schedule-invite-emailed');
      await admin.close();
    },
    TIMEOUT,
  );

  it(
    'speaks French',
    async () => {
      const admin = await signIn('fr-FR');
      await admin.getByRole('navigation').getByRole('link', { name: 'Intégrations', exact: true }).click();
      await admin.getByRole('heading', { name: 'Webhooks' }).waitFor();
      await admin.getByRole('button', { name: 'Enregistrer' }).first().waitFor();
      await admin.getByRole('button', { name: 'Émettre une clé' }).waitFor();
      await admin.getByText('Tests envoyés par Greenhouse').waitFor();
      await screenshot(admin, 'integrations-fr');
      await admin.close();
    },
    TIMEOUT,
  );
});
