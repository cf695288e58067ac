import type { StaffMaterial } from '$shared/api/session-material';
import type { StaffVerdict } from '$shared/events';
import { readStaffMaterial } from '../api/endpoints';
import type { CheckRef } from '../workspace/workspace.svelte';
import { CommandRunner } from '../commands.svelte';
import type { SessionFeed } from '../live/session-feed.svelte';
import { Timeline } from '../timeline/timeline.svelte';
import { NoteComposer } from './note-composer.svelte';
import { RubricScoring } from './rubric-scoring.svelte';

// The staff side of a session view: where it looks (the timeline), notes, the rubric, the
// interview questions and the controls that steer the session. Created once per view.

export type MaterialStatus = { kind: 'loading' } | { kind: 'ready'; material: StaffMaterial } | { kind: 'failed' };

export class StaffConsole {
  readonly session: SessionFeed;
  readonly commands: CommandRunner;
  readonly timeline: Timeline;
  readonly note: NoteComposer;
  readonly rubric: RubricScoring;
  material: MaterialStatus = $state.raw({ kind: 'loading' });

  constructor(session: SessionFeed) {
    this.session = session;
    this.commands = new CommandRunner(session.connection);
    this.timeline = new Timeline({ store: session.store, now: () => session.clock.now });
    this.note = new NoteComposer(this.commands, `atelier.${session.sessionId}.${session.role}.note`);
    this.rubric = new RubricScoring(
      this.commands,
      () => session.state,
      () => this.me,
    );
  }

  /** This participant's id, as the server names it in event actors. */
  get me(): string | null {
    return this.session.connection.participantId;
  }

  /** Interviewers run the live session; reviewers only annotate. */
  get canSteer(): boolean {
    return this.session.role === 'interviewer';
  }

  async loadMaterial(): Promise<void> {
    try {
      this.material = { kind: 'ready', material: await readStaffMaterial(this.session.sessionId, this.session.role) };
    } catch {
      this.material = { kind: 'failed' };
    }
  }

  pinNote(): Promise<boolean> {
    return this.note.pin(this.session.state, this.timeline.cursor);
  }

  /** Authors edit and delete their own notes (the server enforces it too). */
  ownsNote(authorId: string | null): boolean {
    return authorId !== null && authorId === this.me;
  }

  editNote(noteId: string, text: string, tags: string[]): Promise<boolean> {
    return this.commands.run('note.edit', { noteId, text, tags });
  }

  deleteNote(noteId: string): Promise<boolean> {
    return this.commands.run('note.delete', { noteId });
  }

  markQuestion(questionId: string, asked: boolean, notes: string): Promise<boolean> {
    return this.commands.run('question.mark', { questionId, asked, notes });
  }

  sendHint(text: string): Promise<boolean> {
    return this.commands.run('hint.send', { text });
  }

  /** Lets the candidate start before the planned start (recorded; the candidate's Start opens). */
  allowEarlyStart(): Promise<boolean> {
    return this.commands.run('session.allow_early_start', {});
  }

  extend(minutes: number): Promise<boolean> {
    return this.commands.run('session.extend', { minutes });
  }

  /** A staff verdict on one automatic check: an override, or a confirmation when it agrees. */
  labelCheck(ref: CheckRef, verdict: StaffVerdict, reason: string): Promise<boolean> {
    const { runId, caseId, answerIndex, checkIndex } = ref;
    return this.commands.run('check.override', {
      runId,
      caseId,
      ...(answerIndex > 0 ? { answerIndex } : {}),
      checkIndex,
      verdict,
      reason: reason.trim(),
    });
  }

  endSession(): Promise<boolean> {
    return this.commands.run('session.end', {});
  }
}
