import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_NAMES } from '../../shared/commands';
import { ERRORS } from '../../shared/errors';
import type { ServerFrame } from '../../shared/protocol';
import { connectLive, type LiveClient } from '../helpers/live-client';
import { startTestServer, type TestServer } from '../helpers/server';

// Thousands of malformed, random and boundary frames and bodies: every one gets a typed
// answer, nothing invalid is appended, the server stays up and its memory stays bounded.

let server: TestServer;
let session: Awaited<ReturnType<TestServer['createSession']>>;
beforeAll(async () => {
  server = await startTestServer();
  session = await server.createSession();
});
afterAll(async () => server.close());

const KNOWN_CODES = new Set(Object.keys(ERRORS));
const FRAMES_PER_SOCKET = 400; // the test server's frame budgets are raised, so every frame is really parsed

const jsonish = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.json({ maxDepth: 4 }),
  fc.constantFrom(
    '',
    ' ',
    'null',
    '[]',
    '{}',
    '{"type":null}',
    '{"type":"hello"}',
    '{"type":"hello","lastSeq":1e308}',
    '{"type":"hello","lastSeq":-0.5}',
    '\u0000',
    '{"__proto__":{"polluted":1}}',
    '{"type":"command","id":"","name":"","data":null}',
  ),
);

const commandFrames = fc
  .record({
    type: fc.constant('command'),
    id: fc.oneof(fc.string({ minLength: 0, maxLength: 80 }), fc.integer(), fc.constant(undefined)),
    name: fc.oneof(fc.constantFrom(...COMMAND_NAMES), fc.string({ maxLength: 30 })),
    data: fc.oneof(
      fc.anything({ maxDepth: 3 }),
      fc.record(
        { text: fc.oneof(fc.string({ maxLength: 50 }), fc.integer()), turnId: fc.string({ maxLength: 70 }), minutes: fc.integer() },
        { requiredKeys: [] },
      ),
    ),
  })
  .map((frame) => JSON.stringify(frame));

/** What reached the log after `head`, presence (joined/left) aside. */
const appendedAfter = (head: number) =>
  server.app.services.events.after(session.id, head).filter((e) => !e.type.startsWith('participant.'));

const ackedSeqs = (frames: ServerFrame[]) => frames.flatMap((f) => (f.type === 'ack' ? f.seqs : []));

async function fuzzSocket(token: string, frames: string[], headBefore: number): Promise<{ answers: ServerFrame[]; acked: number[] }> {
  const client: LiveClient = await connectLive(server.wsUrl, session.id, { token });
  await client.hello(0);
  const before = client.frames.length;
  for (const frame of frames) client.sendRaw(frame);
  // A ping after the batch: its pong follows the answer (ack or error) to every frame before it.
  client.sendRaw('{"type":"ping"}');
  await client.waitFor((c) => c.frames.slice(before).some((f) => f.type === 'pong'), 20_000);
  const answers = client.frames.slice(before).filter((f) => f.type === 'error' || f.type === 'ack');
  await client.close();
  return { answers, acked: ackedSeqs(answers) };
}

describe('fuzzing', () => {
  it('answers thousands of random frames with typed errors and appends nothing they did not ack', async () => {
    const heapBefore = process.memoryUsage().heapUsed;
    const samples = [...fc.sample(jsonish, 1200), ...fc.sample(commandFrames, 1200)];
    let answered = 0;
    for (const token of [session.invites.candidate.token, session.invites.interviewer.token]) {
      for (let i = 0; i < samples.length; i += FRAMES_PER_SOCKET) {
        const batch = samples.slice(i, i + FRAMES_PER_SOCKET);
        const headBefore = server.app.services.events.head(session.id);
        const { answers, acked } = await fuzzSocket(token, batch, headBefore);
        answered += answers.length;
        for (const answer of answers) if (answer.type === 'error') expect(KNOWN_CODES.has(answer.code), answer.code).toBe(true);
        expect(answers.some((a) => a.type === 'error' && a.code === 'internal')).toBe(false);
        // Presence events (joined/left) plus whatever was acked: nothing else reached the log.
        const unexpected = appendedAfter(headBefore).filter((e) => !acked.includes(e.seq));
        expect(unexpected).toEqual([]);
      }
    }
    expect(answered).toBeGreaterThan(2000);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    // Generous bound: what matters is that thousands of frames do not accumulate.
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(80 * 1024 * 1024);
  });

  it('answers random request bodies with typed 4xx errors, never a 5xx', async () => {
    const routes = ['/api/sessions', '/api/auth/invite', '/api/auth/admin', '/api/exercises'];
    const bodies = fc.sample(
      fc.oneof(fc.json({ maxDepth: 3 }), fc.string({ maxLength: 300 }), fc.constant('{"candidateName":"' + 'x'.repeat(5000) + '"}')),
      300,
    );
    for (const [i, body] of bodies.entries()) {
      const response = await fetch(`${server.url}${routes[i % routes.length]}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': i % 7 === 0 ? 'text/plain' : 'application/json' },
        body,
      });
      expect(response.status, `${routes[i % routes.length]} ${body.slice(0, 80)}`).toBeLessThan(500);
      if (response.status >= 400) {
        const payload = (await response.json()) as { error?: { code?: string } };
        expect(KNOWN_CODES.has(payload.error?.code ?? ''), JSON.stringify(payload)).toBe(true);
      } else {
        await response.arrayBuffer();
      }
    }
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });
});
