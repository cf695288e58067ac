import type { ApiToken, CreatedApiToken } from '$shared/api/me';
import { createApiToken, listApiTokens, revokeApiToken } from '../api/me-endpoints';
import { ApiError } from '../api/http';

// The signed-in account's API tokens: a new token's secret is held here until dismissed (the
// server never shows it again); revoking asks once more before it acts.

export class ApiTokensPanel {
  tokens: ApiToken[] = $state.raw([]);
  /** The token just made, with its secret: shown once. */
  issued: CreatedApiToken | null = $state.raw(null);
  name = $state('');
  /** The token whose revocation is being confirmed. */
  confirming: string | null = $state(null);
  busy = $state(false);
  error: ApiError | null = $state.raw(null);

  async load(): Promise<void> {
    await this.#run(async () => {
      this.tokens = await listApiTokens();
    });
  }

  async create(): Promise<void> {
    const name = this.name.trim();
    if (!name) return;
    await this.#run(async () => {
      this.issued = await createApiToken({ name });
      this.name = '';
      this.tokens = await listApiTokens();
    });
  }

  async revoke(id: string): Promise<void> {
    await this.#run(async () => {
      await revokeApiToken(id);
      this.confirming = null;
      if (this.issued?.token.id === id) this.issued = null;
      this.tokens = await listApiTokens();
    });
  }

  async #run(task: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.error = null;
    try {
      await task();
    } catch (error) {
      this.error = error instanceof ApiError ? error : new ApiError('unexpected', 0, String(error));
    } finally {
      this.busy = false;
    }
  }
}
