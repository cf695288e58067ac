import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PARAM_BOUNDS } from '../../shared/exercise';
import type { ModelCatalog } from '../../server/llm/catalog';
import { startTestServer, type TestServer } from '../helpers/server';
import { launchBrowser, newPage, screenshot } from './browser';

// Hostile text in every place a person or a model can put it — prompts, streamed answers,
// notes, names, exercise text — rendered in every role's view, while streaming and after a
// reload: no dialog opens, no script runs, nothing is requested from a foreign host.

const PAYLOADS = [
  '<img src=x onerror="window.__xss=1;alert(1)">',
  '<svg onload="window.__xss=1;alert(1)"></svg>',
  '<iframe srcdoc="<script>parent.__xss=1;alert(1)</script>"></iframe>',
  '[click me](javascript:window.__xss=1;alert(1))',
  '![tracker](http://evil.example/pixel.png)',
  '<a href="javascript:alert(1)">link</a>',
  '<script>window.__xss=1;alert(1)</script>',
];
const HOSTILE = PAYLOADS.join('\n\n');

/** A model that answers with every payload, streamed in small chunks. */
function hostileModels(): ModelCatalog {
  const model = { id: 'evil/model', providerId: 'evil', model: 'model', label: 'Evil <img src=x onerror=alert(1)>', simulated: false };
  return {
    defaultModelId: model.id,
    models: () => [model],
    get: (id) => (id === model.id ? model : undefined),
    costOf: () => 0,
    status: async () => [],
    async *openStream(_id, _request, signal) {
      for (let i = 0; i < HOSTILE.length; i += 12) {
        if (signal.aborted) return;
        yield { type: 'text-delta', text: HOSTILE.slice(i, i + 12) };
        await new Promise((r) => setTimeout(r, 15));
      }
      yield { type: 'finish', reason: { unified: 'stop', raw: 'stop' }, usage: { inputTokens: 10, outputTokens: 50, estimated: false } };
    },
  };
}

let server: TestServer;
let browser: Browser;
const problems: string[] = [];

function watch(page: Page, who: string): Page {
  page.on('dialog', (dialog) => {
    problems.push(`${who}: dialog "${dialog.message()}"`);
    void dialog.dismiss();
  });
  page.on('request', (request) => {
    const host = new URL(request.url()).hostname;
    if (host !== '127.0.0.1' && host !== 'localhost' && !request.url().startsWith('data:'))
      problems.push(`${who}: request to ${request.url()}`);
  });
  return page;
}

async function assertInert(page: Page, who: string): Promise<void> {
  const findings = (await page.evaluate(`(() => {
    const found = [];
    if (window.__xss) found.push('a payload ran');
    for (const el of document.querySelectorAll('*')) {
      for (const attr of el.attributes) {
        if (/^on/i.test(attr.name)) found.push('handler ' + attr.name + ' on ' + el.tagName);
        if (/^\\s*javascript:/i.test(attr.value)) found.push('javascript: URL in ' + el.tagName);
      }
    }
    for (const el of document.querySelectorAll('iframe, object, embed')) found.push('embedded ' + el.tagName);
    for (const el of document.querySelectorAll('script')) if (!el.src || !el.src.startsWith(location.origin)) found.push('foreign script');
    for (const img of document.querySelectorAll('img')) if (img.src && !img.src.startsWith(location.origin) && !img.src.startsWith('data:')) found.push('remote image ' + img.src);
    return found;
  })()`)) as string[];
  expect(findings, who).toEqual([]);
}

beforeAll(async () => {
  server = await startTestServer({ models: hostileModels() });
  const { exercises, clock } = server.app.services;
  const base = exercises.current('refine-the-chatbot-en')!.content;
  exercises.save(
    'hostile',
    {
      ...base,
      slug: 'hostile',
      title: `Hostile <img src=x onerror=alert(1)> exercise`,
      brief: `## Brief\n\n${HOSTILE}`,
      systemPrompt: `You are helpful.\n${HOSTILE}`,
      knowledgeBase: HOSTILE,
      models: [],
      defaultModel: 'evil/model',
      params: DEFAULT_PARAM_BOUNDS,
      seedConversation: [{ user: HOSTILE, assistant: HOSTILE }],
    },
    clock.now(),
  );
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('hostile content', () => {
  it('stays inert for the candidate, the interviewer and the reviewer, streaming and after reload', async () => {
    const session = await server.createSession({ exercise: 'hostile', candidateName: `<img src=x onerror=alert(1)>Mallory` });
    const candidate = watch(await newPage(browser), 'candidate');
    const interviewer = watch(await newPage(browser), 'interviewer');
    const reviewer = watch(await newPage(browser), 'reviewer');
    const admin = watch(await newPage(browser), 'admin');

    await candidate.goto(`${server.url}/join#${session.invites.candidate.token}`);
    await candidate.waitForURL(`**/s/${session.id}/candidate`);
    await candidate.getByRole('checkbox').first().check();
    await candidate.getByRole('button', { name: 'Start' }).click();
    const composer = candidate.getByRole('textbox', { name: 'Your message' });
    await composer.waitFor();
    for (const [page, role] of [
      [interviewer, 'interviewer'],
      [reviewer, 'reviewer'],
    ] as const) {
      await page.goto(`${server.url}/join#${session.invites[role].token}`);
      await page.waitForURL(`**/s/${session.id}/${role}`);
    }

    // The candidate types hostile text into the prompt and the chat; the model answers with more.
    await candidate.getByTestId('system-prompt').fill(HOSTILE);
    await composer.fill(HOSTILE);
    await composer.press('Control+Enter');
    // While the answer streams, in every view.
    await interviewer.waitForTimeout(200);
    for (const [page, who] of [
      [candidate, 'candidate'],
      [interviewer, 'interviewer'],
      [reviewer, 'reviewer'],
    ] as const)
      await assertInert(page, `${who} while streaming`);

    // Staff write hostile notes.
    const note = interviewer.getByRole('textbox', { name: /note/i }).first();
    await note.fill(HOSTILE);
    await note.press('Enter');
    await candidate.locator('[data-testid="answer"][data-status="completed"]').first().waitFor({ timeout: 15_000 });
    await interviewer.waitForTimeout(500);
    await screenshot(interviewer, 'xss-interviewer');

    await admin.goto(`${server.url}/admin#${server.adminToken}`);
    await admin.getByText('Mallory').first().waitFor();

    for (const [page, who] of [
      [candidate, 'candidate'],
      [interviewer, 'interviewer'],
      [reviewer, 'reviewer'],
      [admin, 'admin'],
    ] as const) {
      await assertInert(page, who);
      await page.reload();
      await page.waitForTimeout(800);
      await assertInert(page, `${who} after reload`);
    }
    await screenshot(candidate, 'xss-candidate');
    expect(problems).toEqual([]);
  }, 90_000);
});
