import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../clock';
import type { SharedRedis } from '../plugins/redis';
import { AccountLockout, LOCKOUT_FAILURES, LOCKOUT_WINDOW_MS, lockedOut, lockoutKey, type AccountLockoutStore } from './account-lockout';

/**
 * The account lockout counted by every node together (REDIS_URL): failures for an email go to a
 * sorted set of failure times in Redis, so that five wrong passwords spread over several nodes
 * lock the email on all of them. The email is stored only as a SHA-256 of its lowercased form.
 * This node's own count (AccountLockout) still applies, and is what holds if Redis does not
 * answer.
 */
export class SharedAccountLockout implements AccountLockoutStore {
  private readonly local: AccountLockout;

  constructor(
    private readonly clock: Clock,
    private readonly redis: SharedRedis,
    private readonly maxFailures = LOCKOUT_FAILURES,
    private readonly windowMs = LOCKOUT_WINDOW_MS,
  ) {
    this.local = new AccountLockout(clock, maxFailures, windowMs);
  }

  async check(email: string): Promise<void> {
    this.local.check(email);
    const failures = await this.redis.client.zcount(this.keyOf(email), `(${this.clock.now() - this.windowMs}`, '+inf').catch(() => 0);
    if (failures >= this.maxFailures) throw lockedOut();
  }

  async recordFailure(email: string): Promise<void> {
    this.local.recordFailure(email);
    const now = this.clock.now();
    const key = this.keyOf(email);
    await this.redis.client
      .multi()
      .zadd(key, now, `${now}:${randomBytes(6).toString('hex')}`)
      .zremrangebyscore(key, '-inf', now - this.windowMs)
      .pexpire(key, this.windowMs)
      .exec()
      .catch(() => undefined);
  }

  private keyOf(email: string): string {
    return `${this.redis.prefix}lockout:${createHash('sha256').update(lockoutKey(email)).digest('hex')}`;
  }
}
