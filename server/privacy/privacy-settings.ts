import type { PrivacySettings } from '../../shared/api/settings';
import type { SettingsStore } from '../db/settings-store';

// The organisation's privacy settings: how long ended sessions are kept, and the consent
// text a candidate reads before starting. Stored in the settings table; defaults below.

export const CONSENT_LANGUAGES = ['en', 'fr'] as const;
export type ConsentLanguage = (typeof CONSENT_LANGUAGES)[number];

export const DEFAULT_CONSENT_TEXT: Record<ConsentLanguage, string> = {
  en: `## Before you start

This exercise is recorded so that the hiring team can assess it fairly.

**What is recorded:** everything you write and do in the workspace — your prompts and their drafts as you type, the messages you send and the answers you receive, your test cases, flags and write-up — with the time of each action, and when you paste text or leave the page (focus loss).

**Who sees it:** the interviewers of this session, live, and the reviewers named by the hiring team, afterwards. They may add private notes and scores about your work.

**How long it is kept:** for the period the organisation has set, then it is erased. You may ask the organisation for a copy of everything held about you, or for its erasure, at any time.

By starting the exercise you agree to this recording.`,
  fr: `## Avant de commencer

Cet exercice est enregistré afin que l'équipe de recrutement puisse l'évaluer équitablement.

**Ce qui est enregistré :** tout ce que vous écrivez et faites dans l'espace de travail — vos prompts et leurs brouillons pendant la frappe, les messages envoyés et les réponses reçues, vos cas de test, signalements et compte rendu — avec l'heure de chaque action, ainsi que les collages de texte et les moments où vous quittez la page (perte de focus).

**Qui le voit :** les intervieweurs de cette session, en direct, et les relecteurs désignés par l'équipe de recrutement, ensuite. Ils peuvent ajouter des notes et des évaluations privées sur votre travail.

**Durée de conservation :** la durée fixée par l'organisation, après quoi tout est effacé. Vous pouvez à tout moment demander à l'organisation une copie de toutes les données vous concernant, ou leur effacement.

En commençant l'exercice, vous acceptez cet enregistrement.`,
};

const KEY = 'privacy';

export class PrivacySettingsService {
  constructor(private readonly store: SettingsStore) {}

  get(): PrivacySettings {
    const stored = (this.store.get(KEY) ?? {}) as Partial<PrivacySettings>;
    return {
      retentionDays: stored.retentionDays ?? null,
      consentText: { ...DEFAULT_CONSENT_TEXT, ...stored.consentText },
    };
  }

  /** Applies the fields given; returns the whole settings and the names of the fields that changed. */
  update(patch: { retentionDays?: number | null; consentText?: Partial<PrivacySettings['consentText']> }): {
    settings: PrivacySettings;
    changed: string[];
  } {
    const before = this.get();
    const next: PrivacySettings = {
      retentionDays: patch.retentionDays !== undefined ? patch.retentionDays : before.retentionDays,
      consentText: { ...before.consentText, ...patch.consentText },
    };
    const changed: string[] = [];
    if (next.retentionDays !== before.retentionDays) changed.push('retentionDays');
    for (const language of CONSENT_LANGUAGES) {
      if (next.consentText[language] !== before.consentText[language]) changed.push(`consentText.${language}`);
    }
    // Only what the admin set is stored, so untouched texts follow the defaults of newer versions.
    const stored = (this.store.get(KEY) ?? {}) as Partial<PrivacySettings>;
    this.store.set(KEY, { ...stored, retentionDays: next.retentionDays, consentText: { ...stored.consentText, ...patch.consentText } });
    return { settings: next, changed };
  }

  consentFor(language: string): { language: ConsentLanguage; text: string } {
    const lang: ConsentLanguage = (CONSENT_LANGUAGES as readonly string[]).includes(language) ? (language as ConsentLanguage) : 'en';
    return { language: lang, text: this.get().consentText[lang] };
  }
}
