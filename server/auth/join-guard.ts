import { AtelierError } from '../../shared/errors';
import { LIMITS } from '../../shared/limits';
import type { Clock } from '../clock';
import { RateWindow } from '../rate-window';

/**
 * Slows token guessing: an address that fails to sign in or to open a socket too often in a
 * minute is refused for a while, whatever it sends. Successful joins are not counted, so a
 * room of interviewers behind one NAT reloading their pages is never blocked.
 */
export class JoinGuard {
  private readonly failures = new Map<string, RateWindow>();

  constructor(
    private readonly clock: Clock,
    private readonly maxFailures: number = LIMITS.failedJoinsPerMinute,
    /** Hears every failure too (the count shared between nodes). */
    private readonly onFailure?: (address: string) => void,
  ) {}

  /** Throws `rate_limited` when this address has used up its failed attempts. */
  check(address: string): void {
    const window = this.failures.get(address);
    if (window?.isFull(this.clock.now())) {
      throw new AtelierError('rate_limited', 'Too many failed attempts from this address; wait a minute and try again.');
    }
  }

  recordFailure(address: string): void {
    let window = this.failures.get(address);
    if (!window) {
      window = new RateWindow(this.maxFailures, 60_000);
      this.failures.set(address, window);
    }
    window.hit(this.clock.now());
    this.onFailure?.(address);
    if (this.failures.size > 10_000) this.prune();
  }

  /** Forgets addresses whose failures have all aged out, so memory stays bounded. */
  private prune(): void {
    const now = this.clock.now();
    for (const [address, window] of this.failures) if (!window.isFull(now) && window.empty) this.failures.delete(address);
  }
}
