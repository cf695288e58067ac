import { assertNever } from './assert-never';
import type { EventOf, SessionEvent } from './events';
import { initialState, type ChatNode, type SessionState, type Thread, type Turn } from './state';

// The one reducer: live views apply it as events arrive, replay applies it to the events up
// to an instant. It is pure — it never mutates its input and reads no clock — so the state
// at seq n is the same wherever and whenever it is computed.

export function reduce(state: SessionState, event: SessionEvent): SessionState {
  const next = apply(state, event);
  return next === state ? { ...state, headSeq: event.seq, at: event.at } : { ...next, headSeq: event.seq, at: event.at };
}

export function reduceAll(events: Iterable<SessionEvent>, from: SessionState = initialState()): SessionState {
  let state = from;
  for (const event of events) state = reduce(state, event);
  return state;
}

function apply(state: SessionState, event: SessionEvent): SessionState {
  switch (event.type) {
    case 'session.created':
      return {
        ...state,
        exercise: event.data.exercise,
        candidateName: event.data.candidateName,
        createdAt: event.at,
        prompt: { ...state.prompt, draft: event.data.exercise.systemPrompt },
      };
    case 'session.started':
      return { ...state, status: 'live', startedAt: event.at, deadline: event.data.deadline };
    case 'session.extended':
      return { ...state, deadline: event.data.deadline };
    case 'session.ended':
      return { ...state, status: 'ended', endedAt: event.at, endReason: event.data.reason };
    case 'participant.joined':
      return {
        ...state,
        participants: {
          ...state.participants,
          [event.data.participantId]: {
            id: event.data.participantId,
            role: event.data.role,
            name: event.data.name,
            online: true,
            lastSeenAt: event.at,
          },
        },
      };
    case 'participant.left': {
      const participant = state.participants[event.data.participantId];
      if (!participant) return state;
      return {
        ...state,
        participants: { ...state.participants, [participant.id]: { ...participant, online: false, lastSeenAt: event.at } },
      };
    }
    case 'prompt.draft':
      return { ...state, prompt: { ...state.prompt, draft: event.data.text, draftAt: event.at } };
    case 'prompt.version':
      return {
        ...state,
        prompt: {
          ...state.prompt,
          draft: event.data.text,
          versions: [
            ...state.prompt.versions,
            {
              id: event.data.versionId,
              number: state.prompt.versions.length + 1,
              text: event.data.text,
              label: event.data.label,
              rationale: event.data.rationale,
              parentId: event.data.parentId,
              at: event.at,
            },
          ],
        },
      };
    case 'message.sent':
      return addNode(state, {
        id: event.data.messageId,
        kind: 'user',
        threadId: event.data.threadId,
        parentId: event.data.parentId,
        childIds: [],
        at: event.at,
        text: event.data.text,
      });
    case 'turn.started':
      return startTurn(state, event);
    case 'turn.delta':
      return updateTurn(state, event.data.turnId, (turn) => ({ ...turn, text: turn.text + event.data.text }));
    case 'turn.completed': {
      const { data } = event;
      const next = updateTurn(state, data.turnId, (turn) => ({
        ...turn,
        status: 'completed',
        text: data.text,
        endedAt: event.at,
        finish: data.finish,
        usage: data.usage,
        ttftMs: data.ttftMs,
        durationMs: data.durationMs,
        costUsd: data.costUsd,
        requestId: data.requestId,
      }));
      return addUsage(next, data.usage, data.costUsd);
    }
    case 'turn.failed': {
      const { data } = event;
      const next = updateTurn(state, data.turnId, (turn) => ({
        ...turn,
        status: 'failed',
        text: data.partialText,
        endedAt: event.at,
        usage: data.usage,
        costUsd: data.costUsd,
        failure: { kind: data.kind, message: data.message, status: data.status, retryable: data.retryable },
      }));
      return data.usage ? addUsage(next, data.usage, data.costUsd) : next;
    }
    case 'turn.cancelled':
      return updateTurn(state, event.data.turnId, (turn) => ({
        ...turn,
        status: 'cancelled',
        text: event.data.partialText,
        endedAt: event.at,
        cancelReason: event.data.reason,
      }));
    case 'turn.diagnostic':
      return updateTurn(state, event.data.turnId, (turn) => ({
        ...turn,
        diagnostic: { cause: event.data.cause, status: event.data.status, attempts: event.data.attempts },
      }));
    case 'hint.received':
      return { ...state, hints: [...state.hints, { id: event.data.hintId, text: event.data.text, at: event.at }] };
    case 'note.added':
      return {
        ...state,
        notes: [
          ...state.notes,
          {
            id: event.data.noteId,
            text: event.data.text,
            tags: event.data.tags,
            pinnedAt: event.data.pinnedAt,
            turnId: event.data.turnId,
            versionId: event.data.versionId,
            authorId: event.actor.participantId ?? null,
            authorName: event.actor.name ?? null,
            at: event.at,
          },
        ],
      };
    default:
      return assertNever(event);
  }
}

function startTurn(state: SessionState, event: EventOf<'turn.started'>): SessionState {
  const { data } = event;
  const turn: Turn = {
    id: data.turnId,
    threadId: data.threadId,
    parentId: data.parentId,
    modelId: data.modelId,
    providerId: data.providerId,
    model: data.model,
    simulated: data.simulated,
    params: data.params,
    request: data.request,
    promptVersionId: data.promptVersionId,
    status: 'streaming',
    text: '',
    startedAt: event.at,
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

/** Adds a node to its thread's tree (creating the thread on first use) and makes it the leaf. */
function addNode(state: SessionState, node: ChatNode): SessionState {
  const thread: Thread = state.threads[node.threadId] ?? { id: node.threadId, rootIds: [], leafId: null, createdAt: node.at };
  const nodes = { ...state.nodes, [node.id]: node };
  const parent = node.parentId ? state.nodes[node.parentId] : undefined;
  if (parent) nodes[parent.id] = { ...parent, childIds: [...parent.childIds, node.id] };
  const rootIds = node.parentId === null ? [...thread.rootIds, node.id] : thread.rootIds;
  return { ...state, nodes, threads: { ...state.threads, [thread.id]: { ...thread, rootIds, leafId: node.id } } };
}

function updateTurn(state: SessionState, turnId: string, update: (turn: Turn) => Turn): SessionState {
  const turn = state.turns[turnId];
  if (!turn) return state;
  return { ...state, turns: { ...state.turns, [turnId]: update(turn) } };
}

function addUsage(state: SessionState, usage: { inputTokens: number; outputTokens: number }, costUsd: number | null): SessionState {
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
