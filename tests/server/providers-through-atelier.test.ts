import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatTurns, connectLive, type LiveClient } from '../helpers/live-client';
import { rawSqlite } from '../helpers/raw-sqlite';
import { startTestServer, type TestServer } from '../helpers/server';
import { fixture, jsonFixture, startFakeProviderServer, type FakeProviderServer, type ScriptedResponse } from './llm/fake-provider-server';

// The real SDKs, behind the real server, against a local server speaking OpenAI's wire format:
// what the candidate and the staff see when a provider works, fails, or is stopped.

const OPENAI_KEY = 'sk-proj-ATELIERTESTKEY0123456789abcdefSECRET';
const ANTHROPIC_KEY = 'sk-ant-api03-ATELIERTESTKEY9876543210zyxwvuSECRET';

let provider: FakeProviderServer;
let server: TestServer;
const logLines: string[] = [];
const httpBodies: string[] = [];
const clients: LiveClient[] = [];

function scriptFor(lastUserMessage: string): ScriptedResponse {
  if (lastUserMessage.includes('unauthorized')) return { status: 401, body: jsonFixture('openai/error-401.json') };
  if (lastUserMessage.includes('midway')) return { sse: fixture('openai/chat-stream-error-midway.sse') };
  if (lastUserMessage.includes('cut')) return { sse: fixture('openai/chat-stream-cut.sse') };
  if (lastUserMessage.includes('hang'))
    return { sse: fixture('openai/chat-stream.sse').split('\n\n').slice(0, 2).join('\n\n') + '\n\n', hang: true };
  return { headers: { 'x-request-id': 'req_fake_123' }, sse: fixture('openai/chat-stream.sse') };
}

beforeAll(async () => {
  provider = await startFakeProviderServer((request) => {
    if (request.path.endsWith('/models')) return { body: jsonFixture('openai/models.json') };
    const body = request.body as { messages: { role: string; content: string }[] };
    return scriptFor(body.messages.at(-1)?.content ?? '');
  });
  const dir = (await import('node:fs')).mkdtempSync(join((await import('node:os')).tmpdir(), 'atelier-providers-'));
  const configPath = join(dir, 'atelier.config.json');
  writeFileSync(
    configPath,
    JSON.stringify({
      providers: [
        {
          id: 'openai',
          kind: 'openai',
          baseUrl: `${provider.url}/v1`,
          apiKeyEnv: 'TEST_OPENAI_KEY',
          models: [{ id: 'gpt-4o-mini', price: { inputPerMTok: 0.15, outputPerMTok: 0.6 } }],
        },
        {
          id: 'anthropic',
          kind: 'anthropic',
          baseUrl: `${provider.url}/anthropic`,
          apiKeyEnv: 'TEST_ANTHROPIC_KEY',
          models: [{ id: 'claude-haiku-4-5' }],
        },
      ],
    }),
  );
  const logStream = new PassThrough();
  logStream.on('data', (chunk: Buffer) => logLines.push(chunk.toString()));
  server = await startTestServer({
    env: { TEST_OPENAI_KEY: OPENAI_KEY, TEST_ANTHROPIC_KEY: ANTHROPIC_KEY },
    config: { providersConfig: configPath, logLevel: 'debug' },
    logger: true,
    logStream,
    retry: { baseDelayMs: 1, maxDelayMs: 2, maxRetryAfterMs: 5, idleTimeoutMs: 2_000 },
  });
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await server.close();
  await provider.close();
});

async function fetchText(path: string, token: string): Promise<string> {
  const text = await (await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } })).text();
  httpBodies.push(text);
  return text;
}

const inviteTokens: string[] = [];

async function liveSession() {
  const session = await server.createSession({ candidateName: 'Key Test' });
  inviteTokens.push(...Object.values(session.invites).map((i) => i.token));
  const candidate = await connectLive(server.wsUrl, session.id, { token: session.invites.candidate.token });
  const interviewer = await connectLive(server.wsUrl, session.id, { token: session.invites.interviewer.token });
  clients.push(candidate, interviewer);
  await candidate.hello();
  await interviewer.hello();
  await candidate.command('session.start');
  return { session, candidate, interviewer };
}

const ended = (c: LiveClient) => chatTurns(c).find((t) => t.status !== 'streaming');

describe('a configured OpenAI-compatible provider, through Atelier', () => {
  it('records the whole turn: request, request id, usage from the provider, cost and finish reason', async () => {
    const { candidate, interviewer } = await liveSession();
    expect(
      await candidate.command('message.send', { text: 'What plans?', model: 'openai/gpt-4o-mini', params: { temperature: 0.3 } }),
    ).toMatchObject({ type: 'ack' });
    const turn = await interviewer.waitFor(ended);
    expect(turn.status).toBe('completed');
    expect(turn.text.length).toBeGreaterThan(0);
    expect(turn.providerId).toBe('openai');
    expect(turn.model).toBe('gpt-4o-mini');
    expect(turn.request.messages.at(-1)).toEqual({ role: 'user', content: 'What plans?' });
    expect(turn.requestId).toBe('req_fake_123');
    expect(turn.usage?.estimated).toBe(false);
    expect(turn.usage!.inputTokens).toBeGreaterThan(0);
    expect(turn.costUsd).toBeCloseTo((turn.usage!.inputTokens * 0.15 + turn.usage!.outputTokens * 0.6) / 1e6, 10);
    expect(turn.finish).toEqual({ unified: 'stop', raw: 'stop' });
    expect(turn.ttftMs).not.toBeNull();
    const sent = provider.requests.at(-1)!.body as { temperature: number; stream: boolean; stream_options: unknown };
    expect(sent.temperature).toBe(0.3);
    expect(sent.stream_options).toEqual({ include_usage: true });
  });

  it('turns a 401 into a calm message for the candidate and the cause for staff only, and the session goes on', async () => {
    const { candidate, interviewer } = await liveSession();
    await candidate.command('message.send', { text: 'unauthorized please', model: 'openai/gpt-4o-mini' });
    const seenByStaff = await interviewer.waitFor((c) => chatTurns(c).find((t) => t.diagnostic && t.failure));
    expect(seenByStaff.failure?.kind).toBe('auth');
    expect(seenByStaff.diagnostic?.cause).toMatch(/api key|401|auth/i);
    expect(seenByStaff.diagnostic?.attempts).toBe(1);
    const seenByCandidate = await candidate.waitFor(ended);
    expect(seenByCandidate.failure?.message).not.toMatch(/401|api key/i);
    expect(seenByCandidate.diagnostic).toBeNull();
    expect(candidate.events.some((e) => e.type === 'turn.diagnostic')).toBe(false);
    expect(await candidate.command('message.send', { text: 'and now?', model: 'offline/simulator' })).toMatchObject({ type: 'ack' });
  });

  it('keeps the partial text of an answer cut by a mid-stream error, and never calls a cut stream complete', async () => {
    const { candidate } = await liveSession();
    await candidate.command('message.send', { text: 'midway', model: 'openai/gpt-4o-mini' });
    const failed = await candidate.waitFor(ended);
    expect(failed.status).toBe('failed');
    expect(failed.text.length).toBeGreaterThan(0);
    await candidate.command('message.send', { text: 'cut', model: 'openai/gpt-4o-mini' });
    const cut = await candidate.waitFor((c) => chatTurns(c).filter((t) => t.status !== 'streaming')[1]);
    expect(cut.status).toBe('failed');
    expect(cut.failure?.kind).toBe('interrupted');
  });

  it('aborts the upstream request when the candidate presses Stop', async () => {
    const { candidate } = await liveSession();
    const before = provider.requests.length;
    await candidate.command('message.send', { text: 'hang on', model: 'openai/gpt-4o-mini' });
    const delta = await candidate.waitFor((c) => c.events.find((e) => e.type === 'turn.delta'));
    await candidate.command('turn.stop', { turnId: (delta.data as { turnId: string }).turnId });
    const upstream = provider.requests[before]!;
    await upstream.ended;
    expect(upstream.closedByClient).toBe(true);
    expect((await candidate.waitFor(ended)).status).toBe('cancelled');
  });

  it('aborts the upstream request when the interviewer ends the session', async () => {
    const { candidate, interviewer } = await liveSession();
    const before = provider.requests.length;
    await candidate.command('message.send', { text: 'hang on again', model: 'openai/gpt-4o-mini' });
    await candidate.waitFor((c) => c.events.find((e) => e.type === 'turn.delta'));
    expect(await interviewer.command('session.end')).toMatchObject({ type: 'ack' });
    const upstream = provider.requests[before]!;
    await upstream.ended;
    expect(upstream.closedByClient).toBe(true);
    const turn = await candidate.waitFor(ended);
    expect(turn).toMatchObject({ status: 'cancelled', cancelReason: 'session_ended' });
  });

  it("tells the candidate which parameters a model does not take (Anthropic's temperature and top_p)", async () => {
    const { session } = await liveSession();
    const body = JSON.parse(await fetchText(`/api/sessions/${session.id}/models`, session.invites.candidate.token)) as {
      models: { id: string; unsupportedParams: string[] }[];
    };
    const byId = new Map(body.models.map((m) => [m.id, m.unsupportedParams]));
    expect(byId.get('anthropic/claude-haiku-4-5')).toEqual(['temperature', 'topP']);
    expect(byId.get('openai/gpt-4o-mini')).toEqual([]);
  });

  it('lists providers and models for the admin, with status and without keys', async () => {
    const text = await fetchText('/api/providers', server.adminToken);
    const body = JSON.parse(text) as { providers: { id: string; status: string; models: { id: string }[] }[] };
    expect(body.providers.map((p) => p.id)).toEqual(expect.arrayContaining(['openai', 'anthropic', 'offline']));
    expect(body.providers.find((p) => p.id === 'openai')?.status).toBe('configured');
    expect(body.providers.find((p) => p.id === 'openai')?.models.map((m) => m.id)).toContain('openai/gpt-4o-mini');
  });

  it('never lets a key or a key fragment out: HTTP, frames, logs, the database, the client bundle', async () => {
    const sessions = (JSON.parse(await fetchText('/api/sessions', server.adminToken)) as { sessions: { id: string }[] }).sessions;
    for (const s of sessions) await fetchText(`/api/sessions/${s.id}/events`, server.adminToken);
    await fetchText('/api/openapi.json', server.adminToken);
    const frames = clients.flatMap((c) => c.frames.map((f) => JSON.stringify(f)));
    const db = rawSqlite(server);
    const dbDump = JSON.stringify(db.prepare('SELECT * FROM events').all()) + JSON.stringify(db.prepare('SELECT * FROM sessions').all());
    const bundle = bundleText();
    const haystacks = { http: httpBodies.join('\n'), frames: frames.join('\n'), logs: logLines.join(''), database: dbDump, bundle };
    expect(logLines.length).toBeGreaterThan(0);
    expect(frames.length).toBeGreaterThan(0);
    // Invite tokens are handed to the admin once, in the creation response; never logged or sent elsewhere.
    expect(inviteTokens.length).toBeGreaterThan(0);
    for (const token of [...inviteTokens, server.adminToken]) {
      for (const [where, text] of Object.entries({ logs: haystacks.logs, frames: haystacks.frames, database: haystacks.database })) {
        expect(text.includes(token), `a token found in ${where}`).toBe(false);
      }
    }
    for (const key of [OPENAI_KEY, ANTHROPIC_KEY]) {
      for (const fragment of fragmentsOf(key)) {
        for (const [where, text] of Object.entries(haystacks)) expect(text.includes(fragment), `${fragment} found in ${where}`).toBe(false);
      }
    }
  });
});

/** Every 12-character window of the key's secret part: a leak of any sizeable piece fails. */
function fragmentsOf(key: string): string[] {
  const secret = key.replace(/^sk-(proj-|ant-api03-)?/, '');
  const out: string[] = [];
  for (let i = 0; i + 12 <= secret.length; i += 4) out.push(secret.slice(i, i + 12));
  return out;
}

function bundleText(): string {
  const dir = join(process.cwd(), 'dist/client');
  const files: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.push(readFileSync(path, 'utf8'));
    }
  };
  try {
    walk(dir);
  } catch {
    return '';
  }
  return files.join('\n');
}
