import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promptHash } from '../../shared/prompt-hash';
import { chatTurns, connectLive, type LiveClient } from '../helpers/live-client';
import { startTestServer, type TestServer } from '../helpers/server';

// A message names the prompt it was written against: when the server's draft is another (the
// edit was lost on the way), the message is refused and nothing is appended, rather than
// answered with an older prompt.

let server: TestServer;
let candidate: LiveClient;
beforeAll(async () => {
  server = await startTestServer();
  const session = await server.createSession();
  candidate = await connectLive(server.wsUrl, session.id, { token: session.invites.candidate.token });
  await candidate.hello();
  await candidate.command('session.start');
});
afterAll(async () => {
  await candidate.close();
  await server.close();
});

describe('commands written against a prompt', () => {
  it('refuse a message written against a draft the server does not hold, appending nothing', async () => {
    await candidate.command('prompt.draft', { text: 'You answer only from the knowledge base.' });
    const head = candidate.events.at(-1)!.seq;
    const lost = await candidate.command('message.send', {
      text: 'Hello',
      promptHash: promptHash('You answer only from the knowledge base. Be brief.'),
    });
    expect(lost).toMatchObject({ type: 'error', code: 'prompt_changed' });
    for (const command of ['message.regenerate', 'testrun.start'] as const) {
      const data = command === 'testrun.start' ? { promptHash: 'nope' } : { messageId: 'x', promptHash: 'nope' };
      expect(await candidate.command(command, data)).toMatchObject({ type: 'error', code: 'prompt_changed' });
    }
    expect(candidate.events.at(-1)!.seq).toBe(head);
  });

  it('answer a message written against the draft the server holds, with that draft', async () => {
    const draft = candidate.state().prompt.draft;
    expect(await candidate.command('message.send', { text: 'Hello', promptHash: promptHash(draft) })).toMatchObject({ type: 'ack' });
    const turn = await candidate.waitFor((c) => chatTurns(c).find((t) => t.status === 'completed'));
    expect(turn.request.system).toBe(draft);
  });
});
