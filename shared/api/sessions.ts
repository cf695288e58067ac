import Type, { type Static } from 'typebox';
import { LIMITS } from '../limits';
import type { PackedEntry } from '../packed-log';
import type { SessionStatus as SessionStatusName } from '../state';
import { InviteInfo, IssuedInvite } from './invites';

// Sessions (admin): schedule, list, read, erase; and what every participant of a session may
// read of it (its log, its models).

export const SessionParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
export type SessionParams = Static<typeof SessionParams>;

/** Which of the browser's invite cookies for this session answers (one browser may hold several). */
export const RoleQuery = Type.Object({ role: Type.Optional(Type.String({ maxLength: 20 })) });
export type RoleQuery = Static<typeof RoleQuery>;

export const SessionStatus = Type.Union([Type.Literal('scheduled'), Type.Literal('live'), Type.Literal('ended')]);
const _sameStatus: [Static<typeof SessionStatus>, SessionStatusName] extends [SessionStatusName, Static<typeof SessionStatus>]
  ? true
  : never = true;
void _sameStatus;

/** The list filter's statuses: the lifecycle, plus "reviewed" (ended, and every assigned reviewer submitted). */
export const SessionListStatus = Type.Union([SessionStatus, Type.Literal('reviewed')], {
  description: '"ended" includes reviewed sessions; "reviewed" only those every assigned reviewer submitted',
});
export type SessionListStatus = Static<typeof SessionListStatus>;

/** One staff member: a name for a guest's invite link, or an account (its name is the account's). */
const StaffEntry = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: LIMITS.maxNameChars })),
    accountId: Type.Optional(
      Type.String({ minLength: 1, maxLength: 64, description: 'A staff account holding this role; it opens the session by signing in' }),
    ),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const ScheduleRequest = Type.Object(
  {
    exercise: Type.Optional(
      Type.String({ minLength: 1, maxLength: 100, description: 'Exercise id or slug; default: the built-in exercise' }),
    ),
    candidateName: Type.Optional(Type.String({ maxLength: LIMITS.maxNameChars })),
    candidateEmail: Type.Optional(Type.String({ format: 'email', maxLength: 254 })),
    interviewers: Type.Optional(
      Type.Array(StaffEntry, {
        minItems: 1,
        maxItems: 20,
        description: 'One invite each, named or for an account; default: one unnamed invite',
      }),
    ),
    reviewers: Type.Optional(
      Type.Array(StaffEntry, {
        minItems: 1,
        maxItems: 20,
        description: 'One invite each, named or for an account; default: one unnamed invite',
      }),
    ),
    scheduledFor: Type.Optional(
      Type.Integer({ minimum: 0, description: 'When the session is planned, ms since epoch; invites last from then' }),
    ),
    inviteTtlHours: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 24 * 366, description: 'Invite lifetime; default ATELIER_INVITE_TTL_DAYS' }),
    ),
    blindReview: Type.Optional(Type.Boolean({ description: "Hide the candidate's name and identity from reviewers" })),
    emailInvite: Type.Optional(
      Type.Boolean({ description: "Email the candidate's invite to candidateEmail (needs ATELIER_SMTP_URL; 409 without it)" }),
    ),
  },
  { additionalProperties: false },
);
export type ScheduleRequest = Static<typeof ScheduleRequest>;

/** The link of an invite, without who it is for. */
export const InviteLink = Type.Object({ url: Type.String(), token: Type.String(), expiresAt: Type.Number() });
export type InviteLink = Static<typeof InviteLink>;

export const CreatedSession = Type.Object({
  id: Type.String(),
  /** The first invite of each role (kept for integrations written before named invites). */
  invites: Type.Object(
    { candidate: InviteLink, interviewer: InviteLink, reviewer: InviteLink },
    { description: 'The first invite of each role' },
  ),
  /** Every invite: the candidate, then each interviewer, then each reviewer. */
  participants: Type.Array(IssuedInvite),
  /** With emailInvite: whether the candidate's invite went out (the session exists either way). */
  inviteEmail: Type.Optional(Type.Object({ sent: Type.Boolean(), error: Type.Optional(Type.String()) })),
});
export type CreatedSession = Static<typeof CreatedSession>;

export const SessionListQuery = Type.Object(
  {
    status: Type.Optional(SessionListStatus),
    exercise: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Exercise id or slug' })),
    q: Type.Optional(Type.String({ maxLength: 200, description: "Part of the candidate's name or email" })),
    reviewer: Type.Optional(Type.String({ maxLength: 200, description: "Part of a reviewer's name" })),
    minScore: Type.Optional(Type.Number({ minimum: 1, maximum: 5, description: 'Mean rubric level at least' })),
    maxScore: Type.Optional(Type.Number({ minimum: 1, maximum: 5, description: 'Mean rubric level at most' })),
  },
  { additionalProperties: false },
);
export type SessionListQuery = Static<typeof SessionListQuery>;

const NullableNumber = Type.Union([Type.Number(), Type.Null()]);

export const SessionListItem = Type.Object({
  id: Type.String(),
  candidateName: Type.Union([Type.String(), Type.Null()]),
  candidateEmail: Type.Union([Type.String(), Type.Null()]),
  exerciseId: Type.String(),
  exerciseVersion: Type.Integer(),
  exerciseTitle: Type.String(),
  status: SessionStatus,
  reviewed: Type.Boolean({
    description: 'Ended, and every assigned reviewer (reviewer invite not revoked) submitted their review; interviewers do not count',
  }),
  /** When the last assigned reviewer submitted. */
  reviewedAt: NullableNumber,
  createdAt: Type.Number(),
  scheduledFor: NullableNumber,
  startedAt: NullableNumber,
  endedAt: NullableNumber,
  deadline: NullableNumber,
  timeLeftMs: Type.Union([Type.Number(), Type.Null()], { description: 'For a live session: until the deadline, by the server clock' }),
  turns: Type.Integer(),
  inputTokens: Type.Integer(),
  outputTokens: Type.Integer(),
  costUsd: Type.Number(),
  /** Mean rubric level over every score given, null before any. */
  scoreMean: Type.Union([Type.Number(), Type.Null()]),
  /** Names of the session's reviewers (their invites). */
  reviewers: Type.Array(Type.String()),
});
export type SessionListItem = Static<typeof SessionListItem>;

export const SessionList = Type.Object({ now: Type.Number(), sessions: Type.Array(SessionListItem) });
export type SessionList = Static<typeof SessionList>;

export const SessionDetail = Type.Object({ ...SessionListItem.properties, invites: Type.Array(InviteInfo) });
export type SessionDetail = Static<typeof SessionDetail>;

/** What DELETE /api/sessions/:id erased. */
export const SessionErasure = Type.Object({
  erased: Type.Object({ id: Type.String(), events: Type.Integer(), notes: Type.Integer(), invites: Type.Integer() }),
});
export type SessionErasure = Static<typeof SessionErasure>;

export const SessionLogQuery = Type.Object({
  after: Type.Optional(Type.Integer({ minimum: 0 })),
  role: Type.Optional(Type.String({ description: "Which of this browser's invites to read as, when it holds several" })),
  pack: Type.Optional(
    Type.Literal('deltas', {
      description: 'Streamed deltas as [seq, at, turnId, text] arrays instead of event objects (docs/protocol.md)',
    }),
  ),
  omit: Type.Optional(
    Type.Literal('settled-deltas', {
      description: 'Leave out the deltas of turns that have ended (their end event has the whole text); `omitted` counts them',
    }),
  ),
});
export type SessionLogQuery = Static<typeof SessionLogQuery>;

/** Events, and with `pack=deltas` deltas as arrays (shared/packed-log.ts); not checked item by item (Unsafe: typed as what the reader unpacks). */
export const SessionLog = Type.Object({
  events: Type.Array(Type.Unsafe<PackedEntry>(Type.Unknown())),
  omitted: Type.Optional(Type.Integer()),
});
export type SessionLog = Static<typeof SessionLog>;

export const ModelOption = Type.Object({
  id: Type.String(),
  label: Type.String(),
  simulated: Type.Boolean(),
  /** Generation parameters this model does not take: the picker says so instead of offering them. */
  unsupportedParams: Type.Array(Type.String()),
});
export type ModelOption = Static<typeof ModelOption>;

export const SessionModels = Type.Object({ models: Type.Array(ModelOption), defaultModel: Type.String() });
export type SessionModels = Static<typeof SessionModels>;
