import type { ExerciseSnapshot } from './exercise';
import type { EndReason, GenerationParams, TurnFailureKind, Usage } from './events';
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
  notes: Note[];
}

export const MAIN_THREAD = 'main';

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
    notes: [],
  };
}
