import { createInterface } from 'node:readline';
import type { AtelierProcess } from '../tests/helpers/server-process';
import { LiveClient, recordChunkLatency } from './lib/live-client';
import { percentile } from './lib/stats';

// Row 5's latency reader (issue 6 item 7): provider chunk → an interviewer's socket, read in a
// process of its own with a few interviewer sockets. The load's other 780 sockets live in the
// bench's process, which parses 16,000 frames a second and falls behind itself; timing there
// would add the reader's own lag to the server's. Env: ATELIER_WS_URL, PROBE_TARGETS (JSON
// [{sessionId, token}]). Lines on stdin: `start` (begin timing), `read` (percentiles so far).

const targets = JSON.parse(process.env.PROBE_TARGETS ?? '[]') as { sessionId: string; token: string }[];
const atelier = { wsUrl: process.env.ATELIER_WS_URL! } as AtelierProcess;
const samples: number[] = [];
let measuring = false;
const clients = targets.map((t) => new LiveClient(atelier, t.sessionId, t.token));
for (const client of clients) {
  await client.connect();
  recordChunkLatency(client, samples, () => measuring);
}
process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  if (line === 'start') measuring = true;
  if (line === 'read')
    process.stdout.write(
      `${JSON.stringify({ p50: percentile(samples, 50), p99: percentile(samples, 99), samples: samples.length, disorder: clients.reduce((n, c) => n + c.disorder, 0) })}\n`,
    );
});
lines.on('close', () => {
  for (const client of clients) void client.close();
  process.exit(0);
});
