import { AtelierError } from '../../shared/errors';
import type { Clock } from '../clock';
import { RateWindow } from '../rate-window';

/** The lockout's two calls; ./shared-account-lockout.ts counts across nodes through Redis. */
export interface AccountLockoutStore {
  /** Throws rate_limited while the email is locked. */
  check(email: string): void | Promise<void>;
  recordFailure(email: string): void | Promise<void>;
}

export const LOCKOUT_FAILURES = 5;
export const LOCKOUT_WINDOW_MS = 15 * 60_000;

export function lockedOut(): AtelierError {
  return new AtelierError('rate_limited', 'Too many failed sign-ins for this account; wait 15 minutes and try again.');
}

/**
 * Slows password guessing against one account from many addresses: after `maxFailures` wrong
 * passwords for an email within the window, that email's sign-ins are refused (429) until the
 * oldest failure ages out, right password or not. Per address, the sign-in guard and the
 * sign-in rate limit apply as well. Keyed by the email as typed (lowercased), known or not, so
 * the answer does not tell whether an account exists. This one counts in this process.
 */
export class AccountLockout implements AccountLockoutStore {
  private readonly failures = new Map<string, RateWindow>();

  constructor(
    private readonly clock: Clock,
    private readonly maxFailures = LOCKOUT_FAILURES,
    private readonly windowMs = LOCKOUT_WINDOW_MS,
  ) {}

  check(email: string): void {
    if (this.failures.get(lockoutKey(email))?.isFull(this.clock.now())) throw lockedOut();
  }

  recordFailure(email: string): void {
    let window = this.failures.get(lockoutKey(email));
    if (!window) {
      window = new RateWindow(this.maxFailures, this.windowMs);
      this.failures.set(lockoutKey(email), window);
    }
    window.hit(this.clock.now());
    if (this.failures.size > 10_000) this.prune();
  }

  private prune(): void {
    const now = this.clock.now();
    for (const [email, window] of this.failures) if (!window.isFull(now) && window.empty) this.failures.delete(email);
  }
}

export const lockoutKey = (email: string) => email.trim().toLowerCase();
