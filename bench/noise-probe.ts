import { createInterface } from 'node:readline';
import { EventLoopLag } from '../server/metrics/event-loop-lag';

// The machine-noise reference for event-loop lag: an idle Node process measuring its own
// event-loop lag over the same window as the server. What it sees is the OS descheduling
// an idle process (other builds, browsers), not work. Lines on stdin: `reset`, `read`.

const delay = new EventLoopLag();
delay.enable();
process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  if (line === 'reset') delay.reset();
  if (line === 'read') process.stdout.write(`${JSON.stringify(delay.read())}\n`);
});
lines.on('close', () => process.exit(0));
