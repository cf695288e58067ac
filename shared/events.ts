import Type, { type Static, type TSchema } from 'typebox';
import { ExerciseSnapshot } from './exercise';
import { Role } from './roles';

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

export const FinishReason = Type.Object({
  unified: Type.String(),
  raw: Type.Union([Type.String(), Type.Null()]),
});

export const Usage = Type.Object({
  inputTokens: Type.Integer({ minimum: 0 }),
  outputTokens: Type.Integer({ minimum: 0 }),
  estimated: Type.Boolean(),
});
export type Usage = Static<typeof Usage>;

export const GenerationParams = Type.Object({
  temperature: Type.Number(),
  topP: Type.Number(),
  maxOutputTokens: Type.Integer(),
});
export type GenerationParams = Static<typeof GenerationParams>;

export const TurnRequest = Type.Object({
  system: Type.String(),
  messages: Type.Array(
    Type.Object({ role: Type.Union([Type.Literal('user'), Type.Literal('assistant')]), content: Type.String() }),
  ),
});

export const TurnFailureKind = Type.Union([
  Type.Literal('auth'),
  Type.Literal('rate_limit'),
  Type.Literal('overloaded'),
  Type.Literal('server'),
  Type.Literal('context_length'),
  Type.Literal('bad_request'),
  Type.Literal('timeout'),
  Type.Literal('interrupted'),
  Type.Literal('network'),
  Type.Literal('unknown'),
]);
export type TurnFailureKind = Static<typeof TurnFailureKind>;

export const EndReason = Type.Union([
  Type.Literal('time_up'),
  Type.Literal('submitted'),
  Type.Literal('ended_by_staff'),
]);
export type EndReason = Static<typeof EndReason>;

const NullableString = Type.Union([Type.String(), Type.Null()]);

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
} as const satisfies Record<string, TSchema>;

export type EventType = keyof typeof EVENT_DATA;
export const EVENT_TYPES = Object.keys(EVENT_DATA) as EventType[];

export type EventData<T extends EventType> = Static<(typeof EVENT_DATA)[T]>;

/** An event before the log gives it a seq and a time. */
export type EventDraft = { [T in EventType]: { type: T; actor: Actor; data: EventData<T> } }[EventType];

/** A committed event: `seq` is per session, from 1, gapless; `at` is the server clock in ms. */
export type SessionEvent = EventDraft & { seq: number; at: number };

export type EventOf<T extends EventType> = Extract<SessionEvent, { type: T }>;

export function draft<T extends EventType>(type: T, actor: Actor, data: EventData<T>): EventDraft {
  return { type, actor, data } as EventDraft;
}
