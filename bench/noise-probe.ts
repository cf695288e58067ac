import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createInterface } from 'node:readline';

// The machine-noise reference for event-loop lag: an idle Node process measuring its own
// event-loop delay over the same window as the server. What it sees is the OS descheduling
// an idle process (other builds, browsers), not work. Lines on stdin: `reset`, `read`.

const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  if (line === 'reset') delay.reset();
  if (line === 'read') process.stdout.write(`${JSON.stringify({ p50: delay.percentile(50) / 1e6, p99: delay.percentile(99) / 1e6, max: delay.max / 1e6 })}\n`);
});
lines.on('close', () => process.exit(0));
