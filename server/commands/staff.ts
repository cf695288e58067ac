import type { CommandData } from '../../shared/commands';
import { AtelierError } from '../../shared/errors';
import { draft, type Actor, type EventDraft } from '../../shared/events';
import type { SessionState } from '../../shared/state';
import { newId } from '../ids';
import type { StaffMaterial } from '../rooms/live-session';
import type { Participant } from '../rooms/room';

// Notes, scores, questions and review submission. The admin may edit anyone's note (moderation);
// everyone else edits their own.

export function addNote(state: SessionState, actor: Actor, now: number, data: CommandData<'note.add'>): EventDraft[] {
  requireMoment(state, now, { at: data.pinnedAt ?? now, turnId: data.turnId, versionId: data.versionId });
  return [
    draft('note.added', actor, {
      noteId: newId(),
      text: data.text,
      tags: data.tags ?? [],
      pinnedAt: data.pinnedAt ?? now,
      turnId: data.turnId ?? null,
      versionId: data.versionId ?? null,
    }),
  ];
}

export function editNote(state: SessionState, participant: Participant, actor: Actor, data: CommandData<'note.edit'>): EventDraft[] {
  const note = ownNote(state, participant, data.noteId);
  return [draft('note.edited', actor, { noteId: note.id, text: data.text, tags: data.tags ?? note.tags })];
}

export function deleteNote(state: SessionState, participant: Participant, actor: Actor, noteId: string): EventDraft[] {
  ownNote(state, participant, noteId);
  return [draft('note.deleted', actor, { noteId })];
}

export function setScore(state: SessionState, material: StaffMaterial, actor: Actor, now: number, data: CommandData<'score.set'>): EventDraft[] {
  if (!material.criterionIds.has(data.criterionId)) throw new AtelierError('not_found', 'No such criterion in this exercise\'s rubric.');
  for (const evidence of data.evidence) requireMoment(state, now, evidence);
  const scorer = state.scorers[actor.participantId ?? actor.role];
  if (scorer?.submittedAt) throw new AtelierError('conflict', 'Your review is submitted; its scores are final.');
  return [draft('score.set', actor, { criterionId: data.criterionId, level: data.level, comment: data.comment, evidence: data.evidence })];
}

export function submitReview(state: SessionState, actor: Actor): EventDraft[] {
  const scorer = state.scorers[actor.participantId ?? actor.role];
  if (!scorer || Object.keys(scorer.scores).length === 0) throw new AtelierError('conflict', 'Score at least one criterion before submitting.');
  if (scorer.submittedAt) throw new AtelierError('conflict', 'Your review is already submitted.');
  return [draft('review.submitted', actor, {})];
}

/** A note's pin or a score's evidence must point into this session: its span, its answers, its versions. */
function requireMoment(state: SessionState, now: number, moment: { at: number; turnId?: string | null; versionId?: string | null }): void {
  if (state.createdAt === null || moment.at < state.createdAt || moment.at > now) {
    throw new AtelierError('invalid_payload', 'That moment is outside this session (from its creation until now).');
  }
  if (moment.turnId && !state.turns[moment.turnId]) throw new AtelierError('not_found', 'No such answer in this session.');
  if (moment.versionId && !state.prompt.versions.some((v) => v.id === moment.versionId)) throw new AtelierError('not_found', 'No such prompt version in this session.');
}

function ownNote(state: SessionState, participant: Participant, noteId: string) {
  const note = state.notes.find((n) => n.id === noteId);
  if (!note) throw new AtelierError('not_found', 'No such note.');
  if (participant.role !== 'admin' && note.authorId !== participant.participantId) throw new AtelierError('forbidden', 'You can only change your own notes.');
  return note;
}
