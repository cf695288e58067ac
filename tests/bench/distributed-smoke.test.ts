import { describe, expect, it } from 'vitest';
import { benchFailover } from '../../bench/failover';
import { distributedRows } from '../../bench/report';
import { machine } from '../../bench/suite';

// The distributed-mode benchmark (`npm run bench:distributed`), tiny: one kill, so that it
// cannot rot. Its target is `npm run bench`'s to judge, on a quiet machine.

describe('distributed benchmark (smoke)', () => {
  it('kills a writer node once and times the takeover', async () => {
    const failover = await benchFailover({ kills: 1, leaseTtlMs: 1_000 });
    expect(failover.takeoverMs).toHaveLength(1);
    expect(failover.takeoverMs[0]).toBeGreaterThan(0);
    const [row] = distributedRows({ startedAt: new Date().toISOString(), machine: await machine(), failover });
    expect(row?.measured).toContain('ms');
  }, 120_000);
});
