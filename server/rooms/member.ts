import type { Actor } from '../../shared/events';
import type { Role } from '../../shared/roles';

/**
 * Who a socket or a command acts as in one session: an invite's holder, or the admin. Not to be
 * confused with the log's record of who took part and whether they are online (`Participant`
 * in shared/state.ts), which a member's joining and leaving update.
 */
export interface Member {
  /** The invite's id; `admin` for the admin. */
  participantId: string;
  inviteId: string | null;
  role: Role;
  name: string | null;
  /** The staff account acting, if any (an invite scheduled for it, or a signed-in admin account). */
  accountId: string | null;
  /** Set when the account connected with one of its API tokens: revoking the token closes the socket. */
  apiTokenId?: string;
}

/** How a member's events name them in the log. The admin token carries no name; an account carries its id and name. */
export function actorOf(member: Member): Actor {
  const account = member.accountId ? { accountId: member.accountId } : {};
  return member.role === 'admin' && !member.accountId
    ? { role: member.role, participantId: member.participantId }
    : { role: member.role, participantId: member.participantId, ...(member.name ? { name: member.name } : {}), ...account };
}
