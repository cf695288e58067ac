import { randomBytes } from 'node:crypto';
import { LIMITS } from '../../shared/limits';
import type { SharedRedis } from '../plugins/redis';
import { ParticipantLimits, type FrameRefusal, type LiveRates, type ParticipantBudgets, type SocketSlot } from './participant-limits';

// The live channel's participant budgets shared by every node through Redis (REDIS_URL): a
// candidate whose sockets are spread over several nodes has one frame budget, one handshake
// budget and one cap on open sockets, not one per node.
//
// - Handshakes: INCR of a fixed wall-clock minute per participant, awaited before the upgrade.
// - Frames: counted on the hot path, which cannot wait for Redis. Each accepted frame is added
//   to the participant's minute in Redis (HINCRBY, not awaited); the totals Redis answers —
//   every node's frames — are what the next frames are judged against, plus this node's frames
//   not yet answered. So the shared budget holds within one round trip to Redis.
// - Open sockets: a sorted set per participant of the sockets every node holds, each scored by
//   the time its slot expires. A node renews its sockets' slots every SLOT_RENEW_MS, so a node
//   that dies stops counting once SLOT_TTL_MS has passed. Taken by a script (count, then add).
// This node's own counts (ParticipantLimits) still apply, and are what holds if Redis does not
// answer: a Redis failure lets frames, handshakes and sockets through rather than refusing them.

const WINDOW_MS = 60_000;
export const SLOT_TTL_MS = 30_000;
const SLOT_RENEW_MS = 10_000;

/** KEYS[1] the participant's set; ARGV: now, cap, expiry, member, key ttl. 1 when taken. */
const TAKE_SLOT = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[3], ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return 1
`;

interface SharedWindow {
  window: number;
  /** Every node's frames and characters this minute, as Redis last answered. */
  count: number;
  chars: number;
  /** This node's frames sent to Redis and not yet answered. */
  pending: number;
  pendingChars: number;
}

export class SharedParticipantLimits implements ParticipantBudgets {
  private readonly local: ParticipantLimits;
  private readonly windows = new Map<string, SharedWindow>();
  /** This node's open sockets: member → the participant's set key. */
  private readonly slots = new Map<string, string>();
  private readonly renewal: NodeJS.Timeout;
  private readonly node = randomBytes(6).toString('hex');
  /** Frame counts sent to Redis and not yet answered. */
  private readonly inFlight = new Set<Promise<void>>();
  private slotCount = 0;
  private sweptAt = 0;

  constructor(
    private readonly rates: LiveRates,
    private readonly redis: SharedRedis,
    private readonly socketsPerParticipant: number = LIMITS.socketsPerParticipant,
  ) {
    this.local = new ParticipantLimits(rates, socketsPerParticipant);
    this.renewal = setInterval(() => this.renewSlots(), SLOT_RENEW_MS);
    this.renewal.unref();
  }

  hitFrame(participantKey: string, chars: number, now: number): FrameRefusal | null {
    const window = Math.floor(now / WINDOW_MS);
    this.sweep(window);
    let shared = this.windows.get(participantKey);
    if (!shared || shared.window !== window) {
      shared = { window, count: 0, chars: 0, pending: 0, pendingChars: 0 };
      this.windows.set(participantKey, shared);
    }
    if (shared.count + shared.pending >= this.rates.framesPerMinute) return 'frames';
    if (shared.chars + shared.pendingChars + chars > this.rates.frameCharsPerMinute) return 'chars';
    const refusal = this.local.hitFrame(participantKey, chars, now);
    if (refusal) return refusal;
    shared.pending += 1;
    shared.pendingChars += chars;
    const key = `${this.redis.prefix}live-frames:${participantKey}:${window}`;
    const counted = shared;
    const sent: Promise<void> = this.redis.client
      .multi()
      .hincrby(key, 'count', 1)
      .hincrby(key, 'chars', chars)
      .pexpire(key, 2 * WINDOW_MS)
      .exec()
      .then((replies) => {
        const count = Number(replies?.[0]?.[1]);
        const total = Number(replies?.[1]?.[1]);
        // Replies come back in order; the largest total seen is the latest.
        if (Number.isFinite(count)) counted.count = Math.max(counted.count, count);
        if (Number.isFinite(total)) counted.chars = Math.max(counted.chars, total);
      })
      .catch(() => undefined)
      .finally(() => {
        counted.pending -= 1;
        counted.pendingChars -= chars;
        this.inFlight.delete(sent);
      });
    this.inFlight.add(sent);
    return null;
  }

  async hitHandshake(participantKey: string, now: number): Promise<boolean> {
    if (!this.local.hitHandshake(participantKey, now)) return false;
    const key = `${this.redis.prefix}live-handshakes:${participantKey}:${Math.floor(now / WINDOW_MS)}`;
    try {
      const replies = await this.redis.client
        .multi()
        .incr(key)
        .pexpire(key, 2 * WINDOW_MS)
        .exec();
      return Number(replies?.[0]?.[1]) <= this.rates.handshakesPerMinute;
    } catch {
      return true;
    }
  }

  async openSocket(socketKey: string): Promise<SocketSlot | null> {
    const key = `${this.redis.prefix}live-sockets:${socketKey}`;
    const member = `${this.node}:${++this.slotCount}`;
    const now = Date.now();
    let taken: unknown;
    try {
      taken = await this.redis.client.eval(TAKE_SLOT, 1, key, now, this.socketsPerParticipant, now + SLOT_TTL_MS, member, 2 * SLOT_TTL_MS);
    } catch {
      taken = 1; // Redis is away: the room's own cap on this node still holds.
    }
    if (Number(taken) !== 1) return null;
    this.slots.set(member, key);
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.slots.delete(member);
        this.redis.client.zrem(key, member).catch(() => undefined);
      },
    };
  }

  /** Resolves once Redis has answered every frame count sent so far (tests; a clean stop). */
  async settled(): Promise<void> {
    await Promise.all([...this.inFlight]);
  }

  /** Stops renewing this node's slots (the app is closing; they expire on their own). */
  close(): void {
    clearInterval(this.renewal);
  }

  private renewSlots(): void {
    if (this.slots.size === 0) return;
    const expiry = Date.now() + SLOT_TTL_MS;
    const batch = this.redis.client.pipeline();
    for (const [member, key] of this.slots) batch.zadd(key, 'XX', expiry, member).pexpire(key, 2 * SLOT_TTL_MS);
    batch.exec().catch(() => undefined);
  }

  /** At most once a window: forget the participants whose minute has ended. */
  private sweep(window: number): void {
    if (window === this.sweptAt) return;
    this.sweptAt = window;
    for (const [key, shared] of this.windows) if (shared.window !== window && shared.pending === 0) this.windows.delete(key);
  }
}
