import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatTurns, connectLive, type LiveClient } from '../helpers/live-client';
import { startTestServer, type TestServer } from '../helpers/server';

// A provider base URL may carry credentials for a proxy in front of the provider
// (`http://user:pass@host`): they never appear in /api/providers, a diagnostic or a log line.

const USER = 'gatewayuser';
const PASSWORD = 'Pr0xyPassw0rd-hunter2-xyz';
const KEY = 'sk-proj-ATELIERURLTEST0123456789abcdef';

let server: TestServer;
const logLines: string[] = [];
const clients: LiveClient[] = [];

beforeAll(async () => {
  const logStream = new PassThrough();
  logStream.on('data', (chunk: Buffer) => logLines.push(chunk.toString()));
  server = await startTestServer({
    // 127.0.0.1:9 (discard) refuses the connection, if the SDK gets that far.
    env: { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: `http://${USER}:${PASSWORD}@127.0.0.1:9/v1` },
    config: { logLevel: 'debug' },
    logger: true,
    logStream,
    retry: { baseDelayMs: 1, maxDelayMs: 2, maxRetryAfterMs: 5, idleTimeoutMs: 2_000 },
  });
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await server.close();
});

function expectNoCredentials(text: string) {
  expect(text).not.toContain(PASSWORD);
  expect(text).not.toContain(PASSWORD.slice(0, 12));
  expect(text).not.toContain(USER);
}

describe('credentials in a provider base URL', () => {
  it('are absent from /api/providers, which still shows where the provider is', async () => {
    const response = await fetch(`${server.url}/api/providers`, { headers: { authorization: `Bearer ${server.adminToken}` } });
    const text = await response.text();
    expect(response.status).toBe(200);
    expectNoCredentials(text);
    const openai = (JSON.parse(text) as { providers: { id: string; baseUrl?: string }[] }).providers.find((p) => p.id === 'openai');
    expect(openai?.baseUrl).toMatch(/^http:\/\/\[redacted\]@127\.0\.0\.1:9\/v1$/);
  });

  it("are absent from a failed turn's diagnostic, every frame staff receive, and the log", async () => {
    const session = await server.createSession();
    const candidate = await connectLive(server.wsUrl, session.id, { token: session.invites.candidate.token });
    const interviewer = await connectLive(server.wsUrl, session.id, { token: session.invites.interviewer.token });
    clients.push(candidate, interviewer);
    await candidate.hello();
    await interviewer.hello();
    await candidate.command('session.start');
    expect(await candidate.command('message.send', { text: 'Hello?', model: 'openai/gpt-4o-mini' })).toMatchObject({ type: 'ack' });
    const failed = await interviewer.waitFor((c) => chatTurns(c).find((t) => t.diagnostic && t.failure));
    expect(failed.diagnostic?.cause.length).toBeGreaterThan(0);
    expectNoCredentials(JSON.stringify(interviewer.frames));
    expectNoCredentials(JSON.stringify(server.app.services.events.all(session.id)));
    expectNoCredentials(logLines.join(''));
  });
});
