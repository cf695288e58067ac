import { exchangeAdminToken, listExercises, whoAmI } from '../api/endpoints';
import { createFirstAdmin, readSetupStatus, signOut } from '../api/admin-endpoints';
import type { ApiError } from '../api/http';
import type { ExerciseSummary } from '$shared/api/exercises';
import { asApiError } from './errors';

// The admin area's shared state: signing in (link fragment or typed token) and out, and the
// list of exercises sessions can be scheduled on. Each page keeps its own state beside it.

export type AdminPhase = 'checking' | 'signedOut' | 'ready';

export class AdminConsole {
  phase: AdminPhase = $state('checking');
  exercises: ExerciseSummary[] = $state.raw([]);
  busy = $state(false);
  error: ApiError | null = $state.raw(null);
  /** True until the first admin account exists: the admin link's page offers to create it. */
  setupNeeded = $state(false);
  /** The admin link's token, kept in memory only, to create the first admin account with. */
  #linkToken: string | null = null;
  /** A version number saved on one page for the next to confirm (a new exercise gets its own page). */
  #savedVersion: number | null = null;

  /** Exchanges the link's token if there is one, else asks the server whether our cookie is still good. */
  async init(fragmentToken: string | null): Promise<void> {
    if (fragmentToken) {
      this.#linkToken = fragmentToken.trim();
      await this.signIn(fragmentToken);
      if (this.phase === 'ready') return;
    }
    try {
      const me = await whoAmI();
      if (me.admin) await this.#enter();
      else this.phase = 'signedOut';
    } catch (error) {
      this.phase = 'signedOut';
      this.error = asApiError(error);
    }
  }

  async signIn(token: string): Promise<void> {
    await this.#run(async () => {
      await exchangeAdminToken(token.trim());
      await this.#enter();
    });
    if (this.phase !== 'ready') this.phase = 'signedOut';
  }

  /** The one-time admin link's last step: the first admin account, signed in from now on. */
  async createFirstAdmin(input: { name: string; email: string; password: string }): Promise<void> {
    const token = this.#linkToken;
    if (!token) return;
    await this.#run(async () => {
      await createFirstAdmin({ token, name: input.name.trim(), email: input.email.trim(), password: input.password });
      this.#linkToken = null;
      this.setupNeeded = false;
    });
  }

  async signOut(): Promise<void> {
    await this.#run(() => signOut());
    this.phase = 'signedOut';
  }

  /** A page's request failed for want of a valid cookie: back to sign-in. */
  lostAccess(error: ApiError): void {
    if (error.code === 'unauthorized') {
      this.error = error;
      this.phase = 'signedOut';
    }
  }

  carrySavedVersion(version: number): void {
    this.#savedVersion = version;
  }

  takeSavedVersion(): number | null {
    const version = this.#savedVersion;
    this.#savedVersion = null;
    return version;
  }

  async refreshExercises(): Promise<void> {
    await this.#run(async () => {
      this.exercises = await listExercises();
    });
  }

  async #enter(): Promise<void> {
    this.exercises = await listExercises();
    this.setupNeeded = this.#linkToken !== null && (await readSetupStatus()).needed;
    this.phase = 'ready';
  }

  async #run(task: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.error = null;
    try {
      await task();
    } catch (error) {
      this.error = asApiError(error);
      if (this.error.code === 'unauthorized') this.phase = 'signedOut';
    } finally {
      this.busy = false;
    }
  }
}
