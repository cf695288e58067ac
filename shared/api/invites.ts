import Type, { type Static } from 'typebox';
import { LIMITS } from '../limits';
import type { InviteRole as InviteRoleName } from '../roles';

// Invites: one link per person and role. The token is shown once, when the invite is made;
// afterwards an invite is described by its metadata only.

export const InviteRole = Type.Union([Type.Literal('candidate'), Type.Literal('interviewer'), Type.Literal('reviewer')]);
// The schema and the plain list in roles.ts (which the client imports) must name the same roles.
const _sameRoles: [Static<typeof InviteRole>, InviteRoleName] extends [InviteRoleName, Static<typeof InviteRole>] ? true : never = true;
void _sameRoles;

export const InviteStatus = Type.Union([Type.Literal('active'), Type.Literal('expired'), Type.Literal('revoked')]);
export type InviteStatus = Static<typeof InviteStatus>;

/** An invite as issued: the only time its token and link are shown. */
export const IssuedInvite = Type.Object({
  inviteId: Type.String(),
  role: InviteRole,
  name: Type.Union([Type.String(), Type.Null()]),
  url: Type.String(),
  token: Type.String({ description: 'Shown once; only its hash is stored' }),
  expiresAt: Type.Number(),
});
export type IssuedInvite = Static<typeof IssuedInvite>;

export const InviteInfo = Type.Object({
  id: Type.String(),
  role: InviteRole,
  name: Type.Union([Type.String(), Type.Null()]),
  /** The staff account it was scheduled for, or null for a link-only invite. */
  accountId: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.Number(),
  expiresAt: Type.Number(),
  revokedAt: Type.Union([Type.Number(), Type.Null()]),
  /** The invite that replaced this one when it was re-sent (it is then `revoked`), else null. */
  replacedBy: Type.Union([Type.String(), Type.Null()]),
  status: InviteStatus,
});
export type InviteInfo = Static<typeof InviteInfo>;

export const InviteList = Type.Object({ invites: Type.Array(InviteInfo) });
export type InviteList = Static<typeof InviteList>;

export const IssueInviteBody = Type.Object(
  {
    role: InviteRole,
    name: Type.Optional(Type.String({ maxLength: LIMITS.maxNameChars })),
    ttlHours: Type.Optional(Type.Integer({ minimum: 1, maximum: 24 * 366, description: 'Default ATELIER_INVITE_TTL_DAYS' })),
    expiresAt: Type.Optional(Type.Integer({ minimum: 0, description: 'An absolute expiry, ms since epoch, instead of ttlHours' })),
  },
  { additionalProperties: false },
);
export type IssueInviteBody = Static<typeof IssueInviteBody>;

export const InviteParams = Type.Object({ inviteId: Type.String({ minLength: 1, maxLength: 64 }) });

/** A re-sent invite: the old link, now revoked and replaced, and the new one for the same person and role. */
export const ResentInvite = Type.Object({
  replaced: InviteInfo,
  issued: IssuedInvite,
  /** The candidate's new link by email, when email is configured and the session has their address; else null. */
  email: Type.Union([Type.Object({ sent: Type.Boolean(), to: Type.String(), error: Type.Optional(Type.String()) }), Type.Null()]),
});
export type ResentInvite = Static<typeof ResentInvite>;
