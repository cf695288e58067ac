import { CommandRunner } from '../commands.svelte';
import type { LiveSession } from '../live/live-session.svelte';
import { PersistedText } from '../persisted.svelte';

// The staff side of a session view: the note being typed (kept across reloads), pinning it,
// and ending the session.

export class StaffConsole {
  readonly session: LiveSession;
  readonly commands: CommandRunner;
  readonly #noteDraft: PersistedText;

  constructor(session: LiveSession) {
    this.session = session;
    this.commands = new CommandRunner(session.connection);
    this.#noteDraft = new PersistedText(`atelier.${session.sessionId}.${session.role}.note`);
  }

  get noteText(): string {
    return this.#noteDraft.current ?? '';
  }

  /** Interviewers run the live session; reviewers only annotate. */
  get canEnd(): boolean {
    return this.session.role === 'interviewer';
  }

  editNote(text: string): void {
    this.#noteDraft.current = text.length > 0 ? text : null;
  }

  /** Pins the note to the instant it is sent (the server's now). */
  async pinNote(): Promise<void> {
    const text = this.noteText.trim();
    if (!text || this.commands.busy['note.add']) return;
    const ok = await this.commands.run('note.add', { text });
    if (ok && this.noteText.trim() === text) this.#noteDraft.current = null;
  }

  endSession(): Promise<boolean> {
    return this.commands.run('session.end', {});
  }
}
