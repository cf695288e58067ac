import { SEED_THREAD, type SessionState, type Turn } from './state';

// One name for each answer, everywhere it is shown (answer cards, note pins, evidence pickers,
// reports): `A7 · "If I move house…" · v2`. The number is the answer's place in the session's
// start order over every answer (chat, test runs, comparisons), so two pickers listing
// different subsets still call the same answer by the same number. Seeded answers, which
// come with the exercise and never start, are S1, S2…

export interface AnswerName {
  /** "A7", or "S2" for the exercise's seeded conversation. */
  code: string;
  /** The question it answers, shortened. */
  question: string;
  /** The prompt version it used; null for the unsaved draft (or a seeded answer). */
  version: number | null;
}

export type LabelLang = 'en' | 'fr';

/** How many characters of the question a label keeps. */
export const QUESTION_CHARS = 28;

export function answerNameOf(state: SessionState, turnId: string): AnswerName | null {
  const turn = state.turns[turnId];
  if (!turn) return null;
  const seed = turn.threadId === SEED_THREAD ? /^seed-a(\d+)$/.exec(turnId) : null;
  const index = state.turnOrder.indexOf(turnId);
  const code = seed ? `S${seed[1]}` : index >= 0 ? `A${index + 1}` : 'A?';
  const version = turn.promptVersionId ? (state.prompt.versions.find((v) => v.id === turn.promptVersionId)?.number ?? null) : null;
  return { code, question: shorten(questionOf(state, turn)), version };
}

/** `A7 · "If I move house…" · v2` (French quotes in French); `draft` names an unsaved prompt. */
export function formatAnswerName(name: AnswerName, lang: LabelLang, draft: string): string {
  const quoted = name.question ? (lang === 'fr' ? `« ${name.question} »` : `"${name.question}"`) : '';
  const version = name.version !== null ? `v${name.version}` : draft;
  return [name.code, quoted, version].filter(Boolean).join(' · ');
}

/** The label of an answer, or its id when the log does not hold it (a hostile or stale reference). */
export function answerLabel(state: SessionState, turnId: string, lang: LabelLang, draft: string): string {
  const name = answerNameOf(state, turnId);
  return name ? formatAnswerName(name, lang, draft) : turnId;
}

function questionOf(state: SessionState, turn: Turn): string {
  const asked = [...turn.request.messages].reverse().find((m) => m.role === 'user')?.content;
  if (asked) return asked;
  if (turn.caseId) return state.testCases[turn.caseId]?.input ?? '';
  return state.nodes[turn.parentId]?.text ?? '';
}

/** The first words of a question on one line, cut at a word boundary with "…". */
export function shorten(text: string, max = QUESTION_CHARS): string {
  const line = text.replace(/\s+/g, ' ').trim();
  const chars = [...line];
  if (chars.length <= max) return line;
  const cut = chars.slice(0, max).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:!?]+$/u, '')}…`;
}
