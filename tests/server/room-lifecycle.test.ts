import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../shared/events';
import { connectLive, type LiveClient } from '../helpers/live-client';
import { startTestServer, type TestServer } from '../helpers/server';

// Rooms: only sockets and commands open one, at most one per session whatever the timing, and
// it is released once nobody is there and nothing runs. Presence follows every closed socket.

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

const admin = () => ({ authorization: `Bearer ${server.adminToken}` });
const settle = () => new Promise((r) => setTimeout(r, 20));

/** Waits (a loaded machine delivers socket closes late) until the session's room is released. */
async function released(sessionId: string): Promise<boolean> {
  for (const deadline = Date.now() + 5_000; Date.now() < deadline; await settle()) {
    if (!server.app.services.rooms.peek(sessionId)) return true;
  }
  return false;
}

function expectGapless(events: readonly SessionEvent[]): void {
  expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
}

describe('rooms', () => {
  it('are not opened by reads: after reports, exports, models and log reads of many sessions, none is open', async () => {
    const ids = await Promise.all(Array.from({ length: 6 }, async () => (await server.createSession()).id));
    await settle();
    expect(server.app.services.rooms.size).toBe(0);
    for (const id of ids) {
      for (const path of ['report.md', 'report.html', 'export.json', 'models', 'events', 'events?omit=settled-deltas']) {
        const response = await fetch(`${server.url}/api/sessions/${id}/${path}`, { headers: admin() });
        expect(response.status, path).toBe(200);
      }
    }
    expect(server.app.services.rooms.size).toBe(0);
  });

  it('is released when its last socket leaves, and a socket that never says hello holds none', async () => {
    const created = await server.createSession();
    const silent = await connectLive(server.wsUrl, created.id, { token: created.invites.interviewer.token });
    await settle();
    expect(server.app.services.rooms.peek(created.id)).toBeUndefined();
    const candidate = await connectLive(server.wsUrl, created.id, { token: created.invites.candidate.token });
    await candidate.hello();
    expect(server.app.services.rooms.peek(created.id)).toBeDefined();
    await candidate.close();
    expect(await released(created.id)).toBe(true);
    await silent.close();
  });

  it('keeps one writer per session under random interleavings of joins, leaves, commands, REST writes and reads', async () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('join' as const), role: fc.constantFrom('candidate', 'interviewer', 'reviewer') }),
      fc.record({ kind: fc.constant('leave' as const), index: fc.nat(5) }),
      fc.record({ kind: fc.constant('command' as const), index: fc.nat(5) }),
      fc.record({ kind: fc.constant('review' as const), blind: fc.boolean() }),
      fc.record({ kind: fc.constant('read' as const) }),
      fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 3 }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 8, maxLength: 24 }), async (ops) => {
        const created = await server.createSession();
        const tokens = {
          candidate: created.invites.candidate.token,
          interviewer: created.invites.interviewer.token,
          reviewer: created.invites.reviewer.token,
        };
        const clients: { client: LiveClient; role: keyof typeof tokens }[] = [];
        const pending: Promise<unknown>[] = [];
        const answers: { type: string; code?: string }[] = [];
        const closes: number[] = [];
        for (const step of ops) {
          if (step.kind === 'join') {
            const client = await connectLive(server.wsUrl, created.id, { token: tokens[step.role] });
            void client.closed.then(({ code }) => closes.push(code));
            client.sendRaw(JSON.stringify({ type: 'hello', lastSeq: 0 }));
            clients.push({ client, role: step.role });
          } else if (step.kind === 'leave' && clients.length > 0) {
            const [gone] = clients.splice(step.index % clients.length, 1);
            gone!.client.ws.close();
          } else if (step.kind === 'command' && clients.length > 0) {
            const { client, role } = clients[step.index % clients.length]!;
            const command =
              role === 'candidate'
                ? client.command('prompt.draft', { text: `draft ${answers.length}` })
                : role === 'interviewer'
                  ? client.command('note.add', { text: 'a note' })
                  : client.command('score.set', { criterionId: 'precise-prompts', level: 3, comment: '', evidence: [] });
            pending.push(command.then((a) => answers.push(a)).catch(() => undefined));
          } else if (step.kind === 'review') {
            pending.push(
              fetch(`${server.url}/api/sessions/${created.id}/review`, {
                method: 'PUT',
                headers: { ...admin(), 'content-type': 'application/json' },
                body: JSON.stringify({ blind: step.blind }),
              }).then((r) => answers.push({ type: r.ok ? 'ack' : 'error', code: String(r.status) })),
            );
          } else if (step.kind === 'read') {
            pending.push(
              fetch(`${server.url}/api/sessions/${created.id}/events`, { headers: admin() }).then((r) => expect(r.status).toBe(200)),
            );
          } else if (step.kind === 'wait') {
            await new Promise((r) => setTimeout(r, step.ms));
          }
        }
        await Promise.all(pending);
        await Promise.all(clients.map(({ client }) => client.close()));
        await settle();
        // No room ever lost its place: nobody was closed with 1011, every command was answered
        // without an internal error, and the log is gapless.
        expect(closes.filter((code) => code === 1011)).toEqual([]);
        expect(answers.filter((a) => a.code === 'internal' || a.code === '500')).toEqual([]);
        expectGapless(server.app.services.events.all(created.id));
        expect(await released(created.id)).toBe(true);
      }),
      { numRuns: 25 },
    );
  }, 120_000);
});

describe('presence', () => {
  it('records a participant as gone when the server closes their last socket (revocation)', async () => {
    const created = await server.createSession();
    const candidate = await connectLive(server.wsUrl, created.id, { token: created.invites.candidate.token });
    await candidate.hello();
    const interviewer = await connectLive(server.wsUrl, created.id, { token: created.invites.interviewer.token });
    await interviewer.hello();
    const inviteId = created.participants.find((p) => p.role === 'interviewer')!.inviteId;
    await candidate.waitFor((c) => c.state().participants[inviteId]?.online);
    const revoked = await fetch(`${server.url}/api/invites/${inviteId}/revoke`, { method: 'POST', headers: admin() });
    expect(revoked.status).toBe(200);
    expect((await interviewer.closed).code).toBe(4001);
    await candidate.waitFor((c) => c.state().participants[inviteId]?.online === false);
    await candidate.close();
  });

  it('records a resync (4010 after a submitted review) as a leave, then the rejoin', async () => {
    const created = await server.createSession();
    const reviewer = await connectLive(server.wsUrl, created.id, { token: created.invites.reviewer.token });
    await reviewer.hello();
    await reviewer.command('score.set', { criterionId: 'precise-prompts', level: 4, comment: '', evidence: [] });
    await reviewer.command('review.submit');
    expect((await reviewer.closed).code).toBe(4010);
    await settle();
    const inviteId = created.participants.find((p) => p.role === 'reviewer')!.inviteId;
    const presence = server.app.services.events
      .all(created.id)
      .filter((e) => e.type.startsWith('participant.') && (e.data as { participantId: string }).participantId === inviteId);
    expect(presence.map((e) => e.type)).toEqual(['participant.joined', 'participant.left']);
  });
});
