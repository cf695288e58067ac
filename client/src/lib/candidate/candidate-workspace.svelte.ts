import { pathTo } from '$shared/conversation';
import { MAIN_THREAD, type Turn } from '$shared/state';
import { listSessionModels } from '../api/endpoints';
import type { ModelOption } from '../api/types';
import { CommandRunner } from '../commands.svelte';
import { debounce } from '../debounce';
import type { LiveSession } from '../live/live-session.svelte';
import { PersistedText } from '../persisted.svelte';

// The candidate's side of a session: the prompt draft, the composer, the model choice and
// the commands they send. Unsent text lives in localStorage until the server has it.

const DRAFT_DEBOUNCE_MS = 400;

export class CandidateWorkspace {
  readonly session: LiveSession;
  readonly commands: CommandRunner;
  /** What the candidate typed in the composer and has not sent yet. */
  readonly message: PersistedText;
  /** Prompt edits the server has not echoed back yet; null when in step with it. */
  readonly #pendingPrompt: PersistedText;
  readonly #sendDraft = debounce((text: string) => void this.commands.run('prompt.draft', { text }, { quiet: true }), DRAFT_DEBOUNCE_MS);

  models: ModelOption[] = $state.raw([]);
  #chosenModel = $state('');
  #defaultModel = $state('');

  constructor(session: LiveSession) {
    this.session = session;
    this.commands = new CommandRunner(session.connection);
    this.message = new PersistedText(`atelier.${session.sessionId}.message`);
    this.#pendingPrompt = new PersistedText(`atelier.${session.sessionId}.prompt`);
  }

  get state() {
    return this.session.state;
  }

  get readOnly(): boolean {
    return this.session.state.status !== 'live';
  }

  /** The answer being written at the end of the main thread, if any. */
  get streamingTurn(): Turn | null {
    const state = this.session.state;
    const leaf = state.threads[MAIN_THREAD]?.leafId ?? null;
    for (const node of pathTo(state, leaf)) {
      const turn = state.turns[node.id];
      if (turn?.status === 'streaming') return turn;
    }
    return null;
  }

  /** Local edits win over the server's copy until the server has caught up with them. */
  get promptText(): string {
    return this.#pendingPrompt.current ?? this.session.state.prompt.draft;
  }

  get messageText(): string {
    return this.message.current ?? '';
  }

  get model(): string {
    return this.#chosenModel || this.#defaultModel || this.session.state.exercise?.defaultModel || '';
  }

  async loadModels(): Promise<void> {
    try {
      const answer = await listSessionModels(this.session.sessionId);
      this.models = answer.models;
      this.#defaultModel = answer.defaultModel;
    } catch {
      // the picker hides itself and messages use the exercise's default model
    }
  }

  editMessage(text: string): void {
    this.message.current = text.length > 0 ? text : null;
  }

  chooseModel(id: string): void {
    this.#chosenModel = id;
  }

  editPrompt(text: string): void {
    this.#pendingPrompt.current = text;
    this.#sendDraft.call(text);
  }

  /** Called whenever the server's draft changes: forget local edits it now holds. */
  reconcilePrompt(serverDraft: string): void {
    if (this.#pendingPrompt.current === serverDraft) this.#pendingPrompt.current = null;
  }

  /** After a (re)connection, push edits that never reached the server. */
  resendPendingPrompt(): void {
    const pending = this.#pendingPrompt.current;
    if (pending !== null && pending !== this.session.state.prompt.draft) this.#sendDraft.call(pending);
  }

  flushPrompt(): void {
    this.#sendDraft.flush();
  }

  start(): Promise<boolean> {
    return this.commands.run('session.start', {});
  }

  async send(): Promise<void> {
    const text = this.messageText.trim();
    if (!text || this.streamingTurn || this.commands.busy['message.send'] || this.readOnly) return;
    // The system prompt the answer uses is the draft: make sure the server has the latest.
    this.#sendDraft.flush();
    const ok = await this.commands.run('message.send', { text, ...(this.model ? { model: this.model } : {}) });
    if (ok && this.messageText.trim() === text) this.message.current = null;
  }

  stop(): void {
    const turn = this.streamingTurn;
    if (turn) void this.commands.run('turn.stop', { turnId: turn.id });
  }

  dispose(): void {
    this.#sendDraft.flush();
  }
}
