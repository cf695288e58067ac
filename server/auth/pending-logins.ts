import { createHash } from 'node:crypto';
import type { Clock } from '../clock';
import type { SharedRedis } from '../plugins/redis';

// Single sign-on logins between their start (the redirect to the identity provider) and their
// callback: the PKCE verifier and the nonce, under the login's state, each taken once. In this
// process by default; with REDIS_URL in Redis, so that the callback may land on any node.

export interface PendingLogin {
  verifier: string;
  nonce: string;
  expiresAt: number;
}

export interface PendingLogins {
  put(state: string, login: PendingLogin): Promise<void>;
  /** The login started under `state`, removed as it is read (so a replayed callback finds nothing). */
  take(state: string): Promise<PendingLogin | undefined>;
}

const MAX_PENDING = 10_000;

export class LocalPendingLogins implements PendingLogins {
  private readonly pending = new Map<string, PendingLogin>();

  constructor(private readonly clock: Clock) {}

  async put(state: string, login: PendingLogin): Promise<void> {
    const now = this.clock.now();
    for (const [key, old] of this.pending) if (old.expiresAt <= now) this.pending.delete(key);
    // A flood of started logins cannot grow memory without bound: the oldest go first.
    while (this.pending.size >= MAX_PENDING) this.pending.delete(this.pending.keys().next().value!);
    this.pending.set(state, login);
  }

  async take(state: string): Promise<PendingLogin | undefined> {
    const login = this.pending.get(state);
    this.pending.delete(state);
    return login;
  }
}

/**
 * In Redis, under a SHA-256 of the state, expiring with the login (SET PX), taken with GETDEL:
 * two callbacks with the same state on two nodes cannot both find it. If Redis does not answer
 * when a login starts, it is kept in this process (its callback then works on this node only).
 */
export class RedisPendingLogins implements PendingLogins {
  private readonly fallback: LocalPendingLogins;

  constructor(
    private readonly clock: Clock,
    private readonly redis: SharedRedis,
  ) {
    this.fallback = new LocalPendingLogins(clock);
  }

  async put(state: string, login: PendingLogin): Promise<void> {
    const ttl = Math.max(1, login.expiresAt - this.clock.now());
    try {
      await this.redis.client.set(this.keyOf(state), JSON.stringify(login), 'PX', ttl);
    } catch {
      await this.fallback.put(state, login);
    }
  }

  async take(state: string): Promise<PendingLogin | undefined> {
    const stored = await this.redis.client.getdel(this.keyOf(state)).catch(() => null);
    if (stored) return JSON.parse(stored) as PendingLogin;
    return this.fallback.take(state);
  }

  private keyOf(state: string): string {
    return `${this.redis.prefix}oidc-login:${createHash('sha256').update(state).digest('hex')}`;
  }
}
