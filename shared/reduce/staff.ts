import type { EventOf } from '../events';
import type { Scorer, SessionState } from '../state';

// Staff material: notes, rubric scores, interview questions. Never in a candidate's state,
// because the candidate never receives these events.

export function addNote(state: SessionState, event: EventOf<'note.added'>): SessionState {
  const { data, actor } = event;
  const note = {
    id: data.noteId,
    text: data.text,
    tags: data.tags,
    pinnedAt: data.pinnedAt,
    turnId: data.turnId,
    versionId: data.versionId,
    authorId: actor.participantId ?? null,
    authorName: actor.name ?? null,
    at: event.at,
  };
  return { ...state, notes: [...state.notes, note] };
}

export function editNote(state: SessionState, event: EventOf<'note.edited'>): SessionState {
  const { noteId, text, tags } = event.data;
  return { ...state, notes: state.notes.map((n) => (n.id === noteId ? { ...n, text, tags } : n)) };
}

export function deleteNote(state: SessionState, noteId: string): SessionState {
  return { ...state, notes: state.notes.filter((n) => n.id !== noteId) };
}

export function setScore(state: SessionState, event: EventOf<'score.set'>): SessionState {
  const scorer = scorerOf(state, event.actor);
  const { criterionId, level, comment, evidence } = event.data;
  const scores = { ...scorer.scores, [criterionId]: { criterionId, level, comment, evidence, at: event.at } };
  return { ...state, scorers: { ...state.scorers, [scorer.id]: { ...scorer, scores } } };
}

export function submitReview(state: SessionState, event: EventOf<'review.submitted'>): SessionState {
  const scorer = scorerOf(state, event.actor);
  return { ...state, scorers: { ...state.scorers, [scorer.id]: { ...scorer, submittedAt: event.at } } };
}

export function markQuestion(state: SessionState, event: EventOf<'question.marked'>): SessionState {
  const { questionId, asked, notes } = event.data;
  return {
    ...state,
    questions: { ...state.questions, [questionId]: { asked, notes, at: event.at, by: event.actor.participantId ?? null } },
  };
}

function scorerOf(state: SessionState, actor: EventOf<'score.set'>['actor']): Scorer {
  const id = actor.participantId ?? actor.role;
  return (
    state.scorers[id] ?? {
      id,
      role: actor.role,
      name: actor.name ?? null,
      accountId: actor.accountId ?? null,
      scores: {},
      submittedAt: null,
    }
  );
}
