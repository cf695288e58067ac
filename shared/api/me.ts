import Type, { type Static } from 'typebox';
import { InviteRole } from './invites';

// "My interviews": the sessions a signed-in account was scheduled into (an admin account: all),
// in the buckets a person works through them.

export const MySessionBucket = Type.Union([
  Type.Literal('upcoming'),
  Type.Literal('live'),
  Type.Literal('to_review'),
  Type.Literal('reviewed'),
]);
export type MySessionBucket = Static<typeof MySessionBucket>;

export const MySession = Type.Object({
  id: Type.String(),
  exerciseTitle: Type.String(),
  /** Null for a reviewer-only assignment: reviewers may be reviewing blind. */
  candidateName: Type.Union([Type.String(), Type.Null()]),
  bucket: MySessionBucket,
  /** The roles this account holds in the session (an admin account: every staff role). */
  roles: Type.Array(InviteRole),
  scheduledFor: Type.Union([Type.Number(), Type.Null()]),
  startedAt: Type.Union([Type.Number(), Type.Null()]),
  endedAt: Type.Union([Type.Number(), Type.Null()]),
  createdAt: Type.Number(),
});
export type MySession = Static<typeof MySession>;

export const MySessions = Type.Object({ sessions: Type.Array(MySession) });
export type MySessions = Static<typeof MySessions>;
