import type { MySession, MySessionBucket } from '../../shared/api/me';
import type { InviteRole } from '../../shared/roles';
import type { AccountRow } from '../db/account-store';
import type { InviteStore } from '../db/invite-store';
import type { SessionListItem, SessionStore } from '../db/session-store';

// An account's interviews: those it was scheduled into, through invites that still work and in
// roles it still holds; an admin account sees every session. Newest first.

export function mySessions(account: AccountRow, deps: { invites: InviteStore; sessions: SessionStore; now: number }): MySession[] {
  if (account.roles.includes('admin')) return deps.sessions.list().map((item) => view(item, ['interviewer', 'reviewer']));
  const roles = new Map<string, Set<InviteRole>>();
  for (const invite of deps.invites.forAccount(account.id)) {
    if (invite.revokedAt !== null || invite.expiresAt <= deps.now) continue;
    if (invite.role === 'candidate' || !account.roles.includes(invite.role)) continue;
    const held = roles.get(invite.sessionId) ?? new Set<InviteRole>();
    held.add(invite.role);
    roles.set(invite.sessionId, held);
  }
  const result: MySession[] = [];
  for (const [sessionId, held] of roles) {
    const item = deps.sessions.item(sessionId);
    if (item) result.push(view(item, [...held].sort()));
  }
  return result.sort((a, b) => b.createdAt - a.createdAt);
}

function view(item: SessionListItem, roles: InviteRole[]): MySession {
  return {
    id: item.id,
    exerciseTitle: item.exerciseTitle,
    // A blind review hides the name from reviewers; the list does not open every log to know.
    candidateName: roles.includes('interviewer') ? item.candidateName : null,
    bucket: bucketOf(item),
    roles,
    scheduledFor: item.scheduledFor,
    startedAt: item.startedAt,
    endedAt: item.endedAt,
    createdAt: item.createdAt,
  };
}

function bucketOf(item: SessionListItem): MySessionBucket {
  if (item.status === 'scheduled') return 'upcoming';
  if (item.status === 'live') return 'live';
  return item.reviewed ? 'reviewed' : 'to_review';
}
