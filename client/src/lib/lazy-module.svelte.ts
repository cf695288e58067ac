/**
 * Code fetched on first use rather than with the page (its own chunk: `() => import('…')`).
 * `current` is null until it has arrived; read in markup or a `$derived`, it updates by itself.
 * A failed fetch is forgotten, so the next `load()` tries again.
 */
export class LazyModule<T> {
  current = $state.raw<T | null>(null);
  readonly #fetch: () => Promise<T>;
  #loading: Promise<void> | null = null;

  constructor(fetch: () => Promise<T>) {
    this.#fetch = fetch;
  }

  /** Starts the fetch (once); resolves when the module is in, or when the fetch failed. */
  load(): Promise<void> {
    return (this.#loading ??= this.#fetch().then(
      (module) => {
        this.current = module;
      },
      () => {
        this.#loading = null;
      },
    ));
  }
}
