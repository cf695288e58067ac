import Type, { type Static } from 'typebox';

// Greenhouse's Assessment Partner API, served by Atelier, in Greenhouse's own shapes and
// snake_case (grnhse/greenhouse-api-docs, source/includes/assessment/*.md), and the admin's
// side of it: the API keys Greenhouse authenticates with, and the integration's settings.

const Text = (maxLength: number) => Type.String({ maxLength });
/** Greenhouse sends null for a property without a value. */
const Nullable = (maxLength: number) => Type.Union([Type.String({ maxLength }), Type.Null()]);

export const PartnerTest = Type.Object({ partner_test_id: Type.String(), partner_test_name: Type.String() });
export const PartnerTestList = Type.Array(PartnerTest);
export type PartnerTestList = Static<typeof PartnerTestList>;

/**
 * The one open object of the REST API: Greenhouse "reserves the right to add more properties to
 * objects" and has added candidate fields over the years (preferred_name in 2025), so a
 * candidate with a field we do not know must not fail send_test. The fields below are checked;
 * any other is ignored, never stored (tests/server/closed-bodies.test.ts names this exception).
 */
export const GreenhouseCandidate = Type.Object(
  {
    first_name: Nullable(200),
    last_name: Nullable(200),
    preferred_name: Type.Optional(Nullable(200)),
    email: Type.String({ minLength: 3, maxLength: 320 }),
    resume_url: Type.Optional(Nullable(2000)),
    phone_number: Type.Optional(Nullable(100)),
    greenhouse_profile_url: Type.Optional(Nullable(2000)),
  },
  { additionalProperties: true, maxProperties: 64 },
);

export const SendTestBody = Type.Object(
  {
    partner_test_id: Text(64),
    candidate: GreenhouseCandidate,
    sent_by: Type.Optional(Nullable(320)),
    url: Type.String({ minLength: 1, maxLength: 2000, description: 'Where Atelier PATCHes once the test is complete' }),
  },
  { additionalProperties: false },
);
export type SendTestBody = Static<typeof SendTestBody>;

export const SendTestAnswer = Type.Object({ partner_interview_id: Type.String() });

export const TestStatusQuery = Type.Object(
  { partner_interview_id: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
);

export const PartnerStatus = Type.Union([
  Type.Literal('scheduled'),
  Type.Literal('in_progress'),
  Type.Literal('awaiting_review'),
  Type.Literal('complete'),
]);
export type PartnerStatus = Static<typeof PartnerStatus>;

export const TestStatus = Type.Object({
  partner_status: PartnerStatus,
  /** A signed, expiring report link, readable without an account; null until complete. */
  partner_profile_url: Type.Union([Type.String(), Type.Null()]),
  /** The reviewers' mean rubric level, only when the admin enabled sending it. */
  partner_score: Type.Optional(Type.Number()),
  metadata: Type.Optional(Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]))),
});
export type TestStatus = Static<typeof TestStatus>;

export const ResponseErrorBody = Type.Object(
  {
    api_call: Text(100),
    errors: Type.Array(Text(2000), { maxItems: 100 }),
    partner_test_id: Type.Optional(Nullable(64)),
    partner_test_name: Type.Optional(Nullable(500)),
    partner_interview_id: Type.Optional(Nullable(64)),
    /** Accepted and dropped: an email in this log would outlive the candidate's erasure. */
    candidate_email: Type.Optional(Nullable(320)),
  },
  { additionalProperties: false },
);
export type ResponseErrorBody = Static<typeof ResponseErrorBody>;

export const ResponseErrorAnswer = Type.Object({ status: Type.Literal(200) });

// The admin's side.

export const GreenhouseKey = Type.Object({
  id: Type.String(),
  name: Type.String(),
  createdAt: Type.Number(),
  revokedAt: Type.Union([Type.Number(), Type.Null()]),
  lastUsedAt: Type.Union([Type.Number(), Type.Null()]),
});
export type GreenhouseKey = Static<typeof GreenhouseKey>;

export const GreenhouseKeyList = Type.Object({ keys: Type.Array(GreenhouseKey) });
export type GreenhouseKeyList = Static<typeof GreenhouseKeyList>;

export const GreenhouseKeyCreate = Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false });
export type GreenhouseKeyCreate = Static<typeof GreenhouseKeyCreate>;

export const IssuedGreenhouseKey = Type.Object({
  key: GreenhouseKey,
  apiKey: Type.String({
    description: 'Shown once; only its hash is stored. Greenhouse sends it as the Basic username, with an empty password',
  }),
});
export type IssuedGreenhouseKey = Static<typeof IssuedGreenhouseKey>;

export const GreenhouseKeyParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

export const GreenhouseSettings = Type.Object({
  /** Send the reviewers' mean score as partner_score. */
  sendScore: Type.Boolean(),
  /** Email the candidate their invite on send_test (needs ATELIER_SMTP_URL). */
  emailInvites: Type.Boolean(),
  /** The Basic credentials of the completion PATCH; the password is never shown. */
  patchUsername: Type.Union([Type.String(), Type.Null()]),
  patchPasswordSet: Type.Boolean(),
});
export type GreenhouseSettings = Static<typeof GreenhouseSettings>;

export const GreenhouseSettingsPatch = Type.Object(
  {
    sendScore: Type.Optional(Type.Boolean()),
    emailInvites: Type.Optional(Type.Boolean()),
    patchUsername: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 200 }), Type.Null()])),
    patchPassword: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
  },
  { additionalProperties: false },
);
export type GreenhouseSettingsPatch = Static<typeof GreenhouseSettingsPatch>;

export const GreenhouseInterview = Type.Object({
  partnerInterviewId: Type.String(),
  sessionId: Type.String(),
  partnerTestId: Type.String(),
  createdAt: Type.Number(),
  /** The completion PATCH, once the session is reviewed. */
  completion: Type.Union([Type.Object({ deliveryId: Type.String(), status: Type.String(), attempts: Type.Integer() }), Type.Null()]),
});
export const GreenhouseInterviewList = Type.Object({ interviews: Type.Array(GreenhouseInterview) });
export type GreenhouseInterviewList = Static<typeof GreenhouseInterviewList>;

export const GreenhouseErrorEntry = Type.Object({
  id: Type.Integer(),
  at: Type.Number(),
  apiCall: Type.String(),
  errors: Type.Array(Type.String()),
  partnerTestId: Type.Union([Type.String(), Type.Null()]),
  partnerInterviewId: Type.Union([Type.String(), Type.Null()]),
});
export const GreenhouseErrorList = Type.Object({ errors: Type.Array(GreenhouseErrorEntry) });
export type GreenhouseErrorList = Static<typeof GreenhouseErrorList>;

export const ReportLinkParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) });

export const ReportLink = Type.Object({
  id: Type.String(),
  sessionId: Type.String(),
  createdAt: Type.Number(),
  expiresAt: Type.Number(),
  revokedAt: Type.Union([Type.Number(), Type.Null()]),
});
export const ReportLinkList = Type.Object({ links: Type.Array(ReportLink) });
export type ReportLinkList = Static<typeof ReportLinkList>;
export const ReportLinkIdParams = Type.Object({ linkId: Type.String({ minLength: 1, maxLength: 64 }) });
