import type { EventOf } from '../events';
import type { ExerciseSnapshot } from '../exercise';
import { SEED_THREAD, seedExchangeIds, type ChatNode, type SessionState, type Thread, type Turn } from '../state';

// The conversation tree and its turns.

export function startTurn(state: SessionState, event: EventOf<'turn.started'>): SessionState {
  const { data } = event;
  const turn: Turn = {
    ...blankTurn(data.turnId, data.threadId, data.parentId, event.at),
    modelId: data.modelId,
    providerId: data.providerId,
    model: data.model,
    simulated: data.simulated,
    params: data.params,
    request: data.request,
    promptVersionId: data.promptVersionId,
    runId: data.runId ?? null,
    caseId: data.caseId ?? null,
    answerIndex: data.answerIndex ?? 0,
    compareId: data.compareId ?? null,
    side: data.side ?? null,
  };
  const withNode = addNode(state, {
    id: data.turnId,
    kind: 'assistant',
    threadId: data.threadId,
    parentId: data.parentId,
    childIds: [],
    at: event.at,
    text: '',
  });
  return {
    ...withNode,
    turns: { ...withNode.turns, [turn.id]: turn },
    turnOrder: [...withNode.turnOrder, turn.id],
    totals: { ...withNode.totals, turns: withNode.totals.turns + 1 },
  };
}

/** The exercise's seeded conversation becomes a thread of ordinary nodes, so it can be read and flagged like any answer. */
export function seedConversation(state: SessionState, exercise: ExerciseSnapshot, at: number): SessionState {
  let next = state;
  let parentId: string | null = null;
  exercise.seedConversation.forEach((exchange, i) => {
    const { messageId: userId, turnId } = seedExchangeIds(i + 1);
    next = addNode(next, { id: userId, kind: 'user', threadId: SEED_THREAD, parentId, childIds: [], at, text: exchange.user });
    next = addNode(next, { id: turnId, kind: 'assistant', threadId: SEED_THREAD, parentId: userId, childIds: [], at, text: '' });
    const turn: Turn = {
      ...blankTurn(turnId, SEED_THREAD, userId, at),
      modelId: 'seed',
      providerId: 'seed',
      model: 'seed',
      simulated: true,
      status: 'completed',
      text: exchange.assistant,
      endedAt: at,
    };
    next = { ...next, turns: { ...next.turns, [turnId]: turn } };
    parentId = turnId;
  });
  return next;
}

/** Adds a node to its thread's tree (creating the thread on first use) and makes it the leaf. */
export function addNode(state: SessionState, node: ChatNode): SessionState {
  const thread: Thread = state.threads[node.threadId] ?? { id: node.threadId, rootIds: [], leafId: null, createdAt: node.at };
  const nodes = { ...state.nodes, [node.id]: node };
  const parent = node.parentId ? state.nodes[node.parentId] : undefined;
  if (parent) nodes[parent.id] = { ...parent, childIds: [...parent.childIds, node.id] };
  const rootIds = node.parentId === null ? [...thread.rootIds, node.id] : thread.rootIds;
  return { ...state, nodes, threads: { ...state.threads, [thread.id]: { ...thread, rootIds, leafId: node.id } } };
}

export function updateTurn(state: SessionState, turnId: string, update: (turn: Turn) => Turn): SessionState {
  const turn = state.turns[turnId];
  if (!turn) return state;
  return { ...state, turns: { ...state.turns, [turnId]: update(turn) } };
}

export function addUsage(state: SessionState, usage: { inputTokens: number; outputTokens: number }, costUsd: number | null): SessionState {
  return {
    ...state,
    totals: {
      ...state.totals,
      inputTokens: state.totals.inputTokens + usage.inputTokens,
      outputTokens: state.totals.outputTokens + usage.outputTokens,
      costUsd: state.totals.costUsd + (costUsd ?? 0),
    },
  };
}

function blankTurn(id: string, threadId: string, parentId: string, at: number): Turn {
  return {
    id,
    threadId,
    parentId,
    modelId: '',
    providerId: '',
    model: '',
    simulated: false,
    params: { temperature: 0, topP: 1, maxOutputTokens: 0 },
    request: { system: '', messages: [] },
    promptVersionId: null,
    runId: null,
    caseId: null,
    answerIndex: 0,
    compareId: null,
    side: null,
    status: 'streaming',
    text: '',
    startedAt: at,
    endedAt: null,
    finish: null,
    usage: null,
    ttftMs: null,
    durationMs: null,
    costUsd: null,
    requestId: null,
    failure: null,
    diagnostic: null,
    cancelReason: null,
  };
}
