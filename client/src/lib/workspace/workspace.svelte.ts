import { createContext } from 'svelte';
import { budgetSpent } from '$shared/budget';
import type { CommandData, CommandName } from '$shared/commands';
import { promptHash } from '$shared/prompt-hash';
import type { GenerationParams } from '$shared/generation';
import { DEFAULT_PARAM_BOUNDS } from '$shared/exercise-defaults';
import type { ParamBounds } from '$shared/exercise';
import type { FieldProblem } from '$shared/problems';
import { MAIN_THREAD, SEED_THREAD, type CandidateView, type ChatNode, type SessionState, type Turn } from '$shared/state';
import type { ChatThreadView, WorkspaceTab } from '$shared/events';
import { debounce } from '../debounce';
import type { ModelOption } from '$shared/api/sessions';
import type { CommandOptions } from '../commands.svelte';
import { choicesToShow, choose, visiblePath, type BranchChoices } from './branches';
import { JsonSlot, SyncedDraft, textSlot, type TextSlot } from './drafts.svelte';
import { fromDraft, toDraft, type DraftExpectation } from './expectation-draft';
import type { VersionKey } from './results';

// The candidate workspace's state and actions, shared by its components through context.
// Session truth comes from `source.state` (live or replayed); what lives here is the view's
// own: unsent drafts, the branch and tab being looked at, selections.

export type SendCommand = <N extends CommandName>(name: N, data: CommandData<N>, options?: CommandOptions) => Promise<boolean>;

/** What the Workspace component's props provide; read through getters so they stay live. */
export interface WorkspaceSource {
  readonly state: SessionState;
  readonly readonly: boolean;
  readonly connected: boolean;
  readonly send: SendCommand | undefined;
  readonly models: ModelOption[];
  readonly defaultModel: string | null;
  /** localStorage prefix for drafts (e.g. `atelier.<sessionId>`); null keeps them in memory. */
  readonly draftKey: string | null;
}

export type SideTab = WorkspaceTab;
export type ChatView = ChatThreadView;

/** Where a workspace reader is looking: what the candidate's `view.changed` reports. */
export interface WorkspaceView {
  tab: SideTab;
  thread: ChatView;
  nodeId: string | null;
}

/** The candidate's view is reported once it has settled this long (tab flicks are not recorded). */
const VIEW_REPORT_MS = 400;

export interface CaseDraft {
  caseId: string | null;
  title: string;
  input: string;
  expectations: DraftExpectation[];
}

/** One side of a head-to-head: undefined picks the default (the latest version, the chat's model). */
export interface CompareSideChoice {
  versionId: VersionKey | undefined;
  model: string | undefined;
}

/** One automatic check of one answer of a test run (what a staff override names). */
export interface CheckRef {
  runId: string;
  caseId: string;
  answerIndex: number;
  checkIndex: number;
}

export interface ModelSettings {
  model: string;
  temperature: number;
  topP: number;
  maxOutputTokens: number;
}

const PROMPT_DEBOUNCE_MS = 400;
const WRITEUP_DEBOUNCE_MS = 600;

export class WorkspaceModel {
  readonly #source: WorkspaceSource;

  readonly prompt: SyncedDraft;
  readonly writeup: SyncedDraft;
  readonly message: TextSlot;
  readonly versionLabel: TextSlot;
  readonly versionRationale: TextSlot;
  readonly caseDraft: JsonSlot<CaseDraft>;
  /** The head-to-head message being written. */
  readonly compareMessage: TextSlot;
  readonly #settings: JsonSlot<Partial<ModelSettings>>;

  sideTab: SideTab = $state('tests');
  chatView: ChatView = $state('main');
  choices: BranchChoices = $state.raw({});
  /** "New conversation": the main thread shows empty and the next message starts a new root. */
  freshConversation = $state(false);
  /** An answer to bring into view and highlight (a jump from the flags list). */
  focusedTurnId: string | null = $state(null);
  /** What the server said is wrong with the case being saved, by field (`/expectations/2/schema`). */
  caseProblems: FieldProblem[] = $state.raw([]);
  /** The prompt read wide, over the whole workspace (a mirror's focus mode). */
  promptFocus = $state(false);
  /** The prompt as this reader last looked at it; what changed since is highlighted. */
  promptSeen: string | null = $state(null);
  /** The case editor was just opened by the candidate: bring it into view and focus it once. */
  caseEditorRequested = $state(false);
  /** The two sides of a head-to-head comparison: a version (null: the draft) and a model each. */
  compareSides: [CompareSideChoice, CompareSideChoice] = $state([
    { versionId: undefined, model: undefined },
    { versionId: undefined, model: undefined },
  ]);
  /** What the server said is wrong with the comparison asked for, by field (`/sides/1/model`). */
  compareProblems: FieldProblem[] = $state.raw([]);
  /** The matrix cell whose answer and checks are open (answerIndex: which of a stability run's answers). */
  openCell: { runId: string; caseId: string; answerIndex: number } | null = $state(null);
  /** The two sides of the prompt diff and of Compare; undefined = the default choice. */
  diffPair: { from: VersionKey | undefined; to: VersionKey | undefined } = $state({ from: undefined, to: undefined });

  /** The view last reported to the server (a JSON key), so an unchanged view sends nothing. */
  #viewSent: string | null = null;
  readonly #viewReport = debounce(() => void this.#sendView(), VIEW_REPORT_MS);
  /** A mirror following the candidate: where they are looking (null: not following). */
  #follow: CandidateView | null = null;

  constructor(source: WorkspaceSource) {
    this.#source = source;
    const key = (name: string) => (source.draftKey === null ? null : `${source.draftKey}.${name}`);
    this.prompt = new SyncedDraft({
      key: key('prompt'),
      server: () => this.state.prompt.draft,
      push: (text) => void this.#send('prompt.draft', { text }, { quiet: true }),
      debounceMs: PROMPT_DEBOUNCE_MS,
    });
    this.writeup = new SyncedDraft({
      key: key('writeup'),
      server: () => this.state.writeup.text,
      push: (text) => void this.#send('writeup.update', { text }, { quiet: true }),
      debounceMs: WRITEUP_DEBOUNCE_MS,
    });
    this.message = textSlot(key('message'));
    this.versionLabel = textSlot(key('versionLabel'));
    this.versionRationale = textSlot(key('versionRationale'));
    this.caseDraft = new JsonSlot<CaseDraft>(key('testcase'));
    this.compareMessage = textSlot(key('compareMessage'));
    this.#settings = new JsonSlot<Partial<ModelSettings>>(key('settings'));
  }

  get state(): SessionState {
    return this.#source.state;
  }

  /** Nothing can change: a mirror, a replay, or a session not (or no longer) running. */
  get readOnly(): boolean {
    return this.#source.readonly || !this.#source.send || this.state.status !== 'live';
  }

  get connected(): boolean {
    return this.#source.connected;
  }

  /** Commands can go out now (typing stays possible while disconnected). */
  get canAct(): boolean {
    return !this.readOnly && this.#source.connected;
  }

  /** The session's token or cost budget is used up: no answer can start (the server refuses too). */
  get budgetSpent(): boolean {
    const { exercise, totals } = this.state;
    return exercise !== null && budgetSpent(exercise.budget, totals);
  }

  get models(): ModelOption[] {
    return this.#source.models;
  }

  /** Drafts shown to a mirror are the server's, never this browser's storage. */
  get promptText(): string {
    return this.readOnly ? this.state.prompt.draft : this.prompt.text;
  }

  get writeupText(): string {
    return this.readOnly ? this.state.writeup.text : this.writeup.text;
  }

  #send<N extends CommandName>(name: N, data: CommandData<N>, options?: CommandOptions): Promise<boolean> {
    const send = this.#source.send;
    if (!send || this.readOnly) return Promise.resolve(false);
    return send(name, data, options);
  }

  // ── prompt and versions ─────────────────────────────────────────────

  editPrompt(text: string): void {
    if (!this.readOnly) this.prompt.edit(text);
  }

  async saveVersion(): Promise<boolean> {
    const label = (this.versionLabel.current ?? '').trim();
    if (!label) return false;
    this.prompt.flush();
    const ok = await this.#send('prompt.save', { text: this.prompt.text, label, rationale: (this.versionRationale.current ?? '').trim() });
    if (ok) {
      this.versionLabel.current = null;
      this.versionRationale.current = null;
      this.diffPair = { from: undefined, to: undefined };
    }
    return ok;
  }

  restoreVersion(versionId: string): void {
    const version = this.state.prompt.versions.find((v) => v.id === versionId);
    if (!version || this.readOnly) return;
    this.prompt.edit(version.text);
    this.prompt.flush();
  }

  /** The text of a version, or the current draft for null. */
  versionText(key: VersionKey): string {
    if (key === null) return this.promptText;
    return this.state.prompt.versions.find((v) => v.id === key)?.text ?? '';
  }

  /** The latest saved version that is exactly the current draft, if any. */
  get draftVersionId(): string | null {
    const text = this.promptText;
    const versions = this.state.prompt.versions;
    for (let i = versions.length - 1; i >= 0; i--) if (versions[i]!.text === text) return versions[i]!.id;
    return null;
  }

  /** The reader has looked at the prompt as it is now. */
  markPromptSeen(): void {
    this.promptSeen = this.promptText;
  }

  // ── chat ────────────────────────────────────────────────────────────

  get threadId(): string {
    return this.chatView === 'seed' ? SEED_THREAD : MAIN_THREAD;
  }

  path(threadId: string): ChatNode[] {
    if (threadId === MAIN_THREAD && this.freshConversation) return [];
    return visiblePath(this.state, threadId, this.choices);
  }

  /** The answer being written in the main thread, on any branch. */
  get streamingTurn(): Turn | null {
    const { turnOrder, turns } = this.state;
    for (let i = turnOrder.length - 1; i >= 0; i--) {
      const turn = turns[turnOrder[i]!];
      if (turn?.threadId === MAIN_THREAD && turn.status === 'streaming') return turn;
    }
    return null;
  }

  get settings(): ModelSettings {
    const bounds = this.bounds;
    const stored = this.#settings.current ?? {};
    const allowed = this.models.map((m) => m.id);
    const fallback = this.#source.defaultModel || this.state.exercise?.defaultModel || '';
    return {
      model: stored.model && (allowed.length === 0 || allowed.includes(stored.model)) ? stored.model : fallback,
      temperature: clamp(stored.temperature, bounds.temperature),
      topP: clamp(stored.topP, bounds.topP),
      maxOutputTokens: Math.round(clamp(stored.maxOutputTokens, bounds.maxOutputTokens)),
    };
  }

  get bounds(): ParamBounds {
    return this.state.exercise?.params ?? DEFAULT_PARAM_BOUNDS;
  }

  changeSettings(change: Partial<ModelSettings>): void {
    this.#settings.current = { ...(this.#settings.current ?? {}), ...change };
  }

  #generation(): { model?: string; params: Partial<GenerationParams> } {
    const { model, temperature, topP, maxOutputTokens } = this.settings;
    return { ...(model ? { model } : {}), params: { temperature, topP, maxOutputTokens } };
  }

  get busy(): boolean {
    return this.streamingTurn !== null;
  }

  /** Sends the composer's text after the branch on screen. */
  async sendMessage(): Promise<void> {
    const text = (this.message.current ?? '').trim();
    if (!text || this.busy || !this.canAct) return;
    const leaf = this.path(MAIN_THREAD).at(-1) ?? null;
    // null: a new root (the earlier conversations stay, one branch switch away).
    const ok = await this.#post(text, this.freshConversation ? null : leaf ? leaf.id : undefined);
    if (ok && (this.message.current ?? '').trim() === text) this.message.current = null;
  }

  /** An edited earlier message: a sibling of the original, a new branch. */
  editMessage(node: ChatNode, text: string): Promise<boolean> {
    return this.#post(text.trim(), node.parentId);
  }

  /** The same question answered again: a sibling answer on its own branch. */
  regenerate(answer: ChatNode): Promise<boolean> {
    const question = answer.parentId ? this.state.nodes[answer.parentId] : undefined;
    if (!question || question.kind !== 'user' || this.busy || !this.canAct) return Promise.resolve(false);
    this.chatView = 'main';
    return this.#send('message.regenerate', { messageId: question.id, ...this.#generation(), ...this.#againstDraft() });
  }

  #post(text: string, parentId: string | null | undefined): Promise<boolean> {
    if (!text || this.busy || !this.canAct) return Promise.resolve(false);
    this.chatView = 'main';
    return this.#send('message.send', {
      text,
      threadId: MAIN_THREAD,
      ...(parentId === undefined ? {} : { parentId }),
      ...this.#generation(),
      ...this.#againstDraft(),
    });
  }

  /**
   * The answer uses the server's draft: push the latest edit now, and name the draft this
   * command was written against, so the server refuses it (prompt_changed) rather than use an
   * older one if that push was lost.
   */
  #againstDraft(): { promptHash: string } {
    this.prompt.resend();
    this.prompt.flush();
    return { promptHash: promptHash(this.prompt.text) };
  }

  stop(): void {
    const turn = this.streamingTurn;
    if (turn) void this.#send('turn.stop', { turnId: turn.id });
  }

  showSibling(node: ChatNode, siblingId: string): void {
    this.freshConversation = false;
    this.choices = choose(this.choices, node, siblingId);
  }

  /** The newest node changed: show the branch it is on (or, following the candidate, theirs). */
  followLeaf(): void {
    if (this.#follow) return this.#showView(this.#follow);
    this.choices = {};
    this.freshConversation = false;
  }

  // ── where the reader is looking ─────────────────────────────────────

  /** The tab, the conversation, and the last node of the branch on screen. */
  get view(): WorkspaceView {
    return { tab: this.sideTab, thread: this.chatView, nodeId: this.path(this.threadId).at(-1)?.id ?? null };
  }

  /** The candidate's view changed: tell the server once it settles (staff may follow it). */
  reportView(): void {
    if (!this.readOnly) this.#viewReport.call();
  }

  async #sendView(): Promise<void> {
    if (!this.canAct) return;
    const view = this.view;
    const key = JSON.stringify(view);
    if (key === this.#viewSent) return;
    this.#viewSent = key;
    const ok = await this.#send('view.changed', view, { quiet: true });
    if (!ok && this.#viewSent === key) this.#viewSent = null;
  }

  /** A mirror follows the candidate's view as it changes; null stops following (the view stays). */
  follow(view: CandidateView | null): void {
    this.#follow = view;
    if (view) this.#showView(view);
  }

  #showView(view: CandidateView): void {
    this.sideTab = view.tab;
    this.chatView = view.thread;
    const node = view.nodeId ? this.state.nodes[view.nodeId] : undefined;
    this.choices = node ? choicesToShow(this.state, node.id) : {};
    this.freshConversation = view.thread === 'main' && !node && (this.state.threads[MAIN_THREAD]?.rootIds.length ?? 0) > 0;
  }

  /** Starts over with an empty conversation; nothing is lost (the old one is a sibling root). */
  newConversation(): void {
    if (this.readOnly) return;
    this.chatView = 'main';
    this.freshConversation = true;
  }

  /** Brings an answer into view wherever it is: the chat (on its branch), the seed, or a test run. */
  focusTurn(turnId: string): void {
    const turn = this.state.turns[turnId];
    const node = this.state.nodes[turnId];
    if (turn?.compareId) {
      this.sideTab = 'compare';
    } else if (turn?.runId && turn.caseId) {
      this.sideTab = 'tests';
      this.openCell = { runId: turn.runId, caseId: turn.caseId, answerIndex: turn.answerIndex };
    } else if (node) {
      this.freshConversation = false;
      this.chatView = node.threadId === SEED_THREAD ? 'seed' : 'main';
      this.choices = choicesToShow(this.state, turnId, this.choices);
    }
    this.focusedTurnId = turnId;
  }

  // ── tests ───────────────────────────────────────────────────────────

  get activeRun() {
    const { testRunOrder, testRuns } = this.state;
    for (let i = testRunOrder.length - 1; i >= 0; i--) {
      const run = testRuns[testRunOrder[i]!];
      if (run?.status === 'running') return run;
    }
    return null;
  }

  startRun(versionId: VersionKey, repeat = 1): Promise<boolean> {
    // The same model and parameters as the chat, so a run tests what the candidate tried.
    return this.#send('testrun.start', {
      ...(versionId ? { versionId } : this.#againstDraft()),
      ...this.#generation(),
      ...(repeat > 1 ? { repeat } : {}),
    });
  }

  cancelRun(runId: string): void {
    void this.#send('testrun.cancel', { runId });
  }

  editCase(caseId: string | null): void {
    const existing = caseId ? this.state.testCases[caseId] : undefined;
    this.caseProblems = [];
    this.caseEditorRequested = true;
    this.caseDraft.current = existing
      ? { caseId: existing.id, title: existing.title, input: existing.input, expectations: existing.expectations.map(toDraft) }
      : { caseId: null, title: '', input: '', expectations: [] };
  }

  async saveCase(): Promise<boolean> {
    const draft = this.caseDraft.current;
    if (!draft || !draft.input.trim()) return false;
    const expectations = draft.expectations.map((d) => fromDraft(toDraft(d)));
    if (expectations.some((e) => e === null)) return false;
    this.caseProblems = [];
    const ok = await this.#send(
      'testcase.save',
      {
        ...(draft.caseId ? { caseId: draft.caseId } : {}),
        title: draft.title.trim(),
        input: draft.input,
        expectations: expectations.filter((e) => e !== null),
      },
      { onProblems: (problems) => (this.caseProblems = problems) },
    );
    if (ok) this.caseDraft.current = null;
    return ok;
  }

  removeCase(caseId: string): void {
    void this.#send('testcase.remove', { caseId });
  }

  // ── head-to-head ────────────────────────────────────────────────────

  /** The version and model each side uses: side a the version before the latest, side b the latest (or the draft). */
  compareSide(index: 0 | 1): { versionId: VersionKey; model: string } {
    const versions = this.state.prompt.versions;
    const choice = this.compareSides[index];
    const fallback =
      index === 0
        ? versions.length >= 2
          ? versions.at(-2)!.id
          : (versions.at(-1)?.id ?? null)
        : versions.length >= 2
          ? versions.at(-1)!.id
          : null;
    return { versionId: choice.versionId === undefined ? fallback : choice.versionId, model: choice.model ?? this.settings.model };
  }

  chooseCompareSide(index: 0 | 1, change: Partial<CompareSideChoice>): void {
    const sides = [...this.compareSides] as [CompareSideChoice, CompareSideChoice];
    sides[index] = { ...sides[index], ...change };
    this.compareSides = sides;
    this.compareProblems = [];
  }

  /** A comparison streams: its two answers are still being written. */
  get comparing(): boolean {
    return this.state.comparisonOrder.some((id) =>
      this.state.comparisons[id]?.sides.some((s) => this.state.turns[s.turnId]?.status === 'streaming'),
    );
  }

  /** Sends the head-to-head message to both sides at once. */
  async startCompare(): Promise<boolean> {
    const text = (this.compareMessage.current ?? '').trim();
    if (!text || !this.canAct || this.comparing) return false;
    const { params } = this.#generation();
    const sides = ([0, 1] as const).map((i) => {
      const side = this.compareSide(i);
      if (side.versionId === null) this.prompt.flush();
      return { ...(side.versionId ? { versionId: side.versionId } : {}), ...(side.model ? { model: side.model } : {}), params };
    });
    this.compareProblems = [];
    const ok = await this.#send('compare.start', { text, sides }, { onProblems: (problems) => (this.compareProblems = problems) });
    if (ok && (this.compareMessage.current ?? '').trim() === text) this.compareMessage.current = null;
    return ok;
  }

  judgeCompare(compareId: string, winner: 'a' | 'b' | 'tie', reason: string): Promise<boolean> {
    return this.#send('compare.verdict', { compareId, winner, reason: reason.trim() });
  }

  // ── flags, write-up, activity, lifecycle ────────────────────────────

  setFlag(turnId: string, kind: 'wrong' | 'unethical' | 'good', reason: string): Promise<boolean> {
    return this.#send('flag.set', { turnId, kind, reason: reason.trim() });
  }

  clearFlag(flagId: string): void {
    void this.#send('flag.clear', { flagId });
  }

  editWriteup(text: string): void {
    if (!this.readOnly) this.writeup.edit(text);
  }

  async submit(): Promise<boolean> {
    this.prompt.flush();
    this.writeup.flush();
    return this.#send('session.submit', {});
  }

  pasted(target: 'prompt' | 'message' | 'writeup' | 'testcase' | 'rationale', chars: number): void {
    if (chars > 0) void this.#send('activity.paste', { target, chars }, { quiet: true });
  }

  /** After a (re)connection: push what the server missed. */
  resync(): void {
    if (this.readOnly) return;
    this.prompt.resend();
    this.writeup.resend();
    this.#viewSent = null;
    this.reportView();
  }

  flushDrafts(): void {
    this.prompt.flush();
    this.writeup.flush();
    this.#viewReport.cancel();
  }
}

function clamp(value: number | undefined, bound: { min: number; max: number; default: number }): number {
  if (typeof value !== 'number' || Number.isNaN(value)) return bound.default;
  return Math.min(bound.max, Math.max(bound.min, value));
}

const [getWorkspaceContext, setWorkspaceContext] = createContext<WorkspaceModel>();
export { getWorkspaceContext, setWorkspaceContext };
