import type { ExerciseSnapshot } from './exercise';
import type { EndReason, Evidence, FlagKind } from './events';
import type { GenerationParams, TurnFailureKind, Usage } from './generation';
import type { Expectation } from './expectations';
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

export interface TestRunCase {
  caseId: string;
  turnId: string | null;
  passed: boolean | null;
  checks: { kind: string; passed: boolean; detail: string; error?: string }[];
  checked: boolean;
}

export interface TestRun {
  id: string;
  versionId: string | null;
  system: string;
  modelId: string;
  caseIds: string[];
  /** Cases asked for but not run: the budget left could not cover their answers. */
  skippedCaseIds: string[];
  cases: Record<string, TestRunCase>;
  status: 'running' | 'finished' | 'cancelled';
  startedAt: number;
  finishedAt: number | null;
  passed: number;
  failed: number;
  errored: number;
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
  totals: { inputTokens: number; outputTokens: number; costUsd: number; turns: number };
  hints: Hint[];
  testCases: Record<string, TestCaseState>;
  testCaseOrder: string[];
  testRuns: Record<string, TestRun>;
  testRunOrder: string[];
  flags: Record<string, Flag>;
  writeup: { text: string; at: number | null };
  activity: { hidden: boolean; focusLosses: number; pastes: number; marks: ActivityMark[] };
  // Staff only: a candidate's state never has entries here.
  notes: Note[];
  scorers: Record<string, Scorer>;
  review: { blind: boolean };
  questions: Record<string, { asked: boolean; notes: string; at: number; by: string | null }>;
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

/** Test-run turns live in their own threads, out of the chat. */
export function testRunThreadId(runId: string, caseId: string): string {
  return `run:${runId}:${caseId}`;
}

/** The parent of a test case's answer: a case has no user message node of its own. */
export function caseParentId(caseId: string): string {
  return `case:${caseId}`;
}

export function isChatThread(threadId: string): boolean {
  return !threadId.startsWith('run:');
}

export function initialState(): SessionState {
  return {
    headSeq: 0,
    at: 0,
    status: 'scheduled',
    exercise: null,
    candidateName: null,
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
    hints: [],
    testCases: {},
    testCaseOrder: [],
    testRuns: {},
    testRunOrder: [],
    flags: {},
    writeup: { text: '', at: null },
    activity: { hidden: false, focusLosses: 0, pastes: 0, marks: [] },
    notes: [],
    scorers: {},
    review: { blind: false },
    questions: {},
  };
}
