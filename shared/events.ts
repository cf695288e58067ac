import Type, { type Static, type TSchema } from 'typebox';
import { ExerciseSnapshot, Expectation } from './exercise';
import { FinishReason, GenerationParams, TurnFailureKind, Usage } from './generation';
import type { Role as RoleName } from './roles';

export const Role = Type.Union([Type.Literal('candidate'), Type.Literal('interviewer'), Type.Literal('reviewer'), Type.Literal('admin')]);
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
  /** The staff account that acted, when it was one (never set for the candidate). */
  accountId: Type.Optional(Type.String()),
});
export type Actor = Static<typeof Actor>;

export const SYSTEM_ACTOR: Actor = { role: 'system' };

export const TurnRequest = Type.Object({
  system: Type.String(),
  messages: Type.Array(Type.Object({ role: Type.Union([Type.Literal('user'), Type.Literal('assistant')]), content: Type.String() })),
});

export const EndReason = Type.Union([Type.Literal('time_up'), Type.Literal('submitted'), Type.Literal('ended_by_staff')]);
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

/** One automatic check of an answer, as recorded; fields beyond the first four are optional, so old logs still read. */
export const CheckRecord = Type.Object({
  kind: Type.String(),
  /** False also when ungraded. */
  passed: Type.Boolean(),
  detail: Type.String(),
  /** Why the check could not run: a pattern the linear-time engine rejects (it failed), or why a judge could not grade (ungraded). */
  error: Type.Optional(Type.String()),
  /** Nobody could grade this answer: neither passed nor failed. */
  ungraded: Type.Optional(Type.Literal(true)),
  /** json_schema: the first places the answer breaks the schema. */
  violations: Type.Optional(
    Type.Array(
      Type.Object({
        path: Type.String(),
        keyword: Type.String(),
        message: Type.String(),
        params: Type.Optional(Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()]))),
      }),
    ),
  ),
  /** llm_rubric: the judge's score (0–1) and reason, and the judging that produced them. */
  score: Type.Optional(Type.Number()),
  reason: Type.Optional(Type.String()),
  judgeId: Type.Optional(Type.String()),
  simulated: Type.Optional(Type.Boolean()),
});

export type RecordedCheck = Static<typeof CheckRecord>;

/** A judge's parsed answer. */
export const JudgeVerdict = Type.Object({
  pass: Type.Boolean(),
  score: Type.Number({ minimum: 0, maximum: 1 }),
  reason: Type.String(),
});
export type JudgeVerdict = Static<typeof JudgeVerdict>;

/** Why a judge gave no verdict: the check is then ungraded, never failed. */
export const JudgeFailureKind = Type.Union([
  Type.Literal('timeout'),
  Type.Literal('unparsable'),
  Type.Literal('provider'),
  Type.Literal('cancelled'),
  Type.Literal('interrupted'),
]);
export type JudgeFailureKind = Static<typeof JudgeFailureKind>;

export const CompareSide = Type.Union([Type.Literal('a'), Type.Literal('b')]);
export type CompareSide = Static<typeof CompareSide>;
export const CompareWinner = Type.Union([Type.Literal('a'), Type.Literal('b'), Type.Literal('tie')]);
export type CompareWinner = Static<typeof CompareWinner>;

/** The workspace's right-hand tabs, as the candidate's `view.changed` names them. */
export const WorkspaceTab = Type.Union([
  Type.Literal('brief'),
  Type.Literal('tests'),
  Type.Literal('compare'),
  Type.Literal('flags'),
  Type.Literal('writeup'),
]);
export type WorkspaceTab = Static<typeof WorkspaceTab>;

/** The conversation the candidate's centre pane shows: the chat, or the exercise's seeded one. */
export const ChatThreadView = Type.Union([Type.Literal('main'), Type.Literal('seed')]);
export type ChatThreadView = Static<typeof ChatThreadView>;

/** A staff label on an automatic check: `pass` or `fail`, decided by a person. */
export const StaffVerdict = Type.Union([Type.Literal('pass'), Type.Literal('fail')]);
export type StaffVerdict = Static<typeof StaffVerdict>;

/** Event type → the schema of its `data`. */
export const EVENT_DATA = {
  'session.created': Type.Object({
    exercise: ExerciseSnapshot,
    candidateName: NullableString,
    /** When the session is planned to start (ms); absent or null: no planned time (and in logs written before it existed). */
    plannedStart: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
  }),
  'session.started': Type.Object({ deadline: Type.Number() }),
  'session.extended': Type.Object({ byMinutes: Type.Number(), deadline: Type.Number() }),
  'session.ended': Type.Object({ reason: EndReason }),
  /** Staff let the candidate start before the planned start. */
  'session.early_start_allowed': Type.Object({}),
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
    /** Which of the case's answers in a stability run (absent: 0, the first). */
    answerIndex: Type.Optional(Type.Integer({ minimum: 0 })),
    /** Set when the turn is one side of a head-to-head comparison. */
    compareId: Type.Optional(Type.String()),
    side: Type.Optional(CompareSide),
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
    /** Answers per case (a stability run); absent: 1. */
    repeat: Type.Optional(Type.Integer({ minimum: 1, maximum: 10 })),
    /**
     * What was asked for but left out because the budget left could not cover its answers in
     * full: whole cases, or (`rounds`) repetitions of every case.
     */
    skipped: Type.Optional(
      Type.Object({
        caseIds: Type.Array(Type.String()),
        reason: Type.Literal('budget'),
        rounds: Type.Optional(Type.Integer({ minimum: 1 })),
      }),
    ),
  }),
  'testrun.case.checked': Type.Object({
    runId: Type.String(),
    caseId: Type.String(),
    /** null when the case never started (run cancelled, session ended, budget used up). */
    turnId: NullableString,
    /** Which of the case's answers (absent: 0). */
    answerIndex: Type.Optional(Type.Integer({ minimum: 0 })),
    /** null when the answer failed or was cancelled: nothing to check. False also when ungraded. */
    passed: Type.Union([Type.Boolean(), Type.Null()]),
    /** No check failed but one could not be graded (a judge gave no verdict): neither passed nor failed. */
    ungraded: Type.Optional(Type.Literal(true)),
    checks: Type.Array(CheckRecord),
  }),
  'testrun.finished': Type.Object({
    runId: Type.String(),
    /** Answers, not cases: a stability run counts each of a case's answers. */
    passed: Type.Integer(),
    failed: Type.Integer(),
    errored: Type.Integer(),
    /** Answers no check failed but a judge could not grade. */
    ungraded: Type.Optional(Type.Integer()),
    cancelled: Type.Boolean(),
  }),
  'judge.started': Type.Object({
    judgeId: Type.String(),
    runId: Type.String(),
    caseId: Type.String(),
    answerIndex: Type.Integer({ minimum: 0 }),
    /** The llm_rubric expectation's index in its case. */
    checkIndex: Type.Integer({ minimum: 0 }),
    /** The answer being graded. */
    turnId: Type.String(),
    /** The judge that grades: the pinned one, or the simulator's judge mode when that model is not configured. */
    modelId: Type.String(),
    providerId: Type.String(),
    model: Type.String(),
    simulated: Type.Boolean(),
    /** The judge the exercise pins (`judge.model`, else its default model). */
    pinnedModelId: Type.String(),
    params: GenerationParams,
    /** Exactly what was sent to the judge. */
    request: TurnRequest,
    rubric: Type.String(),
    threshold: Type.Number(),
  }),
  'judge.completed': Type.Object({
    judgeId: Type.String(),
    /** The judge's raw answer. */
    text: Type.String(),
    verdict: JudgeVerdict,
    usage: Usage,
    costUsd: Type.Union([Type.Number(), Type.Null()]),
    durationMs: Type.Number(),
  }),
  'judge.failed': Type.Object({
    judgeId: Type.String(),
    kind: JudgeFailureKind,
    /** Calm, for everyone; a provider's own cause goes to staff in `judge.diagnostic`. */
    message: Type.String(),
    /** What the judge said before it failed (all of it when unparsable). */
    text: Type.String(),
    usage: Type.Union([Usage, Type.Null()]),
    costUsd: Type.Union([Type.Number(), Type.Null()]),
  }),
  'judge.diagnostic': Type.Object({
    judgeId: Type.String(),
    kind: TurnFailureKind,
    cause: Type.String(),
    status: Type.Union([Type.Integer(), Type.Null()]),
    attempts: Type.Integer(),
  }),
  'compare.started': Type.Object({
    compareId: Type.String(),
    /** The one message both sides answer. */
    text: Type.String(),
    /** Each side's answer follows as a turn in thread `compare:<compareId>:<side>`. */
    sides: Type.Array(Type.Object({ side: CompareSide, turnId: Type.String(), versionId: NullableString })),
  }),
  'compare.verdict': Type.Object({
    compareId: Type.String(),
    winner: CompareWinner,
    reason: Type.String(),
  }),
  /** A person's verdict on an automatic check: an override when it differs from `automatic`, a confirmation when not. */
  'check.overridden': Type.Object({
    runId: Type.String(),
    caseId: Type.String(),
    answerIndex: Type.Integer({ minimum: 0 }),
    checkIndex: Type.Integer({ minimum: 0 }),
    verdict: StaffVerdict,
    /** The automatic verdict at the time. */
    automatic: Type.Union([Type.Literal('pass'), Type.Literal('fail'), Type.Literal('ungraded')]),
    reason: Type.String(),
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
  /** Where the candidate is looking: the right-hand tab, the conversation, and the last node of the branch on screen (null: none). */
  'view.changed': Type.Object({ tab: WorkspaceTab, thread: ChatThreadView, nodeId: NullableString }),
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
  Type.Union(
    EVENT_TYPES.map((type) =>
      Type.Object({ seq: Type.Integer({ minimum: 1 }), at: Type.Number(), type: Type.Literal(type), actor: Actor, data: EVENT_DATA[type] }),
    ),
  ),
);

export type EventOf<T extends EventType> = Extract<SessionEvent, { type: T }>;

export function draft<T extends EventType>(type: T, actor: Actor, data: EventData<T>): EventDraft {
  return { type, actor, data } as EventDraft;
}
