import type { SessionState } from '$shared/state';
import { PersistedText } from '../persisted.svelte';
import { WorkspaceModel } from '../workspace/workspace.svelte';

// "Follow candidate": the mirror switches to the tab and branch the candidate is on as they
// change (`view.changed`, staff only). Off by default, remembered in this browser for every session.

const KEY = 'atelier.followCandidate';

export class FollowCandidate {
  readonly #stored = new PersistedText(KEY);

  get on(): boolean {
    return this.#stored.current === 'on';
  }

  set on(value: boolean) {
    this.#stored.current = value ? 'on' : null;
  }
}

/** A read-only workspace model over a shown state, for a mirror that the view steers (following). */
export function mirrorModel(state: () => SessionState): WorkspaceModel {
  return new WorkspaceModel({
    get state() {
      return state();
    },
    readonly: true,
    connected: true,
    send: undefined,
    models: [],
    defaultModel: null,
    draftKey: null,
  });
}
