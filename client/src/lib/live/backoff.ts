// Reconnect delays: exponential with "equal jitter", so a server restart is not hit by every
// client at the same instant, and a short blip still reconnects fast.

export const BACKOFF = { baseMs: 500, maxMs: 15_000 } as const;

export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF.maxMs, BACKOFF.baseMs * 2 ** attempt);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
