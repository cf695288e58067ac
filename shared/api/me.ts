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

// Personal API tokens of the signed-in account (managed from a signed-in browser, not with a token).

export const ApiToken = Type.Object({
  id: Type.String(),
  name: Type.String(),
  /** The token's first characters, to tell tokens apart; never enough to use it. */
  prefix: Type.String(),
  createdAt: Type.Number(),
  /** To the minute; null until first used. */
  lastUsedAt: Type.Union([Type.Number(), Type.Null()]),
});
export type ApiToken = Static<typeof ApiToken>;

export const ApiTokenList = Type.Object({ tokens: Type.Array(ApiToken) });
export type ApiTokenList = Static<typeof ApiTokenList>;

export const CreateApiTokenBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 100, pattern: '\\S', description: 'What the token is for, to recognise it later' }) },
  { additionalProperties: false },
);
export type CreateApiTokenBody = Static<typeof CreateApiTokenBody>;

export const CreatedApiToken = Type.Object({
  token: ApiToken,
  /** Send as `Authorization: Bearer <secret>`. Shown once: only its hash is kept. */
  secret: Type.String(),
});
export type CreatedApiToken = Static<typeof CreatedApiToken>;

export const ApiTokenParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
export type ApiTokenParams = Static<typeof ApiTokenParams>;
