import Type, { type Static } from 'typebox';
import { InviteRole } from './invites';

// Signing in: an admin token or an invite link's token, exchanged for a cookie. The token
// arrives in a POST body (it was in the link's fragment), so it never appears in a URL.

export const TokenBody = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });
export type TokenBody = Static<typeof TokenBody>;

/** What an invite's token opens: the session, as which role, as which participant. */
export const InviteSignIn = Type.Object({
  sessionId: Type.String(),
  role: InviteRole,
  participantId: Type.String(),
  /** When the session is planned to start (ms since epoch), or null when it was scheduled without a time. */
  plannedStart: Type.Union([Type.Number(), Type.Null()]),
  /** The server clock, so the join page counts down by it. */
  now: Type.Number(),
});
export type InviteSignIn = Static<typeof InviteSignIn>;

export const AdminStatus = Type.Object({ admin: Type.Boolean() });
export type AdminStatus = Static<typeof AdminStatus>;

/** A 204's empty body. */
export const NoContent = Type.Null();
