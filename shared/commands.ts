import Type, { type Static, type TSchema } from 'typebox';
import { LIMITS } from './limits';
import { ChatThreadView, CompareWinner, Evidence, FlagKind, StaffVerdict, WorkspaceTab } from './events';
import { Expectation } from './exercise';
import type { Role } from './roles';

// What a client may ask of a session. The server checks each command against the role
// table below and the current state, then appends events or answers with a typed error.

const Id = Type.String({ minLength: 1, maxLength: 64 });

/**
 * The prompt draft a command was written against (`promptHash` of shared/prompt-hash.ts): when
 * the server's draft differs, the command is refused with `prompt_changed`. Absent: the server's draft.
 */
const PromptHash = Type.String({ minLength: 1, maxLength: 32 });

/** Generation parameters a command may ask for; the exercise's bounds are checked by the server. */
const GenerationParamsInput = Type.Object(
  {
    temperature: Type.Optional(Type.Number()),
    topP: Type.Optional(Type.Number()),
    maxOutputTokens: Type.Optional(Type.Integer()),
  },
  { additionalProperties: false },
);

export const COMMAND_DATA = {
  'session.start': Type.Object({}, { additionalProperties: false }),
  'session.submit': Type.Object({}, { additionalProperties: false }),
  'session.end': Type.Object({}, { additionalProperties: false }),
  'session.extend': Type.Object({ minutes: Type.Integer({ minimum: 1, maximum: 240 }) }, { additionalProperties: false }),
  'session.allow_early_start': Type.Object({}, { additionalProperties: false }),
  'prompt.draft': Type.Object({ text: Type.String({ maxLength: LIMITS.maxPromptChars }) }, { additionalProperties: false }),
  'prompt.save': Type.Object(
    {
      text: Type.String({ maxLength: LIMITS.maxPromptChars }),
      label: Type.String({ minLength: 1, maxLength: LIMITS.maxLabelChars }),
      rationale: Type.String({ maxLength: LIMITS.maxRationaleChars }),
    },
    { additionalProperties: false },
  ),
  'message.send': Type.Object(
    {
      text: Type.String({ minLength: 1, maxLength: LIMITS.maxMessageChars }),
      /** Absent: the main thread. A new id starts a new thread. */
      threadId: Type.Optional(Id),
      /** Absent: after the thread's current leaf. A node id: branch from there. */
      parentId: Type.Optional(Type.Union([Id, Type.Null()])),
      /** `provider/model`; absent: the exercise's default model. */
      model: Type.Optional(Type.String({ maxLength: 200 })),
      params: Type.Optional(GenerationParamsInput),
      promptHash: Type.Optional(PromptHash),
    },
    { additionalProperties: false },
  ),
  'message.regenerate': Type.Object(
    {
      /** The user message to answer again: the new answer is a sibling of the previous ones. */
      messageId: Id,
      model: Type.Optional(Type.String({ maxLength: 200 })),
      params: Type.Optional(GenerationParamsInput),
      promptHash: Type.Optional(PromptHash),
    },
    { additionalProperties: false },
  ),
  'turn.stop': Type.Object({ turnId: Id }, { additionalProperties: false }),
  'testcase.save': Type.Object(
    {
      /** Absent: a new case. An existing id: replace it (the exercise's cases too, for this session). */
      caseId: Type.Optional(Id),
      title: Type.String({ maxLength: 120 }),
      input: Type.String({ minLength: 1, maxLength: LIMITS.maxMessageChars }),
      expectations: Type.Array(Expectation, { maxItems: 20 }),
    },
    { additionalProperties: false },
  ),
  'testcase.remove': Type.Object({ caseId: Id }, { additionalProperties: false }),
  'testrun.start': Type.Object(
    {
      /** Absent: the current draft (the latest version when it is unchanged). */
      versionId: Type.Optional(Id),
      /** Absent: every test case. */
      caseIds: Type.Optional(Type.Array(Id, { minItems: 1, maxItems: 100 })),
      model: Type.Optional(Type.String({ maxLength: 200 })),
      params: Type.Optional(GenerationParamsInput),
      /** With no versionId: the draft the run was asked for. */
      promptHash: Type.Optional(PromptHash),
      /** Answers per case (a stability run); absent: 1. */
      repeat: Type.Optional(Type.Integer({ minimum: 1, maximum: LIMITS.maxRepeat })),
    },
    { additionalProperties: false },
  ),
  'testrun.cancel': Type.Object({ runId: Id }, { additionalProperties: false }),
  'compare.start': Type.Object(
    {
      /** The one message both sides answer, each in a fresh conversation. */
      text: Type.String({ minLength: 1, maxLength: LIMITS.maxMessageChars }),
      /** Side a, then side b: a prompt version (absent: the current draft), a model, parameters. */
      sides: Type.Array(
        Type.Object(
          {
            versionId: Type.Optional(Id),
            model: Type.Optional(Type.String({ maxLength: 200 })),
            params: Type.Optional(GenerationParamsInput),
          },
          { additionalProperties: false },
        ),
        { minItems: 2, maxItems: 2 },
      ),
    },
    { additionalProperties: false },
  ),
  'compare.verdict': Type.Object(
    { compareId: Id, winner: CompareWinner, reason: Type.String({ maxLength: LIMITS.maxRationaleChars }) },
    { additionalProperties: false },
  ),
  'flag.set': Type.Object(
    { turnId: Id, kind: FlagKind, reason: Type.String({ maxLength: LIMITS.maxRationaleChars }) },
    { additionalProperties: false },
  ),
  'flag.clear': Type.Object({ flagId: Id }, { additionalProperties: false }),
  'writeup.update': Type.Object({ text: Type.String({ maxLength: LIMITS.maxPromptChars }) }, { additionalProperties: false }),
  'activity.focus': Type.Object({ visible: Type.Boolean() }, { additionalProperties: false }),
  'activity.paste': Type.Object(
    { target: Type.String({ minLength: 1, maxLength: 40 }), chars: Type.Integer({ minimum: 0, maximum: 10_000_000 }) },
    { additionalProperties: false },
  ),
  /** Where the candidate is looking, for staff who follow along (see `view.changed`). */
  'view.changed': Type.Object(
    { tab: WorkspaceTab, thread: ChatThreadView, nodeId: Type.Union([Id, Type.Null()]) },
    { additionalProperties: false },
  ),
  'hint.send': Type.Object({ text: Type.String({ minLength: 1, maxLength: LIMITS.maxHintChars }) }, { additionalProperties: false }),
  'note.add': Type.Object(
    {
      text: Type.String({ minLength: 1, maxLength: LIMITS.maxNoteChars }),
      tags: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: LIMITS.maxTagChars }), { maxItems: LIMITS.maxTags })),
      /** Absent: now. */
      pinnedAt: Type.Optional(Type.Number()),
      turnId: Type.Optional(Id),
      versionId: Type.Optional(Id),
    },
    { additionalProperties: false },
  ),
  'note.edit': Type.Object(
    {
      noteId: Id,
      text: Type.String({ minLength: 1, maxLength: LIMITS.maxNoteChars }),
      tags: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: LIMITS.maxTagChars }), { maxItems: LIMITS.maxTags })),
    },
    { additionalProperties: false },
  ),
  'note.delete': Type.Object({ noteId: Id }, { additionalProperties: false }),
  'score.set': Type.Object(
    {
      criterionId: Id,
      level: Type.Union([Type.Integer({ minimum: 1, maximum: 5 }), Type.Null()]),
      comment: Type.String({ maxLength: LIMITS.maxNoteChars }),
      evidence: Type.Array(Evidence, { maxItems: 50 }),
    },
    { additionalProperties: false },
  ),
  'question.mark': Type.Object(
    { questionId: Id, asked: Type.Boolean(), notes: Type.String({ maxLength: LIMITS.maxNoteChars }) },
    { additionalProperties: false },
  ),
  'review.submit': Type.Object({}, { additionalProperties: false }),
  /** A person's verdict on one automatic check of one answer: an override, or a confirmation when it agrees. */
  'check.override': Type.Object(
    {
      runId: Id,
      caseId: Id,
      /** Which of the case's answers (absent: 0). */
      answerIndex: Type.Optional(Type.Integer({ minimum: 0, maximum: LIMITS.maxRepeat - 1 })),
      checkIndex: Type.Integer({ minimum: 0, maximum: 19 }),
      verdict: StaffVerdict,
      reason: Type.String({ maxLength: LIMITS.maxNoteChars }),
    },
    { additionalProperties: false },
  ),
} as const satisfies Record<string, TSchema>;

export type CommandName = keyof typeof COMMAND_DATA;
export const COMMAND_NAMES = Object.keys(COMMAND_DATA) as CommandName[];
export type CommandData<N extends CommandName> = Static<(typeof COMMAND_DATA)[N]>;
export type Command = { [N in CommandName]: { name: N; data: CommandData<N> } }[CommandName];

const CANDIDATE = ['candidate'] as const;
const LIVE_STAFF = ['interviewer', 'admin'] as const;
const STAFF = ['interviewer', 'reviewer', 'admin'] as const;
const SCORERS = ['interviewer', 'reviewer'] as const;

/** Who may send each command. Reviewers annotate; only the candidate touches the work. */
export const COMMAND_ROLES: Record<CommandName, readonly Role[]> = {
  'session.start': CANDIDATE,
  'session.submit': CANDIDATE,
  'session.end': LIVE_STAFF,
  'session.extend': LIVE_STAFF,
  'session.allow_early_start': LIVE_STAFF,
  'prompt.draft': CANDIDATE,
  'prompt.save': CANDIDATE,
  'message.send': CANDIDATE,
  'message.regenerate': CANDIDATE,
  'turn.stop': CANDIDATE,
  'testcase.save': CANDIDATE,
  'testcase.remove': CANDIDATE,
  'testrun.start': CANDIDATE,
  'testrun.cancel': CANDIDATE,
  'compare.start': CANDIDATE,
  'compare.verdict': CANDIDATE,
  'flag.set': CANDIDATE,
  'flag.clear': CANDIDATE,
  'writeup.update': CANDIDATE,
  'activity.focus': CANDIDATE,
  'activity.paste': CANDIDATE,
  'view.changed': CANDIDATE,
  'hint.send': LIVE_STAFF,
  'note.add': STAFF,
  'note.edit': STAFF,
  'note.delete': STAFF,
  'score.set': STAFF,
  'question.mark': STAFF,
  'review.submit': SCORERS,
  'check.override': STAFF,
};

export function mayIssue(role: Role, name: CommandName): boolean {
  return COMMAND_ROLES[name].includes(role);
}
