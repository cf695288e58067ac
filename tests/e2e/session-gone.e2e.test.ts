import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectLive, type LiveClient } from '../helpers/live-client';
import { startTestServer, type TestServer } from '../helpers/server';
import { launchBrowser, newPage, screenshot } from './browser';

// A session erased, or an invite revoked, while its page is open: the page says so in full,
// the countdown stops and the work leaves the screen (it does not linger under "Disconnected").

const TIMEOUT = 120_000;
const PROMPT_MARK = 'GONE-PROMPT-MARK';

let server: TestServer;
let browser: Browser;
const clients: LiveClient[] = [];

interface Created {
  id: string;
  invites: Record<'candidate' | 'interviewer' | 'reviewer', { token: string }>;
  participants: { inviteId: string; role: string; token: string }[];
}

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await browser?.close();
  await server?.close();
});

async function admin(method: string, path: string): Promise<Response> {
  return fetch(`${server.url}${path}`, { method, headers: { authorization: `Bearer ${server.adminToken}` } });
}

/** A started session whose candidate typed a prompt, so there is work on screen. */
async function startedSession(): Promise<Created> {
  const created = (await server.createSession({ candidateName: 'Gus Gone' })) as unknown as Created;
  const candidate = await connectLive(server.wsUrl, created.id, { token: created.invites.candidate.token });
  clients.push(candidate);
  await candidate.hello(0);
  await candidate.command('session.start');
  await candidate.command('prompt.save', { text: `You are helpful. ${PROMPT_MARK}`, label: 'mark', rationale: '' });
  return created;
}

async function open(token: string, sessionId: string, role: string, locale: string): Promise<Page> {
  const page = await newPage(browser, locale);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`${server.url}/join#${token}`);
  await page.waitForURL(`**/s/${sessionId}/${role}`);
  await page.getByTestId('workspace').waitFor();
  await page.getByTestId('countdown').first().waitFor();
  return page;
}

/** The notice is the whole page: no workspace, no countdown, no trace of the candidate's prompt. */
async function expectNotice(page: Page, reason: string, title: string, body: RegExp): Promise<void> {
  await page.locator(`[data-testid="connection-closed"][data-reason="${reason}"]`).waitFor({ timeout: 15_000 });
  expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(title);
  expect(await page.getByRole('alert').innerText()).toMatch(body);
  expect(await page.getByTestId('workspace').count()).toBe(0);
  expect(await page.getByTestId('countdown').count()).toBe(0);
  expect(await page.locator('body').innerText()).not.toContain(PROMPT_MARK);
}

describe('a session that goes away under an open page', () => {
  it(
    'erased: the candidate (English) and the interviewer (French) see a full-page notice',
    async () => {
      const created = await startedSession();
      const candidate = await open(created.invites.candidate.token, created.id, 'candidate', 'en-US');
      const interviewer = await open(created.invites.interviewer.token, created.id, 'interviewer', 'fr-FR');
      expect(await candidate.locator('body').innerText()).toContain(PROMPT_MARK);
      expect((await admin('DELETE', `/api/sessions/${created.id}`)).status).toBe(200);
      await expectNotice(
        candidate,
        'sessionErased',
        'This session has been erased',
        /^Everything in it .* was deleted while this page was open/,
      );
      await expectNotice(interviewer, 'sessionErased', 'Cette session a été effacée', /^Tout son contenu .* a été supprimé/);
      await screenshot(candidate, 'gone-01-erased-candidate-en');
      await screenshot(interviewer, 'gone-02-erased-interviewer-fr');
      // It stays put: no reconnection brings stale work back.
      await candidate.waitForTimeout(1500);
      expect(await candidate.getByTestId('workspace').count()).toBe(0);
      await candidate.close();
      await interviewer.close();
    },
    TIMEOUT,
  );

  it(
    'revoked: the revoked invite’s page (English, then French) says access was revoked; the others stay',
    async () => {
      const created = await startedSession();
      const candidate = await open(created.invites.candidate.token, created.id, 'candidate', 'en-US');
      const interviewer = await open(created.invites.interviewer.token, created.id, 'interviewer', 'fr-FR');
      const candidateInvite = created.participants.find((p) => p.role === 'candidate')!.inviteId;
      expect((await admin('POST', `/api/invites/${candidateInvite}/revoke`)).status).toBe(200);
      await expectNotice(candidate, 'unauthorized', 'Your access was revoked', /^This invite no longer opens the session/);
      await screenshot(candidate, 'gone-03-revoked-candidate-en');
      // The interviewer's own invite still works: their console stays.
      expect(await interviewer.getByTestId('workspace').count()).toBe(1);
      const interviewerInvite = created.participants.find((p) => p.role === 'interviewer')!.inviteId;
      expect((await admin('POST', `/api/invites/${interviewerInvite}/revoke`)).status).toBe(200);
      await expectNotice(interviewer, 'unauthorized', 'Votre accès a été révoqué', /^Cette invitation n’ouvre plus la session/);
      await screenshot(interviewer, 'gone-04-revoked-interviewer-fr');
      await candidate.close();
      await interviewer.close();
    },
    TIMEOUT,
  );
});
