import type { WebhookEventType } from '../../shared/api/webhooks';
import type { SessionState } from '../../shared/state';
import { reviewedAtOf } from '../db/session-store';

// The moments integrations hear about, read off the reduced state before and after an append
// (session.scheduled and session.erased are not events of the log: their code paths name them).

/**
 * A session is reviewed once it has ended and every assigned reviewer submitted, in whichever
 * order — the same rule as the sessions list (`reviewerIds`: its reviewer invites in force).
 */
export function isReviewed(state: SessionState, reviewerIds: readonly string[]): boolean {
  return state.status === 'ended' && reviewedAtOf(state, reviewerIds) !== null;
}

export function lifecycleChanges(before: SessionState, after: SessionState, reviewerIds: readonly string[]): WebhookEventType[] {
  const changes: WebhookEventType[] = [];
  if (before.startedAt === null && after.startedAt !== null) changes.push('session.started');
  if (before.status !== 'ended' && after.status === 'ended') changes.push('session.ended');
  if (!isReviewed(before, reviewerIds) && isReviewed(after, reviewerIds)) changes.push('session.reviewed');
  return changes;
}
