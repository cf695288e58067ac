import { connectLive, type LiveClient } from '../tests/helpers/live-client';
import { startAtelier, type AtelierProcess } from '../tests/helpers/server-process';
import { createTestDatabase } from '../tests/helpers/test-database';

// Distributed mode (issue 20): three node processes on one PostgreSQL database. Each round
// streams an answer on the session's writer, kills it with SIGKILL, and times how long until
// another node serves the session to a reconnecting client (the lease must expire first:
// ATELIER_LEASE_TTL_MS). The killed node is restarted under its name for the next round.

export interface FailoverResult {
  kills: number;
  leaseTtlMs: number;
  /** Kill → welcome on another node, per kill. */
  takeoverMs: number[];
}

async function serve(node: AtelierProcess, sessionId: string, token: string): Promise<LiveClient> {
  for (;;) {
    const client = await connectLive(node.wsUrl, sessionId, { token });
    client.sendRaw(JSON.stringify({ type: 'hello', lastSeq: 0 }));
    const frame = await client.nextFrame((f) => f.type === 'welcome' || f.type === 'error', 10_000);
    if (frame.type === 'welcome') return client;
    await client.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function benchFailover(options: { kills: number; leaseTtlMs: number }): Promise<FailoverResult> {
  const database = await createTestDatabase();
  const env = (i: number) => ({
    DATABASE_URL: database.url,
    ATELIER_NODE_ID: `bench-node-${i}`,
    ATELIER_LEASE_TTL_MS: String(options.leaseTtlMs),
    ATELIER_SIMULATOR_PACE_MS: '20',
    ATELIER_SIMULATOR_FIRST_TOKEN_MS: '0',
  });
  const nodes: AtelierProcess[] = [];
  for (let i = 0; i < 3; i++) nodes.push(await startAtelier({ env: env(i) }));
  const takeoverMs: number[] = [];
  try {
    const created = await fetch(`${nodes[0]!.url}/api/sessions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${nodes[0]!.adminToken}`, 'content-type': 'application/json' },
      body: '{}',
    });
    const session = (await created.json()) as { id: string; invites: { candidate: { token: string } } };
    const token = session.invites.candidate.token;
    let writer = 0;
    let candidate = await serve(nodes[writer]!, session.id, token);
    await candidate.command('session.start');
    for (let k = 0; k < options.kills; k++) {
      await candidate.command('message.send', { text: `Round ${k}: tell me about the plans` });
      await candidate.waitFor((c) => c.events.some((e) => e.type === 'turn.delta' && e.seq > (c.welcome?.headSeq ?? 0)));
      const killed = writer;
      await nodes[killed]!.kill('SIGKILL');
      const t0 = performance.now();
      candidate.ws.terminate();
      writer = (killed + 1) % nodes.length;
      candidate = await serve(nodes[writer]!, session.id, token);
      takeoverMs.push(Math.round(performance.now() - t0));
      nodes[killed] = await startAtelier({ env: env(killed), port: Number(new URL(nodes[killed]!.url).port) });
    }
    await candidate.close();
  } finally {
    for (const node of nodes) await node.kill('SIGKILL');
    await database.drop();
  }
  return { kills: options.kills, leaseTtlMs: options.leaseTtlMs, takeoverMs };
}
