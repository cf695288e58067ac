import Type, { type Static } from 'typebox';

// A candidate's rights (admin): erasure of every session held about them, and access to
// everything held about them. Both match the candidate exactly, ignoring case.

const Subject = {
  candidateEmail: Type.Optional(Type.String({ minLength: 3, maxLength: 254 })),
  candidateName: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
};

export const EraseCandidateBody = Type.Object(Subject, { additionalProperties: false });

/** Who a request is about: exactly one of the two (the routes refuse both and neither). */
export type CandidateSubject = { candidateEmail: string } | { candidateName: string };
const _subjectFits: CandidateSubject extends Static<typeof EraseCandidateBody> ? true : never = true;
void _subjectFits;

export const ErasedSession = Type.Object({
  id: Type.String(),
  candidateName: Type.Union([Type.String(), Type.Null()]),
  candidateEmail: Type.Union([Type.String(), Type.Null()]),
  exerciseId: Type.String(),
  status: Type.String(),
  createdAt: Type.Number(),
  events: Type.Integer(),
  notes: Type.Integer(),
  invites: Type.Integer(),
});
export type ErasedSession = Static<typeof ErasedSession>;

export const CandidateErasure = Type.Object({ erased: Type.Array(ErasedSession) });
export type CandidateErasure = Static<typeof CandidateErasure>;

export const CandidateExportQuery = Type.Object(
  { ...Subject, includeStaffEvents: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);

export const CANDIDATE_EXPORT_FORMAT = 'atelier-candidate-export' as const;

/** The file; its sessions are described in docs/api.md (server/privacy/candidate-export.ts builds them). */
export const CandidateExportFile = Type.Object({
  format: Type.Literal(CANDIDATE_EXPORT_FORMAT),
  formatVersion: Type.Literal(1),
  exportedAt: Type.Number(),
  subject: Type.Object(Subject),
  includesStaffEvents: Type.Boolean(),
  sessions: Type.Array(Type.Object({}, { additionalProperties: true })),
});
export type CandidateExportFile = Static<typeof CandidateExportFile>;
