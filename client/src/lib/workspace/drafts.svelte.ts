import { debounce } from '../debounce';
import { PersistedText } from '../persisted.svelte';

// Typed text that must survive a reload: kept in localStorage per session when the view has
// a storage key (the candidate), in memory otherwise (a read-only mirror never types).

export interface TextSlot {
  current: string | null;
}

class MemoryText implements TextSlot {
  current: string | null = $state(null);
}

export function textSlot(key: string | null): TextSlot {
  return key === null ? new MemoryText() : new PersistedText(key);
}

/** A JSON value in a text slot; unreadable stored text counts as absent. */
export class JsonSlot<T> {
  readonly #slot: TextSlot;
  constructor(key: string | null) {
    this.#slot = textSlot(key);
  }
  get current(): T | null {
    const raw = this.#slot.current;
    if (raw === null) return null;
    try {
      return JSON.parse(raw) as T;
    } catch {
      return null;
    }
  }
  set current(value: T | null) {
    this.#slot.current = value === null ? null : JSON.stringify(value);
  }
}

/**
 * A text the server holds (the prompt draft, the write-up) edited here: local edits win until
 * the server echoes them, and reach it through a debounced command, resent after a reconnection.
 */
export class SyncedDraft {
  readonly #pending: TextSlot;
  readonly #server: () => string;
  readonly #push;

  constructor(options: { key: string | null; server: () => string; push: (text: string) => void; debounceMs: number }) {
    this.#pending = textSlot(options.key);
    this.#server = options.server;
    this.#push = debounce(options.push, options.debounceMs);
  }

  get text(): string {
    return this.#pending.current ?? this.#server();
  }

  /** True while the server has not got the latest local edit. */
  get unsynced(): boolean {
    return this.#pending.current !== null && this.#pending.current !== this.#server();
  }

  edit(text: string): void {
    this.#pending.current = text;
    this.#push.call(text);
  }

  /** The server's copy changed: forget local edits it now holds. */
  reconcile(serverText: string): void {
    if (this.#pending.current === serverText) this.#pending.current = null;
  }

  /** After a (re)connection, push edits that never reached the server. */
  resend(): void {
    const pending = this.#pending.current;
    if (pending !== null && pending !== this.#server()) this.#push.call(pending);
  }

  flush(): void {
    this.#push.flush();
  }

  /** Drops local edits (the session ended before they could be sent). */
  discard(): void {
    this.#push.cancel();
  }
}
