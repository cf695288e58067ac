import Type, { type Static, type TSchema } from 'typebox';
import { ExerciseSnapshot, Expectation } from './exercise';
import { FinishReason, GenerationParams, TurnFailureKind, Usage } from './generation';
import type { Role as RoleName } from './roles';

export const Role = Type.Union([
  Type.Literal('candidate'),
  Type.Literal('interviewer'),
  Type.Literal('reviewer'),
  Type.Literal('admin'),
]);
// The schema and the plain type in roles.ts must name the same roles.
const _sameRoles: [Static<typeof Role>, RoleName] extends [RoleName, Static<typeof Role>] ? true : never = true;
void _sameRoles;

// The session log's vocabulary. A new kind of event is a new variant here; the reducer,
// the audience rule and the docs then fail to compile or to pass tests until they handle it.

export const Actor = Type.Object({
  role: Type.Union([Role, Type.Literal('system')]),
  /** The invite id for participants, `admin` for the admin, absent for the system. */
  participantId: Type.Optional(Type.String()),
  name: Type.Optional(Type.String()),
});
export type Actor = Static<typeof Actor>;

export const SYSTEM_ACTOR: Actor = { role: 'system' };

export const TurnRequest = Type.Object({
  system: Type.String(),
  messages: Type.Array(
    Type.Object({ role: Type.Union([Type.Literal('user'), Type.Literal('assistant')]), content: Type.String() }),
  ),
});

export const EndReason = Type.Union([
  Type.Literal('time_up'),
  Type.Literal('submitted'),
  Type.Literal('ended_by_staff'),
]);
export type EndReason = Static<typeof EndReason>;

const NullableString = Type.Union([Type.String(), Type.Null()]);

export const FlagKind = Type.Union([Type.Literal('wrong'), Type.Literal('unethical'), Type.Literal('good')]);
export type FlagKind = Static<typeof FlagKind>;

/** A link from a score to what justifies it: an instant, optionally a turn or a prompt version. */
export const Evidence = Type.Object(
  {
    at: Type.Number(),
    turnId: Type.Optional(Type.String({ maxLength: 64 })),
    versionId: Type.Optional(Type.String({ maxLength: 64 })),
  },
  { additionalProperties: false },
);
export type Evidence = Static<typeof Evidence>;

/** Event type → the schema of its `data`. */
export const EVENT_DATA = {
  'session.created': Type.Object({
    exercise: ExerciseSnapshot,
    candidateName: NullableString,
  }),
  'session.started': Type.Object({ deadline: Type.Number() }),
  'session.extended': Type.Object({ byMinutes: Type.Number(), deadline: Type.Number() }),
  'session.ended': Type.Object({ reason: EndReason }),
  'participant.joined': Type.Object({ participantId: Type.String(), role: Role, name: NullableString }),
  'participant.left': Type.Object({ participantId: Type.String() }),
  'prompt.draft': Type.Object({ text: Type.String() }),
  'prompt.version': Type.Object({
    versionId: Type.String(),
    text: Type.String(),
    label: Type.String(),
    rationale: Type.String(),
    parentId: NullableString,
  }),
  'message.sent': Type.Object({
    messageId: Type.String(),
    threadId: Type.String(),
    /** The node this message follows in the conversation tree; null starts the thread. */
    parentId: NullableString,
    text: Type.String(),
  }),
  'turn.started': Type.Object({
    turnId: Type.String(),
    threadId: Type.String(),
    /** The user message this answers; the answer becomes its child in the tree. */
    parentId: Type.String(),
    modelId: Type.String(),
    providerId: Type.String(),
    model: Type.String(),
    simulated: Type.Boolean(),
    params: GenerationParams,
    request: TurnRequest,
    promptVersionId: NullableString,
    /** Set when the turn is one case of a test run. */
    runId: Type.Optional(Type.String()),
    caseId: Type.Optional(Type.String()),
  }),
  'turn.delta': Type.Object({ turnId: Type.String(), text: Type.String() }),
  'turn.completed': Type.Object({
    turnId: Type.String(),
    text: Type.String(),
    finish: FinishReason,
    usage: Usage,
    ttftMs: Type.Union([Type.Number(), Type.Null()]),
    durationMs: Type.Number(),
    costUsd: Type.Union([Type.Number(), Type.Null()]),
    requestId: NullableString,
  }),
  'turn.failed': Type.Object({
    turnId: Type.String(),
    kind: TurnFailureKind,
    /** Calm, for the candidate; the cause goes to staff in `turn.diagnostic`. */
    message: Type.String(),
    status: Type.Union([Type.Integer(), Type.Null()]),
    retryable: Type.Boolean(),
    partialText: Type.String(),
    usage: Type.Union([Usage, Type.Null()]),
    costUsd: Type.Union([Type.Number(), Type.Null()]),
  }),
  'turn.cancelled': Type.Object({
    turnId: Type.String(),
    partialText: Type.String(),
    reason: Type.Union([Type.Literal('stopped'), Type.Literal('session_ended')]),
  }),
  'turn.diagnostic': Type.Object({
    turnId: Type.String(),
    kind: TurnFailureKind,
    /** The provider's own message, scrubbed of secrets. */
    cause: Type.String(),
    status: Type.Union([Type.Integer(), Type.Null()]),
    attempts: Type.Integer(),
  }),
  'testcase.saved': Type.Object({
    caseId: Type.String(),
    title: Type.String(),
    input: Type.String(),
    expectations: Type.Array(Expectation),
  }),
  'testcase.removed': Type.Object({ caseId: Type.String() }),
  'testrun.started': Type.Object({
    runId: Type.String(),
    /** The saved version under test; null when the run used the unsaved draft. */
    versionId: NullableString,
    system: Type.String(),
    modelId: Type.String(),
    caseIds: Type.Array(Type.String()),
    /** Cases asked for but left out: the budget left could not cover their answers in full. */
    skipped: Type.Optional(Type.Object({ caseIds: Type.Array(Type.String()), reason: Type.Literal('budget') })),
  }),
  'testrun.case.checked': Type.Object({
    runId: Type.String(),
    caseId: Type.String(),
    /** null when the case never started (run cancelled, session ended, budget used up). */
    turnId: NullableString,
    /** null when the answer failed or was cancelled: nothing to check. */
    passed: Type.Union([Type.Boolean(), Type.Null()]),
    /** `error`: why a check could not run (a pattern the linear-time engine rejects); it failed. */
    checks: Type.Array(Type.Object({ kind: Type.String(), passed: Type.Boolean(), detail: Type.String(), error: Type.Optional(Type.String()) })),
  }),
  'testrun.finished': Type.Object({
    runId: Type.String(),
    passed: Type.Integer(),
    failed: Type.Integer(),
    errored: Type.Integer(),
    cancelled: Type.Boolean(),
  }),
  'flag.set': Type.Object({
    flagId: Type.String(),
    turnId: Type.String(),
    kind: FlagKind,
    reason: Type.String(),
  }),
  'flag.cleared': Type.Object({ flagId: Type.String() }),
  'writeup.updated': Type.Object({ text: Type.String() }),
  'activity.focus': Type.Object({ visible: Type.Boolean() }),
  'activity.paste': Type.Object({ target: Type.String(), chars: Type.Integer({ minimum: 0 }) }),
  'hint.received': Type.Object({ hintId: Type.String(), text: Type.String() }),
  'note.added': Type.Object({
    noteId: Type.String(),
    text: Type.String(),
    tags: Type.Array(Type.String()),
    /** The session instant (ms since epoch) the note is pinned to. */
    pinnedAt: Type.Number(),
    turnId: NullableString,
    versionId: NullableString,
  }),
  'note.edited': Type.Object({ noteId: Type.String(), text: Type.String(), tags: Type.Array(Type.String()) }),
  'note.deleted': Type.Object({ noteId: Type.String() }),
  'score.set': Type.Object({
    criterionId: Type.String(),
    /** 1–5; null clears the score. */
    level: Type.Union([Type.Integer({ minimum: 1, maximum: 5 }), Type.Null()]),
    comment: Type.String(),
    evidence: Type.Array(Evidence),
  }),
  'question.marked': Type.Object({ questionId: Type.String(), asked: Type.Boolean(), notes: Type.String() }),
  'review.submitted': Type.Object({}),
  /** How the review is run: blind hides the candidate's identity from reviewers. */
  'review.configured': Type.Object({ blind: Type.Boolean() }),
} as const satisfies Record<string, TSchema>;

export type EventType = keyof typeof EVENT_DATA;
export const EVENT_TYPES = Object.keys(EVENT_DATA) as EventType[];

export type EventData<T extends EventType> = Static<(typeof EVENT_DATA)[T]>;

/** An event before the log gives it a seq and a time. */
export type EventDraft = { [T in EventType]: { type: T; actor: Actor; data: EventData<T> } }[EventType];

/** A committed event: `seq` is per session, from 1, gapless; `at` is the server clock in ms. */
export type SessionEvent = EventDraft & { seq: number; at: number };

/** Its schema, one variant per type; Unsafe: a union mapped from the type list is typed by the type above. */
export const SessionEvent = Type.Unsafe<SessionEvent>(
  Type.Union(EVENT_TYPES.map((type) => Type.Object({ seq: Type.Integer({ minimum: 1 }), at: Type.Number(), type: Type.Literal(type), actor: Actor, data: EVENT_DATA[type] }))),
);

export type EventOf<T extends EventType> = Extract<SessionEvent, { type: T }>;

export function draft<T extends EventType>(type: T, actor: Actor, data: EventData<T>): EventDraft {
  return { type, actor, data } as EventDraft;
}
