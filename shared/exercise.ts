import Type, { type Static } from 'typebox';

export { DEFAULT_PARAM_BOUNDS } from './exercise-defaults';

// What the candidate's workspace needs from an exercise. It travels in `session.created`,
// so a replay shows the exact brief and starting prompt the session ran with.
// The rubric and interview questions are staff material and are not part of it.

// Every object a client can send is closed (`additionalProperties: false`) at every depth: an
// unknown field is refused at the edge, never carried into the log (tests/shared/closed-schemas.test.ts).
const closed = { additionalProperties: false } as const;

export const ParamBounds = Type.Object(
  {
    temperature: Type.Object({ min: Type.Number(), max: Type.Number(), default: Type.Number() }, closed),
    topP: Type.Object({ min: Type.Number(), max: Type.Number(), default: Type.Number() }, closed),
    maxOutputTokens: Type.Object({ min: Type.Integer(), max: Type.Integer(), default: Type.Integer() }, closed),
  },
  closed,
);
export type ParamBounds = Static<typeof ParamBounds>;

export const Budget = Type.Object(
  {
    /** Input + output tokens over the whole session; null means no limit. */
    maxTokens: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
    /** US dollars over the whole session; null means no limit. */
    maxCostUsd: Type.Union([Type.Number({ minimum: 0 }), Type.Null()]),
  },
  closed,
);
export type Budget = Static<typeof Budget>;

const ExpectedValues = Type.Array(Type.String({ minLength: 1, maxLength: 500 }), { minItems: 1, maxItems: 20 });

export const Expectation = Type.Union([
  Type.Object({ kind: Type.Literal('contains'), value: Type.String({ minLength: 1, maxLength: 500 }) }, closed),
  Type.Object({ kind: Type.Literal('not_contains'), value: Type.String({ minLength: 1, maxLength: 500 }) }, closed),
  Type.Object(
    {
      kind: Type.Literal('regex'),
      pattern: Type.String({ minLength: 1, maxLength: 500 }),
      flags: Type.Optional(Type.String({ pattern: '^[imsu]*$', maxLength: 4 })),
    },
    closed,
  ),
  Type.Object({ kind: Type.Literal('max_length'), chars: Type.Integer({ minimum: 1, maximum: 100_000 }) }, closed),
  Type.Object({ kind: Type.Literal('must_refuse') }, closed),
  /** Case-insensitive, like `contains`: at least one of the values, or every one of them. */
  Type.Object({ kind: Type.Literal('contains_any'), values: ExpectedValues }, closed),
  Type.Object({ kind: Type.Literal('contains_all'), values: ExpectedValues }, closed),
  /**
   * The answer (or the first fenced JSON block in it) is JSON valid against `schema`, a JSON
   * Schema (draft 2020-12). A JSON Schema is an open document by nature, so this one value is
   * not closed here: it is bounded (LIMITS.maxSchemaChars, maxSchemaDepth) when the command is handled, and
   * compiled off the event loop in strict mode, which refuses unknown keywords.
   */
  Type.Object({ kind: Type.Literal('json_schema'), schema: Type.Unknown() }, closed),
  /** A judge model grades the answer against `rubric`; the check passes when its score (0–1) is at least `threshold`. */
  Type.Object(
    {
      kind: Type.Literal('llm_rubric'),
      rubric: Type.String({ minLength: 1, maxLength: 2_000 }),
      threshold: Type.Number({ minimum: 0, maximum: 1 }),
    },
    closed,
  ),
]);
export type Expectation = Static<typeof Expectation>;

/**
 * The model that grades `llm_rubric` checks, pinned in the exercise (a versioned part of it):
 * `provider/model`, and the judge's prompt (absent: DEFAULT_JUDGE_PROMPT in shared/judge.ts).
 */
export const JudgeConfig = Type.Object(
  {
    model: Type.String({ minLength: 3, maxLength: 200, pattern: '^[^/\\s]+/\\S+$' }),
    prompt: Type.Optional(Type.String({ minLength: 1, maxLength: 10_000 })),
  },
  closed,
);
export type JudgeConfig = Static<typeof JudgeConfig>;

export const TestCase = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 64 }),
    /** A short name for lists and the results matrix. */
    title: Type.String({ maxLength: 120 }),
    input: Type.String({ minLength: 1, maxLength: 20_000 }),
    expectations: Type.Array(Expectation, { maxItems: 20 }),
  },
  closed,
);
export type TestCase = Static<typeof TestCase>;

export const SeedExchange = Type.Object({ user: Type.String(), assistant: Type.String() }, closed);
export type SeedExchange = Static<typeof SeedExchange>;

export const ExerciseSnapshot = Type.Object({
  id: Type.String(),
  version: Type.Integer(),
  slug: Type.String(),
  title: Type.String(),
  language: Type.String(),
  brief: Type.String(),
  systemPrompt: Type.String(),
  knowledgeBase: Type.String(),
  timeLimitMinutes: Type.Integer({ minimum: 1 }),
  /** `provider/model` ids; an empty list means every configured model. */
  models: Type.Array(Type.String()),
  defaultModel: Type.String(),
  params: ParamBounds,
  budget: Budget,
  /** The exercise's prepared test inputs; the candidate can add their own. */
  testCases: Type.Array(TestCase),
  /** A conversation with the weak chatbot, shown at start for the candidate to examine and flag. */
  seedConversation: Type.Array(SeedExchange),
  /** Who grades `llm_rubric` checks; absent in sessions created before judges existed. */
  judge: Type.Optional(JudgeConfig),
});
export type ExerciseSnapshot = Static<typeof ExerciseSnapshot>;

export const RubricCriterion = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 64 }),
    title: Type.String({ minLength: 1, maxLength: 200 }),
    group: Type.Union([Type.Literal('hard'), Type.Literal('soft')]),
    /** Behavioural anchors: what a 1, a 3 and a 5 look like. */
    anchors: Type.Object({ '1': Type.String(), '3': Type.String(), '5': Type.String() }, closed),
  },
  { additionalProperties: false },
);
export type RubricCriterion = Static<typeof RubricCriterion>;

export const InterviewQuestion = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 64 }), text: Type.String({ minLength: 1, maxLength: 5_000 }) },
  { additionalProperties: false },
);
export type InterviewQuestion = Static<typeof InterviewQuestion>;

/**
 * An exercise as the library stores it: the snapshot fields plus staff material. Unknown
 * fields are refused, so a typo in an edited or imported exercise shows instead of vanishing.
 */
export const ExerciseContent = Type.Object(
  {
    slug: Type.String({ minLength: 1, maxLength: 80, pattern: '^[a-z0-9][a-z0-9-]*$' }),
    title: Type.String({ minLength: 1, maxLength: 200 }),
    language: Type.String({ minLength: 2, maxLength: 10 }),
    brief: Type.String(),
    systemPrompt: Type.String(),
    knowledgeBase: Type.String(),
    timeLimitMinutes: Type.Integer({ minimum: 1, maximum: 600 }),
    models: Type.Array(Type.String()),
    defaultModel: Type.String(),
    params: ParamBounds,
    budget: Budget,
    testCases: Type.Array(TestCase),
    seedConversation: Type.Array(SeedExchange),
    /** Absent: `llm_rubric` checks are graded by the exercise's default model. */
    judge: Type.Optional(JudgeConfig),
    rubric: Type.Array(RubricCriterion),
    questions: Type.Array(InterviewQuestion),
  },
  { additionalProperties: false },
);
export type ExerciseContent = Static<typeof ExerciseContent>;

export function snapshotOf(id: string, version: number, content: ExerciseContent): ExerciseSnapshot {
  const { rubric: _rubric, questions: _questions, ...visible } = content;
  return { id, version, ...visible };
}
