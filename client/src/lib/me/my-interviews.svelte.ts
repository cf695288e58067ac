import type { Account } from '$shared/api/accounts';
import type { MySession, MySessionBucket } from '$shared/api/me';
import { listMySessions, readMe, readSignInOptions, signInWithPassword, signOutAccount } from '../api/me-endpoints';
import { ApiError } from '../api/http';

// "My interviews": sign in with a password, then the sessions assigned to this account, in
// the order a person works through them. The form keeps what was typed when a sign-in fails.

export type MyPhase = 'checking' | 'signedOut' | 'ready';

export const BUCKETS: readonly MySessionBucket[] = ['live', 'upcoming', 'to_review', 'reviewed'];

export class MyInterviews {
  phase: MyPhase = $state('checking');
  account: Account | null = $state.raw(null);
  sessions: MySession[] = $state.raw([]);
  /** Where single sign-on starts, when the server has an identity provider. */
  ssoHref: string | null = $state(null);
  busy = $state(false);
  error: ApiError | null = $state.raw(null);

  byBucket = $derived(new Map(BUCKETS.map((bucket) => [bucket, this.sessions.filter((s) => s.bucket === bucket)])));

  async init(): Promise<void> {
    readSignInOptions().then(
      (options) => (this.ssoHref = options.oidcLogin),
      () => undefined,
    );
    try {
      this.account = (await readMe()).account;
      await this.#load();
    } catch (error) {
      this.phase = 'signedOut';
      if (!(error instanceof ApiError && error.code === 'unauthorized')) this.error = asError(error);
    }
  }

  async signIn(email: string, password: string): Promise<void> {
    await this.#run(async () => {
      this.account = (await signInWithPassword({ email: email.trim(), password })).account;
      await this.#load();
    });
  }

  async signOut(): Promise<void> {
    await this.#run(() => signOutAccount());
    this.account = null;
    this.sessions = [];
    this.phase = 'signedOut';
  }

  async refresh(): Promise<void> {
    await this.#run(() => this.#load());
  }

  async #load(): Promise<void> {
    this.sessions = await listMySessions();
    this.phase = 'ready';
  }

  async #run(task: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.error = null;
    try {
      await task();
    } catch (error) {
      this.error = asError(error);
      if (this.error.code === 'unauthorized') this.phase = 'signedOut';
    } finally {
      this.busy = false;
    }
  }
}

function asError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError('unexpected', 0, String(error));
}
