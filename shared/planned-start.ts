import type { SessionState } from './state';

// When the candidate may start: from a few minutes before the planned start (a candidate a
// little early is ready, not cheating), or at once once staff allowed an early start. The
// server decides with its own clock; clients use the same rule to say so before Start.

/** How early the candidate may start on their own: 5 minutes before the planned start. */
export const EARLY_START_TOLERANCE_MS = 5 * 60_000;

/** The first instant the candidate may start, or null when they may start now (no planned start, or staff allowed it). */
export function startOpensAt(state: Pick<SessionState, 'plannedStart' | 'earlyStart'>): number | null {
  if (state.plannedStart === null || state.earlyStart !== null) return null;
  return state.plannedStart - EARLY_START_TOLERANCE_MS;
}

/** Whether the candidate's Start is allowed at `now` (the server's clock). */
export function mayStartAt(state: Pick<SessionState, 'plannedStart' | 'earlyStart'>, now: number): boolean {
  const opensAt = startOpensAt(state);
  return opensAt === null || now >= opensAt;
}
