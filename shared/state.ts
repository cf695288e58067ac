import type { ExerciseSnapshot } from './exercise';
import type {
  ChatThreadView,
  CompareSide,
  CompareWinner,
  EndReason,
  Evidence,
  FlagKind,
  JudgeFailureKind,
  JudgeVerdict,
  RecordedCheck,
  StaffVerdict,
  WorkspaceTab,
} from './events';
import type { GenerationParams, TurnFailureKind, Usage } from './generation';
import type { Expectation } from './expectations';
import type { Verdict } from './verdict';
import type { Role } from './roles';

// The state of a session, as the reducer builds it from the log. Server and clients hold
// the same shape; a candidate's copy simply never saw the staff-only events.

export type SessionStatus = 'scheduled' | 'live' | 'ended';

export interface Participant {
  id: string;
  role: Role;
  name: string | null;
  online: boolean;
  lastSeenAt: number;
}

export interface PromptVersion {
  id: string;
  number: number;
  text: string;
  label: string;
  rationale: string;
  parentId: string | null;
  at: number;
}

/** A node of a thread's conversation tree: a user message, or an answer (id = its turn's id). */
export interface ChatNode {
  id: string;
  kind: 'user' | 'assistant';
  threadId: string;
  parentId: string | null;
  childIds: string[];
  at: number;
  /** The user's text; for an answer, read the turn. */
  text: string;
}

export interface Thread {
  id: string;
  rootIds: string[];
  /** The newest node: where the next message goes when no parent is named. */
  leafId: string | null;
  createdAt: number;
}

export type TurnStatus = 'streaming' | 'completed' | 'failed' | 'cancelled';

export interface Turn {
  id: string;
  threadId: string;
  parentId: string;
  modelId: string;
  providerId: string;
  model: string;
  simulated: boolean;
  params: GenerationParams;
  request: { system: string; messages: { role: 'user' | 'assistant'; content: string }[] };
  promptVersionId: string | null;
  /** Set for the turns of a test run. */
  runId: string | null;
  caseId: string | null;
  /** Which of the case's answers in a stability run (0 otherwise). */
  answerIndex: number;
  /** Set for the two turns of a head-to-head comparison. */
  compareId: string | null;
  side: CompareSide | null;
  status: TurnStatus;
  text: string;
  startedAt: number;
  endedAt: number | null;
  finish: { unified: string; raw: string | null } | null;
  usage: Usage | null;
  ttftMs: number | null;
  durationMs: number | null;
  costUsd: number | null;
  requestId: string | null;
  failure: { kind: TurnFailureKind; message: string; status: number | null; retryable: boolean } | null;
  /** Staff only: the provider's scrubbed cause. */
  diagnostic: { cause: string; status: number | null; attempts: number } | null;
  cancelReason: 'stopped' | 'session_ended' | null;
}

export interface Note {
  id: string;
  text: string;
  tags: string[];
  pinnedAt: number;
  turnId: string | null;
  versionId: string | null;
  authorId: string | null;
  authorName: string | null;
  at: number;
}

export interface TestCaseState {
  id: string;
  title: string;
  input: string;
  expectations: Expectation[];
  /** `exercise` cases come with the exercise and cannot be removed. */
  origin: 'exercise' | 'candidate';
}

/** One answer to a case in a run, and its checks. */
export interface RunAnswer {
  turnId: string | null;
  /** null: the answer failed or never ran. False also when ungraded. */
  passed: boolean | null;
  /** No check failed, but a judge could not grade one. */
  ungraded: boolean;
  checks: RecordedCheck[];
  checked: boolean;
}

export interface TestRunCase {
  caseId: string;
  /** One per repetition (a single one unless the run is a stability run). */
  answers: RunAnswer[];
  /** Every answer is checked. */
  checked: boolean;
}

export interface TestRun {
  id: string;
  versionId: string | null;
  system: string;
  modelId: string;
  caseIds: string[];
  /** Answers per case: above 1, a stability run. */
  repeat: number;
  /** Cases asked for but not run: the budget left could not cover their answers. */
  skippedCaseIds: string[];
  /** Repetitions asked for but not run, for the same reason. */
  skippedRounds: number;
  cases: Record<string, TestRunCase>;
  status: 'running' | 'finished' | 'cancelled';
  startedAt: number;
  finishedAt: number | null;
  /** Answers, not cases. */
  passed: number;
  failed: number;
  errored: number;
  ungraded: number;
}

/** A judge model grading one llm_rubric check of one answer. */
export interface Judging {
  id: string;
  runId: string;
  caseId: string;
  answerIndex: number;
  checkIndex: number;
  turnId: string;
  modelId: string;
  providerId: string;
  model: string;
  simulated: boolean;
  pinnedModelId: string;
  params: GenerationParams;
  request: { system: string; messages: { role: 'user' | 'assistant'; content: string }[] };
  rubric: string;
  threshold: number;
  status: 'running' | 'completed' | 'failed';
  /** The raw answer. */
  text: string;
  verdict: JudgeVerdict | null;
  usage: Usage | null;
  costUsd: number | null;
  durationMs: number | null;
  failure: { kind: JudgeFailureKind; message: string } | null;
  /** Staff only: the provider's scrubbed cause. */
  diagnostic: { kind: TurnFailureKind; cause: string; status: number | null; attempts: number } | null;
  startedAt: number;
  endedAt: number | null;
}

export interface Comparison {
  id: string;
  text: string;
  sides: { side: CompareSide; turnId: string; versionId: string | null }[];
  startedAt: number;
  /** The candidate's latest verdict. */
  verdict: { winner: CompareWinner; reason: string; at: number } | null;
}

/** A staff label on one automatic check (the latest is the override in force). */
export interface CheckLabel {
  verdict: StaffVerdict;
  automatic: Verdict;
  reason: string;
  by: string | null;
  byName: string | null;
  byRole: string;
  at: number;
}

/** Which check of which answer: the key of `checkLabels`. */
export function checkKey(runId: string, caseId: string, answerIndex: number, checkIndex: number): string {
  return `${runId}/${caseId}/${answerIndex}/${checkIndex}`;
}

export interface Flag {
  id: string;
  turnId: string;
  kind: FlagKind;
  reason: string;
  at: number;
}

export interface ActivityMark {
  at: number;
  kind: 'focus-lost' | 'focus-back' | 'paste';
  target: string | null;
  chars: number | null;
}

export interface Score {
  criterionId: string;
  level: number | null;
  comment: string;
  evidence: Evidence[];
  at: number;
}

export interface Scorer {
  id: string;
  role: string;
  name: string | null;
  /** The staff account that scored, if any: reports name the scorer by it. */
  accountId: string | null;
  scores: Record<string, Score>;
  submittedAt: number | null;
}

export interface Hint {
  id: string;
  text: string;
  at: number;
}

export interface SessionState {
  headSeq: number;
  /** Time of the last applied event. */
  at: number;
  status: SessionStatus;
  exercise: ExerciseSnapshot | null;
  candidateName: string | null;
  /** When the session is planned to start (ms), or null; the candidate starts from a little before it (shared/planned-start.ts). */
  plannedStart: number | null;
  /** Staff let the candidate start before the planned start: when, and who. */
  earlyStart: { at: number; by: string | null } | null;
  createdAt: number | null;
  startedAt: number | null;
  deadline: number | null;
  endedAt: number | null;
  endReason: EndReason | null;
  participants: Record<string, Participant>;
  prompt: { draft: string; draftAt: number | null; versions: PromptVersion[] };
  threads: Record<string, Thread>;
  nodes: Record<string, ChatNode>;
  turns: Record<string, Turn>;
  /** Turn ids in start order, for lists and timelines. */
  turnOrder: string[];
  /** What the answers used (chat, test runs, comparisons). */
  totals: { inputTokens: number; outputTokens: number; costUsd: number; turns: number };
  /** What judges used grading answers: counted in the budget, shown apart. */
  judgeTotals: { inputTokens: number; outputTokens: number; costUsd: number; calls: number };
  hints: Hint[];
  testCases: Record<string, TestCaseState>;
  testCaseOrder: string[];
  testRuns: Record<string, TestRun>;
  testRunOrder: string[];
  judgings: Record<string, Judging>;
  comparisons: Record<string, Comparison>;
  comparisonOrder: string[];
  flags: Record<string, Flag>;
  writeup: { text: string; at: number | null };
  activity: { hidden: boolean; focusLosses: number; pastes: number; marks: ActivityMark[] };
  // Staff only: a candidate's state never has entries here.
  /** Where the candidate is looking (tab, conversation, branch), from `view.changed`; null until they say. */
  candidateView: CandidateView | null;
  notes: Note[];
  scorers: Record<string, Scorer>;
  review: { blind: boolean };
  questions: Record<string, { asked: boolean; notes: string; at: number; by: string | null }>;
  /** Staff labels on automatic checks, by checkKey, oldest first. */
  checkLabels: Record<string, CheckLabel[]>;
}

export interface CandidateView {
  tab: WorkspaceTab;
  thread: ChatThreadView;
  /** The last node of the branch on screen; null for an empty conversation. */
  nodeId: string | null;
  at: number;
}

export const MAIN_THREAD = 'main';
/** The thread holding the exercise's seeded conversation. */
export const SEED_THREAD = 'seed';

/**
 * The ids of the seeded conversation's n-th exchange (from 1): its user message and its answer
 * (a turn id, which `flag.set` takes). They are fixed, so a client can name them before any event.
 */
export function seedExchangeIds(n: number): { messageId: string; turnId: string } {
  return { messageId: `seed-u${n}`, turnId: `seed-a${n}` };
}

/** Test-run turns live in their own threads, out of the chat; a stability run's later answers each in another. */
export function testRunThreadId(runId: string, caseId: string, answerIndex = 0): string {
  return answerIndex === 0 ? `run:${runId}:${caseId}` : `run:${runId}:${caseId}:${answerIndex}`;
}

/** Each side of a head-to-head comparison answers in its own thread. */
export function compareThreadId(compareId: string, side: CompareSide): string {
  return `compare:${compareId}:${side}`;
}

/** The parent of a test case's answer: a case has no user message node of its own. */
export function caseParentId(caseId: string): string {
  return `case:${caseId}`;
}

export function isChatThread(threadId: string): boolean {
  return !threadId.startsWith('run:') && !threadId.startsWith('compare:');
}

/** An answer of the conversation: not a test run's, not a comparison's. */
export function isChatTurn(turn: Pick<Turn, 'threadId'>): boolean {
  return isChatThread(turn.threadId);
}

export function initialState(): SessionState {
  return {
    headSeq: 0,
    at: 0,
    status: 'scheduled',
    exercise: null,
    candidateName: null,
    plannedStart: null,
    earlyStart: null,
    createdAt: null,
    startedAt: null,
    deadline: null,
    endedAt: null,
    endReason: null,
    participants: {},
    prompt: { draft: '', draftAt: null, versions: [] },
    threads: {},
    nodes: {},
    turns: {},
    turnOrder: [],
    totals: { inputTokens: 0, outputTokens: 0, costUsd: 0, turns: 0 },
    judgeTotals: { inputTokens: 0, outputTokens: 0, costUsd: 0, calls: 0 },
    hints: [],
    testCases: {},
    testCaseOrder: [],
    testRuns: {},
    testRunOrder: [],
    judgings: {},
    comparisons: {},
    comparisonOrder: [],
    flags: {},
    writeup: { text: '', at: null },
    activity: { hidden: false, focusLosses: 0, pastes: 0, marks: [] },
    candidateView: null,
    notes: [],
    scorers: {},
    review: { blind: false },
    questions: {},
    checkLabels: {},
  };
}
