import { createContext } from 'svelte';
import { DEFAULT_PARAM_BOUNDS } from '$shared/exercise-defaults';
import type { ExerciseContent } from '$shared/exercise';
import { createExercise, getExercise, getProviders, updateExercise } from '../api/admin-endpoints';
import type { ExerciseDetail } from '$shared/api/exercises';
import type { Providers } from '$shared/api/providers';
import type { I18n } from '../i18n/i18n.svelte';
import { fieldProblems } from './errors';
import { AdminPageState, type OnUnauthorized } from './page-state.svelte';

// The exercise form's state. What the admin types is kept in localStorage until it is saved,
// so a reload, a crash or a failed save never loses it.

const DRAFT_PREFIX = 'atelier.admin.exerciseDraft.';

export function blankExercise(language = 'en'): ExerciseContent {
  return {
    slug: '',
    title: '',
    language,
    brief: '',
    systemPrompt: '',
    knowledgeBase: '',
    timeLimitMinutes: 45,
    models: [],
    defaultModel: '',
    params: structuredClone(DEFAULT_PARAM_BOUNDS),
    budget: { maxTokens: null, maxCostUsd: null },
    testCases: [],
    seedConversation: [],
    rubric: [],
    questions: [],
  };
}

/** `t1`, `t2`…: the first id with `prefix` that the list does not use yet. */
export function nextId(prefix: string, used: readonly { id: string }[]): string {
  const taken = new Set(used.map((item) => item.id));
  let n = used.length + 1;
  while (taken.has(`${prefix}${n}`)) n += 1;
  return `${prefix}${n}`;
}

export class ExerciseEditor extends AdminPageState {
  /** null for a new exercise. */
  readonly exerciseId: string | null;
  draft: ExerciseContent = $state(blankExercise());
  saved: ExerciseDetail | null = $state.raw(null);
  providers: Providers | null = $state.raw(null);
  /** A draft from an earlier visit was restored instead of the saved version. */
  restored = $state(false);
  /** The version number just saved, for the confirmation line. */
  justSaved: number | null = $state(null);
  loaded = $state(false);
  /** The draft as loaded (saved content, or the blank form): equal to it means nothing to keep. */
  #baseline = '';
  readonly #i18n: I18n;
  /** Field → what the server found wrong with it, in the reader's language (follows a language switch). */
  problems = $derived.by(() => (this.error ? fieldProblems(this.error, this.#i18n) : new Map<string, string[]>()));

  constructor(exerciseId: string | null, i18n: I18n, onUnauthorized: OnUnauthorized) {
    super(onUnauthorized);
    this.exerciseId = exerciseId;
    this.#i18n = i18n;
  }

  get #draftKey(): string {
    return DRAFT_PREFIX + (this.exerciseId ?? 'new');
  }

  async load(): Promise<void> {
    const stored = readDraft(this.#draftKey);
    await this.run(async () => {
      const [detail, providers] = await Promise.all([
        this.exerciseId ? getExercise(this.exerciseId) : Promise.resolve(null),
        getProviders().catch(() => null),
      ]);
      this.saved = detail;
      this.providers = providers;
      if (stored) {
        this.draft = stored;
        this.restored = true;
      } else if (detail) {
        this.draft = structuredClone(detail.content);
      } else {
        this.draft = this.#blank();
      }
    });
    this.#baseline = this.saved ? JSON.stringify(this.saved.content) : JSON.stringify(this.#blank());
    this.loaded = true;
  }

  /** Writes the draft to localStorage; called from an $effect, so it runs on every change. */
  persist(): void {
    const text = JSON.stringify(this.draft);
    if (!this.loaded) return;
    try {
      if (text === this.#baseline) localStorage.removeItem(this.#draftKey);
      else localStorage.setItem(this.#draftKey, text);
    } catch {
      // storage full or disabled: the draft still lives in the page
    }
  }

  /** A new exercise's empty form, with the server's default model filled in. */
  #blank(): ExerciseContent {
    const blank = blankExercise();
    if (this.providers) blank.defaultModel = this.providers.defaultModel;
    return blank;
  }

  discardDraft(): void {
    this.draft = this.saved ? structuredClone(this.saved.content) : this.#blank();
    this.restored = false;
    try {
      localStorage.removeItem(this.#draftKey);
    } catch {
      // nothing stored
    }
  }

  /** Saves a new version (or the first); returns the saved exercise. */
  async save(): Promise<ExerciseDetail | null> {
    this.justSaved = null;
    const content = $state.snapshot(this.draft);
    let result: ExerciseDetail | null = null;
    await this.run(async () => {
      result = this.exerciseId ? await updateExercise(this.exerciseId, content) : await createExercise(content);
    });
    if (!result) return null;
    const saved: ExerciseDetail = result;
    try {
      localStorage.removeItem(this.#draftKey);
    } catch {
      // nothing stored
    }
    this.saved = saved;
    this.#baseline = JSON.stringify(saved.content);
    this.draft = structuredClone(saved.content);
    this.restored = false;
    this.justSaved = saved.version;
    return saved;
  }

  /** The server's complaints about one field (or anything under it with `nested`). */
  problemsAt(path: string, nested = false): string[] {
    if (!nested) return this.problems.get(path) ?? [];
    return [...this.problems]
      .filter(([key]) => key === path || key.startsWith(`${path}/`))
      .flatMap(([key, list]) => list.map((m) => (key === path ? m : `${key.slice(path.length + 1)}: ${m}`)));
  }
}

function readDraft(key: string): ExerciseContent | null {
  try {
    const text = localStorage.getItem(key);
    return text ? (JSON.parse(text) as ExerciseContent) : null;
  } catch {
    return null;
  }
}

const [getExerciseEditorContext, setExerciseEditorContext] = createContext<ExerciseEditor>();
export { getExerciseEditorContext, setExerciseEditorContext };
