import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server';
import { launchBrowser, newPage, screenshot } from './browser';

// Re-sending an invite from the admin's session page (admin item 14 of issue 17): a new link
// for the same person and role, shown once with a copy button (no email configured here); the
// old link stops working at once, the new one opens the session.

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
  participants: { inviteId: string; role: string; name: string | null; url: string; token: string }[];
}

async function schedule(): Promise<Created> {
  const response = await fetch(`${server.url}/api/sessions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ candidateName: 'Rhea Resend', interviewers: [{ name: 'Iris' }], reviewers: [{ name: 'Rita' }] }),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as Created;
}

async function signIn(locale: string): Promise<Page> {
  const page = await newPage(browser, locale);
  await page.goto(`${server.url}/admin#${server.adminToken}`);
  await page.getByRole('navigation').waitFor();
  return page;
}

const CASES = [
  {
    lang: 'en',
    locale: 'en-US',
    resend: 'Re-send a new link to Rita (reviewer)',
    confirm: 'Send a new link',
    warning: 'The current link stops working at once.',
    resent: 'New link for Rita (reviewer): the old one no longer works. Shown only this once: copy it now.',
    copy: /Copy/,
    replaced: 'Replaced',
    active: 'Active',
    refused: 'We could not let you in.',
  },
  {
    lang: 'fr',
    locale: 'fr-FR',
    resend: 'Renvoyer un nouveau lien à Rita (relecteur·rice)',
    confirm: 'Envoyer un nouveau lien',
    warning: 'Le lien actuel cesse de fonctionner immédiatement.',
    resent: 'Nouveau lien pour Rita (relecteur·rice) : l’ancien ne fonctionne plus. Affiché cette seule fois : copiez-le maintenant.',
    copy: /Copier/,
    replaced: 'Remplacée',
    active: 'Active',
    refused: 'Impossible de vous faire entrer.',
  },
] as const;

describe('re-sending an invite from the session page', () => {
  for (const c of CASES) {
    it(
      `${c.lang}: the reviewer gets a new link, shown once; the old one is refused and the new one opens the session`,
      async () => {
        const created = await schedule();
        const rita = created.participants.find((p) => p.role === 'reviewer')!;
        const admin = await signIn(c.locale);
        await admin.goto(`${server.url}/admin/sessions/${created.id}`);
        const table = admin.getByTestId('invite-table');
        await table.waitFor();
        expect(await table.locator('tbody tr').count()).toBe(3);

        await admin.getByRole('button', { name: c.resend }).click();
        expect(await table.locator(`tr[data-invite="${rita.inviteId}"]`).innerText()).toContain(c.warning);
        // The confirmation fits the page at 1280 px: nothing pushes it sideways.
        expect(await admin.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(1280);
        // The confirmation takes the focus: Enter sends, from the keyboard.
        const confirm = admin.getByRole('button', { name: c.confirm, exact: true });
        expect(await confirm.evaluate((button) => button === button.ownerDocument.activeElement)).toBe(true);
        await admin.keyboard.press('Enter');

        const panel = admin.getByTestId('resent-invite');
        await panel.waitFor();
        expect(await panel.locator('p').first().innerText()).toBe(c.resent);
        const url = await panel.getByRole('textbox').inputValue();
        expect(url).toMatch(new RegExp(`^${server.url}/join#[A-Za-z0-9_-]{40,}$`));
        expect(url).not.toBe(rita.url);
        expect(await panel.getByRole('button', { name: c.copy }).count()).toBe(1);

        // The table: the old link replaced, a new active one for the same person and role.
        await expect.poll(() => table.locator('tbody tr').count()).toBe(4);
        const old = table.locator(`tr[data-invite="${rita.inviteId}"]`);
        expect(await old.getAttribute('data-status')).toBe('replaced');
        expect(await old.innerText()).toContain(c.replaced);
        const fresh = table.locator('tr[data-role="reviewer"][data-status="active"]');
        expect(await fresh.count()).toBe(1);
        expect(await fresh.innerText()).toContain('Rita');
        expect(await fresh.innerText()).toContain(c.active);
        await screenshot(admin, `invite-resent-${c.lang}`);
        expect(await seriousViolations(admin)).toEqual([]);

        // The old link is refused; the new one opens the session as the reviewer.
        const oldLink = await newPage(browser, c.locale);
        await oldLink.goto(rita.url);
        await oldLink.getByRole('alert').waitFor();
        expect(await oldLink.getByRole('heading', { level: 1 }).innerText()).toBe(c.refused);
        await screenshot(oldLink, `invite-resent-old-link-${c.lang}`);
        const newLink = await newPage(browser, c.locale);
        await newLink.goto(url);
        await newLink.waitForURL(`**/s/${created.id}/reviewer`);
        for (const page of [admin, oldLink, newLink]) await page.context().close();
      },
      TIMEOUT,
    );
  }
});
