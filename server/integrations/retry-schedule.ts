// When a failed delivery is tried again: 30 s after the first failure, doubling up to every
// 4 hours, for at least 24 hours after the delivery was made. The first failure past that gives
// it up (the admin can still send it again). docs/api.md lists the schedule.

export const FIRST_RETRY_MS = 30_000;
export const MAX_RETRY_MS = 4 * 3_600_000;
export const RETRY_FOR_MS = 24 * 3_600_000;

/** The wait after the `attempt`-th failed attempt (1-based). */
export function retryDelayMs(attempt: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempt - 1), MAX_RETRY_MS);
}

/** Whether a delivery made at `createdAt` is still retried after failing at `now`. */
export function stillRetrying(createdAt: number, now: number): boolean {
  return now - createdAt < RETRY_FOR_MS;
}
