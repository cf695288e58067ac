import { createSession, exchangeAdminToken, listExercises, listSessions, whoAmI } from '../api/endpoints';
import { ApiError } from '../api/http';
import type { CreatedSession, ExerciseSummary, SessionSummary } from '../api/types';

// The admin page's state: signing in (link fragment or typed token), the exercise list,
// the session just created and the sessions list.

export type AdminPhase = 'checking' | 'signedOut' | 'ready';

export class AdminConsole {
  phase: AdminPhase = $state('checking');
  exercises: ExerciseSummary[] = $state.raw([]);
  sessions: SessionSummary[] = $state.raw([]);
  created: CreatedSession | null = $state.raw(null);
  busy = $state(false);
  error: ApiError | null = $state.raw(null);

  /** Exchanges the link's token if there is one, else asks the server whether our cookie is still good. */
  async init(fragmentToken: string | null): Promise<void> {
    if (fragmentToken) {
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

  async create(input: { exercise: string; candidateName: string }): Promise<void> {
    await this.#run(async () => {
      const name = input.candidateName.trim();
      this.created = await createSession({
        ...(input.exercise ? { exercise: input.exercise } : {}),
        ...(name ? { candidateName: name } : {}),
      });
      this.sessions = await listSessions();
    });
  }

  async refresh(): Promise<void> {
    await this.#run(async () => {
      this.sessions = await listSessions();
    });
  }

  async #enter(): Promise<void> {
    const [exercises, sessions] = await Promise.all([listExercises(), listSessions()]);
    this.exercises = exercises;
    this.sessions = sessions;
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

function asApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError('network', 0, String(error));
}
