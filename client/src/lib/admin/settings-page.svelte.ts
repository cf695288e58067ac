import { getProviders, getSettings, putSettings } from '../api/admin-endpoints';
import type { Providers } from '$shared/api/providers';
import type { PrivacySettings, SettingsPatch } from '$shared/api/settings';
import { AdminPageState } from './page-state.svelte';

// The settings page: retention, the consent text per language and the providers' status,
// read-only. Candidates' requests are in candidate-privacy.svelte.ts.

export type ConsentLanguage = keyof PrivacySettings['consentText'];

export class SettingsPage extends AdminPageState {
  settings: PrivacySettings | null = $state.raw(null);
  /** The retention field as typed: empty keeps sessions forever. */
  retention = $state('');
  consent: PrivacySettings['consentText'] = $state({ en: '', fr: '' });
  providers: Providers | null = $state.raw(null);
  providersFailed = $state(false);
  savedAt: number | null = $state(null);

  retentionValid = $derived(this.retention.trim() === '' || /^[1-9]\d{0,4}$/.test(this.retention.trim()));

  load(): Promise<boolean> {
    void getProviders()
      .then((providers) => (this.providers = providers))
      .catch(() => (this.providersFailed = true));
    return this.run(async () => {
      this.#take(await getSettings());
    });
  }

  saveRetention(): Promise<boolean> {
    const text = this.retention.trim();
    return this.#save({ retentionDays: text === '' ? null : Number(text) });
  }

  saveConsent(language: ConsentLanguage): Promise<boolean> {
    return this.#save({ consentText: { ...this.settings!.consentText, [language]: this.consent[language] } });
  }

  #save(body: SettingsPatch): Promise<boolean> {
    this.savedAt = null;
    return this.run(async () => {
      this.#take(await putSettings(body));
      this.savedAt = Date.now();
    });
  }

  #take(settings: PrivacySettings): void {
    this.settings = settings;
    this.retention = settings.retentionDays === null ? '' : String(settings.retentionDays);
    this.consent = { ...settings.consentText };
  }
}
