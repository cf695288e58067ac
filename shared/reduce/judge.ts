import type { EventOf } from '../events';
import { checkKey, type Judging, type SessionState } from '../state';

// Grading by judges, head-to-head comparisons, and the staff's labels on automatic checks.

export function startJudging(state: SessionState, event: EventOf<'judge.started'>): SessionState {
  const { data } = event;
  const judging: Judging = {
    id: data.judgeId,
    runId: data.runId,
    caseId: data.caseId,
    answerIndex: data.answerIndex,
    checkIndex: data.checkIndex,
    turnId: data.turnId,
    modelId: data.modelId,
    providerId: data.providerId,
    model: data.model,
    simulated: data.simulated,
    pinnedModelId: data.pinnedModelId,
    params: data.params,
    request: data.request,
    rubric: data.rubric,
    threshold: data.threshold,
    status: 'running',
    text: '',
    verdict: null,
    usage: null,
    costUsd: null,
    durationMs: null,
    failure: null,
    diagnostic: null,
    startedAt: event.at,
    endedAt: null,
  };
  const judgeTotals = { ...state.judgeTotals, calls: state.judgeTotals.calls + 1 };
  return { ...state, judgings: { ...state.judgings, [judging.id]: judging }, judgeTotals };
}

export function completeJudging(state: SessionState, event: EventOf<'judge.completed'>): SessionState {
  const { judgeId, text, verdict, usage, costUsd, durationMs } = event.data;
  const next = updateJudging(state, judgeId, (j) => ({
    ...j,
    status: 'completed',
    text,
    verdict,
    usage,
    costUsd,
    durationMs,
    endedAt: event.at,
  }));
  return addJudgeUsage(next, usage, costUsd);
}

export function failJudging(state: SessionState, event: EventOf<'judge.failed'>): SessionState {
  const { judgeId, kind, message, text, usage, costUsd } = event.data;
  const next = updateJudging(state, judgeId, (j) => ({
    ...j,
    status: 'failed',
    text,
    usage,
    costUsd,
    failure: { kind, message },
    endedAt: event.at,
  }));
  return usage ? addJudgeUsage(next, usage, costUsd) : next;
}

export function diagnoseJudging(state: SessionState, event: EventOf<'judge.diagnostic'>): SessionState {
  const { judgeId, kind, cause, status, attempts } = event.data;
  return updateJudging(state, judgeId, (j) => ({ ...j, diagnostic: { kind, cause, status, attempts } }));
}

export function startComparison(state: SessionState, event: EventOf<'compare.started'>): SessionState {
  const { compareId, text, sides } = event.data;
  return {
    ...state,
    comparisons: { ...state.comparisons, [compareId]: { id: compareId, text, sides, startedAt: event.at, verdict: null } },
    comparisonOrder: [...state.comparisonOrder, compareId],
  };
}

export function judgeComparison(state: SessionState, event: EventOf<'compare.verdict'>): SessionState {
  const comparison = state.comparisons[event.data.compareId];
  if (!comparison) return state;
  const verdict = { winner: event.data.winner, reason: event.data.reason, at: event.at };
  return { ...state, comparisons: { ...state.comparisons, [comparison.id]: { ...comparison, verdict } } };
}

export function labelCheck(state: SessionState, event: EventOf<'check.overridden'>): SessionState {
  const { runId, caseId, answerIndex, checkIndex, verdict, automatic, reason } = event.data;
  const key = checkKey(runId, caseId, answerIndex, checkIndex);
  const label = {
    verdict,
    automatic,
    reason,
    by: event.actor.participantId ?? null,
    byName: event.actor.name ?? null,
    byRole: event.actor.role,
    at: event.at,
  };
  return { ...state, checkLabels: { ...state.checkLabels, [key]: [...(state.checkLabels[key] ?? []), label] } };
}

function updateJudging(state: SessionState, judgeId: string, update: (j: Judging) => Judging): SessionState {
  const judging = state.judgings[judgeId];
  if (!judging) return state;
  return { ...state, judgings: { ...state.judgings, [judgeId]: update(judging) } };
}

function addJudgeUsage(state: SessionState, usage: { inputTokens: number; outputTokens: number }, costUsd: number | null): SessionState {
  const t = state.judgeTotals;
  return {
    ...state,
    judgeTotals: {
      ...t,
      inputTokens: t.inputTokens + usage.inputTokens,
      outputTokens: t.outputTokens + usage.outputTokens,
      costUsd: t.costUsd + (costUsd ?? 0),
    },
  };
}
