/**
 * Code fetched on first use rather than with the page (its own chunk: `() => import('…')`).
 * `current` is null until it has arrived; read in markup or a `$derived`, it updates by itself.
 * A failed fetch is forgotten, so the next `load()` tries again.
 */
export class LazyModule<T, Args extends unknown[] = []> {
  current = $state.raw<T | null>(null);
  readonly #fetch: (...args: Args) => Promise<T>;
  #loading: Promise<void> | null = null;

  constructor(fetch: (...args: Args) => Promise<T>) {
    this.#fetch = fetch;
  }

  /** Starts the fetch (once); resolves when the module is in, or when the fetch failed. */
  load(...args: Args): Promise<void> {
    return (this.#loading ??= this.#fetch(...args).then(
      (module) => {
        this.current = module;
      },
      () => {
        this.#loading = null;
      },
    ));
  }
}
