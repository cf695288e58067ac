import { AtelierError } from '../../shared/errors';
import { draft } from '../../shared/events';
import { automaticVerdict } from '../../shared/runs';
import type { SessionState } from '../../shared/state';
import { newId } from '../ids';
import type { Member } from '../rooms/member';
import { requireLive } from './guards';
import type { Handlers } from './handler';

// What staff do: hints to the candidate, notes, scores, questions and the review. The admin may
// edit anyone's note (moderation); everyone else edits their own. Every reference (a criterion,
// a question, an answer, a version, an instant) must exist in this session.

export const STAFF_HANDLERS: Handlers<
  'hint.send' | 'note.add' | 'note.edit' | 'note.delete' | 'score.set' | 'question.mark' | 'review.submit' | 'check.override'
> = {
  'hint.send': ({ state, actor }, data) => {
    requireLive(state);
    return { drafts: [draft('hint.received', actor, { hintId: newId(), text: data.text })] };
  },
  'note.add': ({ state, actor, now }, data) => {
    const pinnedAt = data.pinnedAt ?? now;
    requireMoment(state, now, { at: pinnedAt, turnId: data.turnId, versionId: data.versionId });
    return {
      drafts: [
        draft('note.added', actor, {
          noteId: newId(),
          text: data.text,
          tags: data.tags ?? [],
          pinnedAt,
          turnId: data.turnId ?? null,
          versionId: data.versionId ?? null,
        }),
      ],
    };
  },
  'note.edit': ({ state, participant, actor }, data) => {
    const note = ownNote(state, participant, data.noteId);
    return { drafts: [draft('note.edited', actor, { noteId: note.id, text: data.text, tags: data.tags ?? note.tags })] };
  },
  'note.delete': ({ state, participant, actor }, data) => {
    ownNote(state, participant, data.noteId);
    return { drafts: [draft('note.deleted', actor, { noteId: data.noteId })] };
  },
  'score.set': ({ session, state, actor, now }, data) => {
    if (!session.staffMaterial().criterionIds.has(data.criterionId))
      throw new AtelierError('not_found', "No such criterion in this exercise's rubric.");
    for (const evidence of data.evidence) requireMoment(state, now, evidence);
    const scorer = state.scorers[actor.participantId ?? actor.role];
    if (scorer?.submittedAt) throw new AtelierError('conflict', 'Your review is submitted; its scores are final.');
    return {
      drafts: [
        draft('score.set', actor, { criterionId: data.criterionId, level: data.level, comment: data.comment, evidence: data.evidence }),
      ],
    };
  },
  'question.mark': ({ session, actor }, data) => {
    if (!session.staffMaterial().questionIds.has(data.questionId))
      throw new AtelierError('not_found', 'No such interview question in this exercise.');
    return { drafts: [draft('question.marked', actor, data)] };
  },
  /**
   * People decide, the judge advises: a staff verdict on any automatic check (a string check or a
   * judge's), live or in review. One that differs from the automatic verdict needs a reason.
   */
  'check.override': ({ state, actor }, data) => {
    const answerIndex = data.answerIndex ?? 0;
    const automatic = automaticVerdict(state, data.runId, data.caseId, answerIndex, data.checkIndex);
    if (automatic === null) throw new AtelierError('not_found', 'No such checked answer in this session.');
    const reason = data.reason.trim();
    if (data.verdict !== automatic && !reason) {
      throw new AtelierError('invalid_payload', 'An override needs a reason.', [
        { path: '/reason', rule: 'too_short', params: { limit: 1 }, message: 'An override needs a reason.' },
      ]);
    }
    const { runId, caseId, checkIndex, verdict } = data;
    return { drafts: [draft('check.overridden', actor, { runId, caseId, answerIndex, checkIndex, verdict, automatic, reason })] };
  },
  'review.submit': ({ state, actor }) => {
    const scorer = state.scorers[actor.participantId ?? actor.role];
    if (!scorer || Object.keys(scorer.scores).length === 0)
      throw new AtelierError('conflict', 'Score at least one criterion before submitting.');
    if (scorer.submittedAt) throw new AtelierError('conflict', 'Your review is already submitted.');
    return { drafts: [draft('review.submitted', actor, {})] };
  },
};

/** A note's pin or a score's evidence must point into this session: its span, its answers, its versions. */
function requireMoment(state: SessionState, now: number, moment: { at: number; turnId?: string | null; versionId?: string | null }): void {
  if (state.createdAt === null || moment.at < state.createdAt || moment.at > now) {
    throw new AtelierError('invalid_payload', 'That moment is outside this session (from its creation until now).');
  }
  if (moment.turnId && !state.turns[moment.turnId]) throw new AtelierError('not_found', 'No such answer in this session.');
  if (moment.versionId && !state.prompt.versions.some((v) => v.id === moment.versionId))
    throw new AtelierError('not_found', 'No such prompt version in this session.');
}

function ownNote(state: SessionState, participant: Member, noteId: string) {
  const note = state.notes.find((n) => n.id === noteId);
  if (!note) throw new AtelierError('not_found', 'No such note.');
  if (participant.role !== 'admin' && note.authorId !== participant.participantId)
    throw new AtelierError('forbidden', 'You can only change your own notes.');
  return note;
}
