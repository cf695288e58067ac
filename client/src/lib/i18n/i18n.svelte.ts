import type { ErrorCode } from '$shared/errors';
import type { TurnFailureKind } from '$shared/generation';
import type { InvalidPatternError, UnsupportedConstruct } from '$shared/pattern-issue';
import type { ProblemRule } from '$shared/problems';
import { untrack } from 'svelte';
import { AREA_LOADERS, AREAS, type Area } from './areas';
import type { coreEn } from './core.en';
import type { errorsEn } from './errors.en';
import type { MessageKey, Messages } from './en';

// The i18n layer: the chosen language, message lookup and Intl formatting for it.
// One instance per app, handed down by context (see ./context.ts).

export const LOCALES = ['en', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];
export type { MessageKey };

const STORAGE_KEY = 'atelier.locale';

type Dictionary = Partial<Messages>;
/** Each language's areas fetched so far, merged; a new object each time an area comes in. */
const dictionaries: Record<Locale, Dictionary> = { en: {}, fr: {} };
const fetches: Record<Locale, Map<Area, Promise<void>>> = { en: new Map(), fr: new Map() };

/** Fetches `areas` of a language's dictionary (each once; a failed fetch is tried again next time). */
async function loadAreas(locale: Locale, areas: Iterable<Area>): Promise<Dictionary> {
  const pending = [...areas].map((area) => {
    let fetch = fetches[locale].get(area);
    if (!fetch) {
      fetch = AREA_LOADERS[locale][area]().then(
        (messages) => {
          dictionaries[locale] = { ...dictionaries[locale], ...messages };
        },
        (error: unknown) => {
          fetches[locale].delete(area);
          throw error;
        },
      );
      fetches[locale].set(area, fetch);
    }
    return fetch;
  });
  await Promise.all(pending);
  return dictionaries[locale];
}

// Every error code, field-problem rule, answer-failure kind and pattern issue the server can send has a message, in an
// area every page loads: a new one fails here until translated.
type Errors = Record<keyof typeof errorsEn, string>;
export const errorMessages = (messages: Errors): Record<`error.${ErrorCode}`, string> => messages;
export const problemMessages = (messages: Errors): Record<`problem.${ProblemRule}`, string> => messages;
export const failureMessages = (messages: Record<keyof typeof coreEn, string>): Record<`failure.${TurnFailureKind}`, string> => messages;
export const patternMessages = (
  messages: Errors,
): Record<`pattern.unsupported.${UnsupportedConstruct}` | `pattern.invalid.${InvalidPatternError}`, string> => messages;

function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The stored choice, else the first browser language we speak, else English. */
export function detectLocale(): Locale {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (isLocale(stored)) return stored;
  } catch {
    // storage may be disabled; fall through to the browser's languages
  }
  const languages = typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);
  for (const language of languages) {
    const base = language.toLowerCase().split('-')[0];
    if (isLocale(base)) return base;
  }
  return 'en';
}

export class I18n {
  locale = $state<Locale>('en');

  #numbers = $derived(new Intl.NumberFormat(this.locale));
  #usd = $derived(
    new Intl.NumberFormat(this.locale, { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 4 }),
  );
  #dateTime = $derived(new Intl.DateTimeFormat(this.locale, { dateStyle: 'medium', timeStyle: 'short' }));
  #time = $derived(new Intl.DateTimeFormat(this.locale, { hour: '2-digit', minute: '2-digit', second: '2-digit' }));
  #seconds = $derived(
    new Intl.NumberFormat(this.locale, { style: 'unit', unit: 'second', unitDisplay: 'narrow', maximumFractionDigits: 1 }),
  );
  #milliseconds = $derived(new Intl.NumberFormat(this.locale, { style: 'unit', unit: 'millisecond', unitDisplay: 'narrow' }));
  // A planned time, in the reader's regional form of the chosen language (en-GB: "Thursday 3
  // December", "14:00") and their own time zone.
  #regional = $derived(regionalTag(this.locale));
  #longDate = $derived(new Intl.DateTimeFormat(this.#regional, { weekday: 'long', day: 'numeric', month: 'long' }));
  #clock = $derived(new Intl.DateTimeFormat(this.#regional, { hour: 'numeric', minute: '2-digit' }));

  /** The messages of `locale` fetched for this page, swapped only once the new ones have loaded. */
  #messages = $state.raw<Dictionary>({});
  /** The areas the page has shown so far: a change of language fetches them all. */
  readonly #areas = new Set<Area>();
  #recovering = false;

  /** The page's language (the stored choice, else the browser's) with `areas` loaded; English if they fail to load. */
  static async start(areas: readonly Area[], locale: Locale = detectLocale()): Promise<I18n> {
    const i18n = new I18n(locale);
    try {
      await i18n.need(areas);
    } catch {
      i18n.locale = 'en';
      await i18n.need(areas);
    }
    return i18n;
  }

  private constructor(locale: Locale) {
    this.locale = locale;
    this.#syncDocument();
  }

  /**
   * Fetches the areas a view shows, in the page's language, before it renders. Reads no state, so
   * an `{#await}` on it is not run again when the language changes.
   */
  async need(areas: readonly Area[]): Promise<void> {
    for (const area of areas) this.#areas.add(area);
    const locale = untrack(() => this.locale);
    const messages = await loadAreas(locale, areas);
    if (untrack(() => this.locale) === locale) this.#messages = messages;
  }

  async setLocale(locale: Locale): Promise<void> {
    // Areas a view asked for meanwhile are fetched in the new language too.
    let areas: Area[];
    let messages: Dictionary;
    do {
      areas = [...this.#areas];
      messages = await loadAreas(locale, areas);
    } while (areas.length < this.#areas.size);
    this.#messages = messages;
    this.locale = locale;
    try {
      localStorage.setItem(STORAGE_KEY, locale);
    } catch {
      // the choice still holds for this page
    }
    this.#syncDocument();
  }

  /** The message for `key` in the current language, with `{name}` placeholders filled. */
  t = (key: MessageKey, params?: Record<string, string | number>): string => {
    const template = this.#messages[key] ?? this.#missing(key);
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = params[name];
      if (value === undefined) return whole;
      return typeof value === 'number' ? this.number(value) : value;
    });
  };

  /**
   * A key whose area has not come in: blank for now, and rendered once it has. A key of an area
   * its view does not fetch (i18n-areas.test.ts should have caught it) fetches every area.
   */
  #missing(key: MessageKey): string {
    if (!this.#recovering) {
      this.#recovering = true;
      const locale = this.locale;
      // An area on its way (fetched after the first render, say) is waited for; else every area is fetched.
      void Promise.allSettled(fetches[locale].values())
        .then(() => {
          if (!(key in dictionaries[locale])) console.error(`i18n: "${key}" is in an area its view did not load`);
          return key in dictionaries[locale] ? dictionaries[locale] : loadAreas(locale, AREAS);
        })
        .then(
          (messages) => {
            if (this.locale === locale) this.#messages = messages;
          },
          () => undefined,
        )
        .finally(() => {
          this.#recovering = false;
        });
    }
    return '';
  }

  /** A calm message for a server error code. */
  error = (code: ErrorCode): string => this.t(`error.${code}`);

  number = (value: number): string => this.#numbers.format(value);
  usd = (value: number): string => this.#usd.format(value);
  dateTime = (ms: number): string => this.#dateTime.format(ms);
  time = (ms: number): string => this.#time.format(ms);
  /** "Thursday 3 December" / "jeudi 3 décembre", in the reader's time zone. */
  longDate = (ms: number): string => this.#longDate.format(ms);
  /** "14:00" (or "2:00 pm" where the reader's region says so), in the reader's time zone. */
  clockTime = (ms: number): string => this.#clock.format(ms);

  /** A calm wait: "2 h 05 min", "12 min", "3 days"; whole minutes, rounded up. */
  wait = (ms: number): string => {
    const minutes = Math.max(1, Math.ceil(ms / 60_000));
    if (minutes >= 48 * 60) return this.t('time.days', { days: Math.floor(minutes / (24 * 60)) });
    if (minutes < 60) return this.t('time.minutes', { minutes });
    return this.t('time.hoursMinutes', { hours: Math.floor(minutes / 60), minutes: String(minutes % 60).padStart(2, '0') });
  };

  /** A short elapsed time: "850 ms", "1.2 s". */
  elapsed = (ms: number): string => (ms < 1000 ? this.#milliseconds.format(Math.round(ms)) : this.#seconds.format(ms / 1000));

  /** A countdown: "59:07", or "1:02:03" past an hour. Digits are the same in both languages. */
  countdown = (ms: number): string => {
    const total = Math.max(0, Math.ceil(ms / 1000));
    const hours = Math.floor(total / 3600);
    const minutes = Math.floor((total % 3600) / 60);
    const seconds = total % 60;
    const mm = String(minutes).padStart(hours > 0 ? 2 : 1, '0');
    const ss = String(seconds).padStart(2, '0');
    return hours > 0 ? `${hours}:${mm}:${ss}` : `${mm}:${ss}`;
  };

  #syncDocument(): void {
    if (typeof document !== 'undefined') document.documentElement.lang = this.locale;
  }
}

/** The browser's own tag for this language (en-GB, fr-CA), so dates read as the reader writes them; else the bare language. */
function regionalTag(locale: Locale): string {
  const languages = typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);
  const tag = languages.find((language) => language.toLowerCase().split('-')[0] === locale);
  try {
    return tag ? (Intl.getCanonicalLocales(tag)[0] ?? locale) : locale;
  } catch {
    return locale;
  }
}
