import type { InviteInfo, InviteStatus, IssuedInvite } from '../../shared/api/invites';
import type { InviteRole } from '../../shared/roles';
import { hashToken, newToken } from '../auth/tokens';
import type { Transaction } from '../db/database';
import type { InviteRow, InviteStore } from '../db/invite-store';
import { newId } from '../ids';

// Invites: a random token per person and role, stored only as its hash. The token is shown
// once, when the invite is made; afterwards an invite is described by its metadata only.

export function issueInvite(
  invites: InviteStore,
  publicUrl: string,
  input: {
    sessionId: string;
    role: InviteRole;
    name: string | null;
    accountId?: string | null;
    /** The person it is for, when another invite named them first (a re-sent link). */
    participantId?: string | null;
    now: number;
    expiresAt: number;
  },
  tx?: Transaction,
): IssuedInvite {
  const token = newToken();
  const inviteId = newId();
  invites.create(
    {
      id: inviteId,
      sessionId: input.sessionId,
      role: input.role,
      tokenHash: hashToken(token),
      name: input.name,
      accountId: input.accountId ?? null,
      participantId: input.participantId ?? null,
      createdAt: input.now,
      expiresAt: input.expiresAt,
    },
    tx,
  );
  // The token rides in the fragment: browsers never send it to a server or a log.
  return { inviteId, role: input.role, name: input.name, url: `${publicUrl}/join#${token}`, token, expiresAt: input.expiresAt };
}

export function inviteInfo(row: InviteRow, now: number): InviteInfo {
  const status: InviteStatus = row.revokedAt !== null ? 'revoked' : row.expiresAt <= now ? 'expired' : 'active';
  return {
    id: row.id,
    role: row.role,
    name: row.name,
    accountId: row.accountId,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    revokedAt: row.revokedAt,
    replacedBy: row.replacedBy,
    status,
  };
}
