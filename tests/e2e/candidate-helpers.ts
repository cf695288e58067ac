import type { Browser, Page } from 'playwright-core';
import type { TestServer } from '../helpers/server';
import { newPage } from './browser';

// Shared steps of the candidate workspace's browser tests.

export type CreatedSession = Awaited<ReturnType<TestServer['createSession']>>;

/** Opens the candidate's invite, acknowledges the notice and presses Start. */
export async function joinAndStart(server: TestServer, browser: Browser, options: { locale?: string; exercise?: string } = {}) {
  const session = await server.createSession({
    candidateName: 'Ada Lovelace',
    ...(options.exercise ? { exercise: options.exercise } : {}),
  });
  const page = await newPage(browser, options.locale);
  await page.goto(`${server.url}/join#${session.invites.candidate.token}`);
  await page.waitForURL(`**/s/${session.id}/candidate`);
  return { session, page };
}

export const workspace = (page: Page) => page.getByTestId('workspace');
export const completedAnswers = (page: Page) =>
  page.locator('[data-testid="transcript"][data-thread="main"] [data-testid="answer"][data-status="completed"]');

export async function sendMessage(page: Page, text: string, label = 'Your message') {
  const composer = page.getByRole('textbox', { name: label });
  await composer.fill(text);
  await composer.press('Control+Enter');
}

/**
 * A TCP relay on a fixed local port in front of the test server, so that the page keeps one
 * origin (and its localStorage) across a server restart, which lands on a new port.
 */
export async function startRelay(targetPort: () => number): Promise<{ url: string; close: () => Promise<void> }> {
  const { createServer, connect } = await import('node:net');
  const sockets = new Set<import('node:net').Socket>();
  const relay = createServer((client) => {
    const upstream = connect(targetPort(), '127.0.0.1');
    sockets.add(client).add(upstream);
    client.pipe(upstream).pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  const address = relay.address();
  if (!address || typeof address === 'string') throw new Error('no relay address');
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        relay.close(() => resolve());
      }),
  };
}

export const portOf = (url: string) => Number(new URL(url).port);

// The functions below run in the page; they are strings because this file is type-checked
// without the DOM library.

/** Every visible control with no accessible name: a bit of its HTML. */
export function unnamedControls(page: Page): Promise<string[]> {
  return page.evaluate(`(() => {
    const missing = [];
    for (const el of document.querySelectorAll('button, input, select, textarea, [role="tab"], a[href]')) {
      if (el.offsetParent === null) continue;
      const text = (el.tagName === 'BUTTON' || el.tagName === 'A' || el.getAttribute('role') === 'tab') ? el.textContent.trim() : '';
      const named = (el.getAttribute('aria-label') || '').trim() || (el.getAttribute('aria-labelledby') || '').trim()
        || (el.labels && el.labels.length > 0) || text || (el.getAttribute('title') || '').trim();
      if (!named) missing.push(el.outerHTML.slice(0, 120));
    }
    return missing;
  })()`);
}

/** A paste into an element, as the browser reports it (the text itself is not inserted). */
export async function simulatePaste(page: Page, testId: string, text: string): Promise<void> {
  await page.evaluate(`(() => {
    const data = new DataTransfer();
    data.setData('text/plain', ${JSON.stringify(text)});
    document.querySelector('[data-testid=${JSON.stringify(testId)}]')
      .dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  })()`);
}

/** The tab is hidden, then shown again, as when the candidate switches to another window. */
export async function leaveAndComeBack(page: Page): Promise<void> {
  for (const state of ['hidden', 'visible']) {
    await page.evaluate(`(() => {
      Object.defineProperty(document, 'visibilityState', { value: '${state}', configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
    })()`);
  }
}
