import { AtelierError } from '../../shared/errors';
import type { Clock } from '../clock';
import { RateWindow } from '../rate-window';

/**
 * Slows password guessing against one account from many addresses: after `maxFailures` wrong
 * passwords for an email within the window, that email's sign-ins are refused (429) until the
 * oldest failure ages out, right password or not. Per address, the sign-in guard and the
 * sign-in rate limit apply as well. Keyed by the email as typed (lowercased), known or not, so
 * the answer does not tell whether an account exists.
 */
export class AccountLockout {
  private readonly failures = new Map<string, RateWindow>();

  constructor(
    private readonly clock: Clock,
    private readonly maxFailures = 5,
    private readonly windowMs = 15 * 60_000,
  ) {}

  check(email: string): void {
    if (this.failures.get(key(email))?.isFull(this.clock.now())) {
      throw new AtelierError('rate_limited', 'Too many failed sign-ins for this account; wait 15 minutes and try again.');
    }
  }

  recordFailure(email: string): void {
    let window = this.failures.get(key(email));
    if (!window) {
      window = new RateWindow(this.maxFailures, this.windowMs);
      this.failures.set(key(email), window);
    }
    window.hit(this.clock.now());
    if (this.failures.size > 10_000) this.prune();
  }

  private prune(): void {
    const now = this.clock.now();
    for (const [email, window] of this.failures) if (!window.isFull(now) && window.empty) this.failures.delete(email);
  }
}

const key = (email: string) => email.trim().toLowerCase();
