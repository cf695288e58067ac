import type { ExerciseContent } from '../../shared/exercise';

// The five questions design.md asks after every exercise, worded to be read aloud.
// Ids are stable (q1…q5) so that scores and notes line up across exercises and languages.

export const INTERVIEW_QUESTIONS_EN: ExerciseContent['questions'] = [
  {
    id: 'q1',
    text:
      'When you meet a model you have not used before, how do you find out how it behaves? ' +
      'Tell me the first few probe prompts you would send it, and what each one is meant to reveal.',
  },
  {
    id: 'q2',
    text:
      'Tell me about a prompt of yours that failed, here or in your work. ' +
      'How did you notice, how did you find the cause, and what exactly did you change to fix it?',
  },
  {
    id: 'q3',
    text:
      'In your view, what makes a prompt clear and precise? ' +
      'Take one instruction you wrote today and tell me why it is worded the way it is.',
  },
  {
    id: 'q4',
    text:
      'What ethical considerations do you keep in mind when you write prompts for a product that real users talk to? ' +
      'Which of them came up in this exercise, and what did you do about them?',
  },
  {
    id: 'q5',
    text:
      'Tell me about a time you refined prompts together with engineers, data people or developers. ' +
      'Who did what, how did you agree on what "better" meant, and how did you handle a disagreement?',
  },
];

export const INTERVIEW_QUESTIONS_FR: ExerciseContent['questions'] = [
  {
    id: 'q1',
    text:
      "Face à un modèle que vous n'avez jamais utilisé, comment découvrez-vous son comportement ? " +
      'Donnez-moi les premiers prompts de test que vous lui enverriez, et ce que chacun doit vous apprendre.',
  },
  {
    id: 'q2',
    text:
      "Parlez-moi d'un de vos prompts qui n'a pas marché, aujourd'hui ou dans votre travail. " +
      "Comment vous en êtes-vous rendu compte, comment avez-vous trouvé la cause, et qu'avez-vous changé précisément ?",
  },
  {
    id: 'q3',
    text:
      "Selon vous, qu'est-ce qui rend un prompt clair et précis ? " +
      "Prenez une consigne que vous avez écrite aujourd'hui et expliquez-moi pourquoi elle est formulée ainsi.",
  },
  {
    id: 'q4',
    text:
      'Quelles questions éthiques gardez-vous en tête quand vous écrivez des prompts pour un produit utilisé par de vrais clients ? ' +
      "Lesquelles se sont posées dans cet exercice, et qu'en avez-vous fait ?",
  },
  {
    id: 'q5',
    text:
      'Racontez-moi une fois où vous avez affiné des prompts avec des ingénieurs, des data scientists ou des développeurs. ' +
      "Qui faisait quoi, comment vous êtes-vous mis d'accord sur ce qu'était « mieux », et comment avez-vous géré un désaccord ?",
  },
];
