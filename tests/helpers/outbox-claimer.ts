import { openStorage } from '../../server/db/storage';

// One node of tests/server/db/pg-outbox-claim.test.ts, in a process of its own (the PostgreSQL
// client is synchronous, so two nodes in one thread could never claim at the same instant).
// Usage: outbox-claimer.ts <url> <nodeId> <now>. Prints "ready", waits for a line on stdin, then
// sends (claims and settles) what is due until nothing is, and prints the ids it claimed as JSON.

const [url, nodeId, nowText] = process.argv.slice(2);
const now = Number(nowText);
const storage = openStorage({ file: '', url: url!, nodeId: nodeId!, leaseTtlMs: 60_000 }, () => now);
process.stdout.write('ready\n');
process.stdin.once('data', () => {
  const claimed: string[] = [];
  let attempts = 0;
  for (;;) {
    const due = storage.outbox.due(now, 5, new Set());
    if (due.length === 0) break;
    const mine = new Map<string, string>();
    for (const delivery of due) {
      const attemptId = `${nodeId}-${attempts++}`;
      if (storage.outbox.startAttempt(delivery.id, attemptId, now, now + 3_600_000)) mine.set(delivery.id, attemptId);
    }
    for (const [deliveryId, attemptId] of mine) {
      claimed.push(deliveryId);
      storage.outbox.finishAttempt(deliveryId, attemptId, {
        outcome: 'delivered',
        statusCode: 200,
        error: null,
        finishedAt: now,
        delivery: { status: 'delivered', settledAt: now },
      });
    }
  }
  process.stdout.write(`${JSON.stringify(claimed)}\n`);
  void storage.database.close().then(() => process.exit(0));
});
