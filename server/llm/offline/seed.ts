// Deterministic randomness for the simulator: the same request must always give the
// same answer (replays, tests, demos), so every "random" choice derives from a hash
// of the request and its variant instead of Math.random.

/** FNV-1a, 32-bit: tiny, stable across platforms, good enough to pick templates. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** mulberry32: a seeded generator of floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The simulator's choices for one answer. `variant` says which answer this is among the answers
 * to the same messages (0 first, 1 the first regenerate…): each choice is the first answer's,
 * shifted by the variant, so a regenerated answer always picks another wording where there is
 * one, and the same variant always the same.
 */
export class Variation {
  private readonly base: () => number;
  private readonly free: () => number;

  constructor(
    seed: number,
    readonly variant: number,
  ) {
    this.base = seededRandom(seed);
    this.free = seededRandom(hashString(`${seed}:${variant}`));
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    const index = (Math.floor(this.base() * items.length) + this.variant) % items.length;
    return items[index] as T;
  }

  /** A number in [0, 1) that differs between variants (invented figures). */
  random(): number {
    return this.free();
  }
}
