// A string kept in localStorage as it changes, so a reload never loses what was typed.
// `null` means nothing is stored (distinct from an empty string someone typed).

export class PersistedText {
  readonly #key: string;
  #value: string | null = $state(null);

  constructor(key: string) {
    this.#key = key;
    this.#value = read(key);
  }

  get current(): string | null {
    return this.#value;
  }

  set current(value: string | null) {
    this.#value = value;
    try {
      if (value === null) localStorage.removeItem(this.#key);
      else localStorage.setItem(this.#key, value);
    } catch {
      // storage full or disabled: the text still lives in the page
    }
  }
}

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}
