import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../shared/events';
import type { ServerFrame } from '../../shared/protocol';
import { eventsOf } from '../helpers/test-socket';
import { connectLive, type LiveClient } from '../helpers/live-client';
import { startTestServer, type TestServer } from '../helpers/server';

// Sockets dropped at random while answers stream: each client reconnects with the last seq it
// holds, and ends with exactly the server's log as its role may see it — no gap, no duplicate.

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ config: { simulator: { paceMs: 3, firstTokenMs: 0 }, coalescing: { intervalMs: 5, maxChars: 2048 } } });
});
afterAll(async () => server.close());

/** The whole log as this role sees it (the candidate by its own numbering). */
function asSeenBy(sessionId: string, role: 'candidate' | 'interviewer'): SessionEvent[] {
  const { log } = server.app.services;
  return log.visible(sessionId, log.viewer(sessionId, { role, participantId: `any-${role}` }));
}

/** A participant whose socket keeps being dropped; it keeps every event it was ever sent. */
class FlakyParticipant {
  readonly received: SessionEvent[] = [];
  private client: LiveClient | undefined;
  reconnects = 0;

  constructor(
    private readonly sessionId: string,
    private readonly token: string,
  ) {}

  get lastSeq(): number {
    return this.received.at(-1)?.seq ?? 0;
  }

  async connect(): Promise<void> {
    const client = await connectLive(server.wsUrl, this.sessionId, { token: this.token });
    client.ws.on('message', (data) => {
      this.received.push(...eventsOf(JSON.parse(data.toString()) as ServerFrame));
    });
    await client.hello(this.lastSeq);
    this.client = client;
  }

  async drop(): Promise<void> {
    this.client?.ws.terminate();
    await this.client?.closed;
    this.reconnects++;
  }

  async settle(role: 'candidate' | 'interviewer'): Promise<void> {
    const expected = asSeenBy(this.sessionId, role).at(-1)?.seq ?? 0;
    const deadline = Date.now() + 10_000;
    while (this.lastSeq < expected) {
      if (Date.now() > deadline) throw new Error(`stuck at seq ${this.lastSeq}, expected ${expected}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  async close(): Promise<void> {
    await this.client?.close();
  }
}

describe('reconnect storm', () => {
  it('leaves every client with exactly the server log after random drops during streaming', async () => {
    const session = await server.createSession();
    const candidate = await connectLive(server.wsUrl, session.id, { token: session.invites.candidate.token });
    await candidate.hello();
    await candidate.command('session.start');
    const observers = [
      new FlakyParticipant(session.id, session.invites.interviewer.token),
      new FlakyParticipant(session.id, session.invites.reviewer.token),
      new FlakyParticipant(session.id, session.invites.candidate.token),
    ];
    await Promise.all(observers.map((o) => o.connect()));

    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let message = 0; message < 6; message++) {
      await candidate.command('message.send', { text: `Question ${message}: explain the plans, the router and refunds in detail` });
      const deadline = Date.now() + 5_000;
      while (
        Date.now() < deadline &&
        candidate.state().turnOrder.some((id) => candidate.state().turns[id]!.status === 'streaming') !== false
      ) {
        const victim = observers[Math.floor(random() * observers.length)]!;
        await victim.drop();
        await new Promise((r) => setTimeout(r, random() * 15));
        await victim.connect();
        if (!candidate.state().turnOrder.some((id) => candidate.state().turns[id]!.status === 'streaming')) break;
      }
      await candidate.waitFor((c) => c.state().turnOrder.every((id) => c.state().turns[id]!.status !== 'streaming'));
    }
    await candidate.command('prompt.draft', { text: 'the end' });
    const roles = ['interviewer', 'interviewer', 'candidate'] as const;
    for (const [i, observer] of observers.entries()) {
      await observer.settle(roles[i]!);
      const expected = asSeenBy(session.id, roles[i]!).filter((e) => e.seq <= observer.lastSeq);
      const seqs = observer.received.map((e) => e.seq);
      const diff = observer.received.filter((e, j) => JSON.stringify(e) !== JSON.stringify(expected[j])).slice(0, 3);
      expect(new Set(seqs).size, `duplicates; first differences: ${JSON.stringify(diff)}`).toBe(seqs.length);
      expect(observer.received).toEqual(expected);
      expect(observer.reconnects).toBeGreaterThan(3);
      await observer.close();
    }
    await candidate.close();
  });
});
