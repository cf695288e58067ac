import {
  createGreenhouseKey,
  getGreenhouseSettings,
  listGreenhouseErrors,
  listGreenhouseInterviews,
  listGreenhouseKeys,
  putGreenhouseSettings,
  revokeGreenhouseKey,
} from '../api/admin-endpoints';
import type {
  GreenhouseErrorList,
  GreenhouseInterviewList,
  GreenhouseKey,
  GreenhouseSettings,
  GreenhouseSettingsPatch,
} from '$shared/api/greenhouse';
import { AdminPageState } from './page-state.svelte';

// The Greenhouse part of the integrations page: API keys (a new key is shown once, until the
// admin dismisses it), the settings, and what Greenhouse sent and reported.

export class GreenhousePanel extends AdminPageState {
  keys: GreenhouseKey[] = $state.raw([]);
  keyName = $state('Greenhouse');
  /** The key just issued: the only time it can be read. */
  issued: { name: string; apiKey: string } | null = $state(null);
  settings: GreenhouseSettings | null = $state.raw(null);
  patchUsername = $state('');
  patchPassword = $state('');
  interviews: GreenhouseInterviewList['interviews'] = $state.raw([]);
  errors: GreenhouseErrorList['errors'] = $state.raw([]);
  savedAt: number | null = $state(null);

  load(): Promise<boolean> {
    return this.run(async () => {
      const [keys, settings, interviews, errors] = await Promise.all([
        listGreenhouseKeys(),
        getGreenhouseSettings(),
        listGreenhouseInterviews(),
        listGreenhouseErrors(),
      ]);
      this.keys = keys;
      this.#take(settings);
      this.interviews = interviews;
      this.errors = errors;
    });
  }

  issueKey(): Promise<boolean> {
    return this.run(async () => {
      const issued = await createGreenhouseKey({ name: this.keyName.trim() || 'Greenhouse' });
      this.issued = { name: issued.key.name, apiKey: issued.apiKey };
      this.keys = await listGreenhouseKeys();
    });
  }

  revokeKey(id: string): Promise<boolean> {
    return this.run(async () => {
      this.keys = await revokeGreenhouseKey(id);
    });
  }

  setSendScore(on: boolean): Promise<boolean> {
    return this.#save({ sendScore: on });
  }

  saveCredentials(): Promise<boolean> {
    const username = this.patchUsername.trim();
    // An empty password field keeps the stored one.
    return this.#save({
      patchUsername: username === '' ? null : username,
      ...(this.patchPassword !== '' ? { patchPassword: this.patchPassword } : {}),
    });
  }

  #save(body: GreenhouseSettingsPatch): Promise<boolean> {
    this.savedAt = null;
    return this.run(async () => {
      this.#take(await putGreenhouseSettings(body));
      this.patchPassword = '';
      this.savedAt = Date.now();
    });
  }

  #take(settings: GreenhouseSettings): void {
    this.settings = settings;
    this.patchUsername = settings.patchUsername ?? '';
  }
}
