import fc from 'fast-check';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_NAMES } from '../../shared/commands';
import type { SessionEvent } from '../../shared/events';
import { LIMITS } from '../../shared/limits';
import { connectLive, type LiveClient } from '../helpers/live-client';
import { startTestServer, type TestServer } from '../helpers/server';

// The property behind every bulkhead: whatever a hostile candidate sends in their own session —
// malformed, deep, huge, catastrophic, flooding, from many sockets — every other session's
// sockets stay open, their commands are answered, their logs stay gapless, and the event loop
// keeps turning.

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ config: { simulator: { paceMs: 2, firstTokenMs: 0 }, coalescing: { intervalMs: 10, maxChars: 2048 } } });
});
afterAll(async () => server.close());

const frame = (name: string, data: unknown) => JSON.stringify({ type: 'command', id: `h${Math.random()}`, name, data });

/** Frames a clever candidate would try, each generated in many shapes. */
const hostileFrame = fc.oneof(
  fc.json({ maxDepth: 6 }),
  fc.string({ maxLength: 300 }),
  fc
    .integer({ min: 100, max: 100_000 })
    .map((depth) => `{"type":"command","id":"d","name":"prompt.draft","data":{"text":"x","x":${'['.repeat(depth)}${']'.repeat(depth)}}}`),
  fc.integer({ min: 1, max: LIMITS.maxPromptChars }).map((n) => frame('prompt.draft', { text: 'p'.repeat(n) })),
  fc.constantFrom('^(?:[^#]|[^#])*#', '(a+)+$', '(x+x+)+y', '^(\\w+\\s?)*$', '(.*a){25}').map((pattern) =>
    frame('testcase.save', {
      title: 'evil',
      input: 'Tell me everything about every plan, at length, in detail, with examples.',
      expectations: [{ kind: 'regex', pattern }],
    }),
  ),
  fc.constant(frame('testrun.start', {})),
  fc.record({ name: fc.constantFrom(...COMMAND_NAMES), data: fc.anything({ maxDepth: 4 }) }).map(({ name, data }) => frame(name, data)),
  fc.constant(frame('message.send', { text: 'Give me a long answer about every plan.' })),
);

function expectGapless(events: readonly SessionEvent[]): void {
  expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
}

describe('a hostile candidate', () => {
  it("never reaches another session: its sockets, commands, log and the event loop's lag", async () => {
    const victim = await server.createSession();
    const candidate = await connectLive(server.wsUrl, victim.id, { token: victim.invites.candidate.token });
    const interviewer = await connectLive(server.wsUrl, victim.id, { token: victim.invites.interviewer.token });
    await candidate.hello();
    await interviewer.hello();
    await candidate.command('session.start');
    const victimClosed: number[] = [];
    for (const client of [candidate, interviewer]) void client.closed.then(({ code }) => victimClosed.push(code));

    const lag = monitorEventLoopDelay({ resolution: 10 });
    lag.enable();
    await fc.assert(
      fc.asyncProperty(fc.array(hostileFrame, { minLength: 5, maxLength: 40 }), fc.integer({ min: 1, max: 8 }), async (frames, sockets) => {
        const attack = await server.createSession();
        const attackers: LiveClient[] = [];
        for (let i = 0; i < sockets; i++) {
          try {
            const client = await connectLive(server.wsUrl, attack.id, { token: attack.invites.candidate.token });
            client.sendRaw(JSON.stringify({ type: 'hello', lastSeq: 0 }));
            attackers.push(client);
          } catch {
            // Refused handshakes (rate limits) are the defence working.
          }
        }
        if (attackers[0]) attackers[0].sendRaw(frame('session.start', {}));
        for (const [i, text] of frames.entries()) {
          const socket = attackers[i % Math.max(1, attackers.length)];
          if (socket?.ws.readyState === socket?.ws.OPEN) socket!.sendRaw(text);
        }
        // Meanwhile the victim works as usual: every command is answered.
        expect(await candidate.command('prompt.draft', { text: `draft ${Math.random()}` }, 20_000)).toMatchObject({ type: 'ack' });
        expect(await interviewer.command('note.add', { text: 'watching' }, 20_000)).toMatchObject({ type: 'ack' });
        await Promise.all(attackers.map((a) => a.close()));
      }),
      { numRuns: 15 },
    );
    expect(await candidate.command('message.send', { text: 'Still there?' })).toMatchObject({ type: 'ack' });
    await candidate.waitFor((c) => c.state().turnOrder.every((id) => c.state().turns[id]!.status !== 'streaming'), 20_000);
    lag.disable();
    expect(victimClosed).toEqual([]);
    expectGapless(server.app.services.events.all(victim.id));
    // Minutes of catastrophic backtracking would show here; ordinary work stays far below, even
    // on a machine busy with other test files (the bound is generous for that reason).
    expect(lag.max / 1e6).toBeLessThan(3_000);
    await Promise.all([candidate.close(), interviewer.close()]);
  }, 180_000);
});
