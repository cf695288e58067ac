import type { CommandData } from '$shared/commands';
import type { SessionState } from '$shared/state';
import type { CommandRunner } from '../commands.svelte';
import { PersistedText } from '../persisted.svelte';

// The note being typed: its text (kept across reloads), its tags and what it pins to.
// "now" means the instant on screen: the server's now when live, the cursor when scrubbed.

export const NOTE_TAGS = ['strength', 'concern', 'ethics', 'follow-up'] as const;
export type NoteTag = (typeof NOTE_TAGS)[number];

/** `instant`: a moment caught with the `N` key, so a note typed for a minute still pins to it. */
export type PinTarget =
  { kind: 'now' } | { kind: 'instant'; at: number } | { kind: 'turn'; turnId: string } | { kind: 'version'; versionId: string };

export class NoteComposer {
  readonly #commands: CommandRunner;
  readonly #draft: PersistedText;
  tags: NoteTag[] = $state([]);
  target: PinTarget = $state.raw({ kind: 'now' });

  constructor(commands: CommandRunner, storageKey: string) {
    this.#commands = commands;
    this.#draft = new PersistedText(storageKey);
  }

  get text(): string {
    return this.#draft.current ?? '';
  }

  get busy(): boolean {
    return this.#commands.busy['note.add'] ?? false;
  }

  edit(text: string): void {
    this.#draft.current = text.length > 0 ? text : null;
  }

  toggleTag(tag: NoteTag): void {
    this.tags = this.tags.includes(tag) ? this.tags.filter((t) => t !== tag) : [...this.tags, tag];
  }

  choose(target: PinTarget): void {
    this.target = target;
  }

  /**
   * Sends the note. `cursor` is the instant on screen when scrubbed (null when live: the
   * server stamps its own now). A turn or version pins to its own instant.
   */
  async pin(state: SessionState, cursor: number | null): Promise<boolean> {
    const text = this.text.trim();
    if (!text || this.busy) return false;
    const data: CommandData<'note.add'> = { text };
    if (this.tags.length > 0) data.tags = [...this.tags];
    const target = this.target;
    if (target.kind === 'turn') {
      data.turnId = target.turnId;
      data.pinnedAt = state.turns[target.turnId]?.startedAt ?? cursor ?? undefined;
    } else if (target.kind === 'version') {
      data.versionId = target.versionId;
      data.pinnedAt = state.prompt.versions.find((v) => v.id === target.versionId)?.at ?? cursor ?? undefined;
    } else if (target.kind === 'instant') {
      data.pinnedAt = target.at;
    } else if (cursor !== null) {
      data.pinnedAt = cursor;
    }
    if (data.pinnedAt === undefined) delete data.pinnedAt;
    const ok = await this.#commands.run('note.add', data);
    if (ok) {
      if (this.text.trim() === text) this.#draft.current = null;
      this.tags = [];
      this.target = { kind: 'now' };
    }
    return ok;
  }
}
