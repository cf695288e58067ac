import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chatTurns, connectLive, type LiveClient } from '../helpers/live-client';
import { startTestServer, type TestServer } from '../helpers/server';

// Regenerate on the offline simulator, end to end: each answer to the same message is a new turn
// with the same request, and the server tells the simulator which answer it is, so the text changes.

let server: TestServer;
const open: LiveClient[] = [];
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
  await server.close();
});

describe('Regenerate on the offline simulator', () => {
  it('words each regenerated answer differently, from the same request', async () => {
    const session = await server.createSession();
    const candidate = await connectLive(server.wsUrl, session.id, { token: session.invites.candidate.token });
    open.push(candidate);
    await candidate.hello();
    await candidate.command('session.start');
    await candidate.command('message.send', { text: 'My connection has been down for three days and I work from home. What can I do?' });
    const first = await candidate.waitFor((c) => chatTurns(c).find((t) => t.status === 'completed'));
    for (const count of [2, 3]) {
      expect(await candidate.command('message.regenerate', { messageId: first.parentId })).toMatchObject({ type: 'ack' });
      await candidate.waitFor((c) => chatTurns(c).filter((t) => t.status === 'completed').length === count);
    }
    const answers = chatTurns(candidate).filter((t) => t.parentId === first.parentId);
    expect(answers).toHaveLength(3);
    expect(new Set(answers.map((t) => JSON.stringify(t.request))).size).toBe(1);
    expect(new Set(answers.map((t) => t.text)).size).toBe(3);
    for (const answer of answers) expect(answer.text).toContain('0800 123 456');
  });
});
