import type { ApiError } from '../api/http';
import { asApiError } from './errors';

// What every admin page's state shares: one request at a time, its error, and a way back to
// sign-in when the admin cookie is gone.

export type OnUnauthorized = (error: ApiError) => void;

export class AdminPageState {
  busy = $state(false);
  error: ApiError | null = $state.raw(null);
  readonly #onUnauthorized: OnUnauthorized;

  constructor(onUnauthorized: OnUnauthorized) {
    this.#onUnauthorized = onUnauthorized;
  }

  /** Runs a request; true when it succeeded, else `error` says why. */
  protected async run(task: () => Promise<void>): Promise<boolean> {
    this.busy = true;
    this.error = null;
    try {
      await task();
      return true;
    } catch (error) {
      this.error = asApiError(error);
      this.#onUnauthorized(this.error);
      return false;
    } finally {
      this.busy = false;
    }
  }
}
