import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectLive, type LiveClient } from '../../helpers/live-client';
import { startTestServer, type TestServer } from '../../helpers/server';
import { eventsOf } from '../../helpers/test-socket';

// Over real sockets: a command that appends several events in one commit
// reaches every participant as one batch frame that passes the schema the page checks, with the
// staff note of the same commit kept out of the candidate's.

let server: TestServer;
const open: LiveClient[] = [];
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
  await server.close();
});

async function join(sessionId: string, token: string): Promise<LiveClient> {
  const client = await connectLive(server.wsUrl, sessionId, { token });
  open.push(client);
  await client.hello(0);
  return client;
}

describe('batch frames over a real socket', () => {
  it('delivers a commit of several events as one frame per socket, the candidate’s without the staff note', async () => {
    const session = await server.createSession();
    const candidate = await join(session.id, session.invites.candidate.token);
    const interviewer = await join(session.id, session.invites.interviewer.token);
    await candidate.command('session.start');
    const from = { candidate: candidate.frames.length, interviewer: interviewer.frames.length };
    // message.sent and turn.started are appended together: one commit, one frame each.
    const sent = candidate.command('message.send', { text: 'What plans do you offer?' });
    const note = interviewer.command('note.add', { text: 'asked about plans: staff only' });
    expect((await sent).type).toBe('ack');
    expect((await note).type).toBe('ack');
    await candidate.waitFor((c) => c.events.find((e) => e.type === 'turn.completed'));
    await interviewer.waitFor((c) => c.events.find((e) => e.type === 'turn.completed'));
    const frameWith = (client: LiveClient, start: number, type: string) =>
      client.frames.slice(start).find((f) => eventsOf(f).some((e) => e.type === type))!;
    const candidateFrame = frameWith(candidate, from.candidate, 'message.sent');
    expect(candidateFrame.type).toBe('batch');
    expect(
      eventsOf(candidateFrame)
        .map((e) => e.type)
        .slice(0, 2),
    ).toEqual(['message.sent', 'turn.started']);
    expect(eventsOf(frameWith(interviewer, from.interviewer, 'message.sent')).map((e) => e.type)).toEqual(
      expect.arrayContaining(['message.sent', 'turn.started']),
    );
    expect(interviewer.events.some((e) => e.type === 'note.added')).toBe(true);
    expect(JSON.stringify(candidate.frames)).not.toContain('staff only');
    // Seqs strictly increasing on each socket, batches included.
    for (const client of [candidate, interviewer]) {
      const seqs = client.events.map((e) => e.seq);
      expect(seqs).toEqual([...new Set(seqs)].sort((a, b) => a - b));
    }
  });
});
