import Type, { type Static } from 'typebox';
import { InterviewQuestion, RubricCriterion } from '../exercise';

// What a session's participants read besides the log: the staff material of the exercise
// version the session ran, and the consent text.

export const StaffMaterialQuery = Type.Object(
  {
    role: Type.Optional(
      Type.Union([Type.Literal('interviewer'), Type.Literal('reviewer')], {
        description: 'Which cookie to use when the browser holds several',
      }),
    ),
  },
  { additionalProperties: false },
);

export const StaffMaterial = Type.Object({
  exerciseId: Type.String(),
  exerciseVersion: Type.Integer(),
  title: Type.String(),
  language: Type.String(),
  rubric: Type.Array(RubricCriterion),
  questions: Type.Array(InterviewQuestion),
});
export type StaffMaterial = Static<typeof StaffMaterial>;

export const ConsentQuery = Type.Object(
  { lang: Type.Optional(Type.Union([Type.Literal('en'), Type.Literal('fr')])) },
  { additionalProperties: false },
);

export const Consent = Type.Object({ language: Type.String(), text: Type.String() });
export type Consent = Static<typeof Consent>;
