import { assertNever } from './assert-never';
import type { EventOf, SessionEvent } from './events';
import { addNode, addUsage, seedConversation, startTurn, updateTurn } from './reduce/chat';
import { allowEarlyStart } from './reduce/session';
import { addNote, deleteNote, editNote, markQuestion, setScore, submitReview } from './reduce/staff';
import { completeJudging, diagnoseJudging, failJudging, judgeComparison, labelCheck, startComparison, startJudging } from './reduce/judge';
import { checkRunCase, finishTestRun, linkRunTurn, removeTestCase, saveTestCase, seedTestCases, startTestRun } from './reduce/tests';
import { initialState, type SessionState, type Turn } from './state';

// The one reducer: live views apply it as events arrive, replay applies it to the events up
// to an instant. It is pure — it never mutates its input and reads no clock — so the state
// at seq n is the same wherever and whenever it is computed.

export function reduce(state: SessionState, event: SessionEvent): SessionState {
  // A delta, by far the most frequent event, in one copy of the state instead of two (apply's,
  // then this one's): the live room reduces every streamed delta as it is appended.
  if (event.type === 'turn.delta') return applyDeltaRun(state, [event], 0, 1);
  return { ...apply(state, event), headSeq: event.seq, at: event.at };
}

export function reduceAll(events: readonly SessionEvent[], from: SessionState = initialState()): SessionState {
  return reduceRange(from, events, 0, events.length);
}

/**
 * `events[start..end)` applied to `state`: the same state as folding `reduce` over them, for
 * less work. A recording is mostly streamed deltas, and each `reduce` of one copies the turns
 * map and the state; here a run of consecutive deltas copies them once and appends to turns it
 * copied itself. Only the intermediate states are skipped, and nobody holds those.
 */
export function reduceRange(state: SessionState, events: readonly SessionEvent[], start: number, end: number): SessionState {
  let next = state;
  let i = start;
  while (i < end) {
    if (events[i]!.type !== 'turn.delta') {
      next = reduce(next, events[i++]!);
      continue;
    }
    let runEnd = i + 1;
    while (runEnd < end && events[runEnd]!.type === 'turn.delta') runEnd++;
    next = applyDeltaRun(next, events, i, runEnd);
    i = runEnd;
  }
  return next;
}

function applyDeltaRun(state: SessionState, events: readonly SessionEvent[], start: number, end: number): SessionState {
  let turns: Record<string, Turn> | null = null;
  /** Turns copied during this run: ours to append to (made on the first copy: most runs are one delta). */
  let copied: Set<string> | null = null;
  for (let i = start; i < end; i++) {
    const { turnId, text } = (events[i] as EventOf<'turn.delta'>).data;
    const turn = (turns ?? state.turns)[turnId];
    if (!turn) continue;
    turns ??= { ...state.turns };
    if (copied?.has(turnId)) {
      turn.text += text;
    } else {
      turns[turnId] = { ...turn, text: turn.text + text };
      (copied ??= new Set()).add(turnId);
    }
  }
  const last = events[end - 1]!;
  return { ...state, turns: turns ?? state.turns, headSeq: last.seq, at: last.at };
}

function apply(state: SessionState, event: SessionEvent): SessionState {
  switch (event.type) {
    case 'session.created': {
      const { exercise, candidateName } = event.data;
      const next = {
        ...state,
        exercise,
        candidateName,
        plannedStart: event.data.plannedStart ?? null,
        createdAt: event.at,
        prompt: { ...state.prompt, draft: exercise.systemPrompt },
      };
      return seedTestCases(seedConversation(next, exercise, event.at), exercise);
    }
    case 'session.started':
      return { ...state, status: 'live', startedAt: event.at, deadline: event.data.deadline };
    case 'session.extended':
      return { ...state, deadline: event.data.deadline };
    case 'session.ended':
      return { ...state, status: 'ended', endedAt: event.at, endReason: event.data.reason };
    case 'session.early_start_allowed':
      return allowEarlyStart(state, event);
    case 'participant.joined': {
      const { participantId, role, name } = event.data;
      return {
        ...state,
        participants: { ...state.participants, [participantId]: { id: participantId, role, name, online: true, lastSeenAt: event.at } },
      };
    }
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
    case 'prompt.version': {
      const { versionId, text, label, rationale, parentId } = event.data;
      const version = { id: versionId, number: state.prompt.versions.length + 1, text, label, rationale, parentId, at: event.at };
      return { ...state, prompt: { ...state.prompt, draft: text, versions: [...state.prompt.versions, version] } };
    }
    case 'message.sent': {
      const { messageId, threadId, parentId, text } = event.data;
      return addNode(state, { id: messageId, kind: 'user', threadId, parentId, childIds: [], at: event.at, text });
    }
    case 'turn.started': {
      const next = startTurn(state, event);
      const { runId, caseId, turnId, answerIndex } = event.data;
      return runId && caseId ? linkRunTurn(next, runId, caseId, answerIndex ?? 0, turnId) : next;
    }
    case 'turn.delta':
      // reduce and reduceRange apply deltas through applyDeltaRun before reaching here: one
      // implementation of a delta, named in the switch so that it stays exhaustive.
      return applyDeltaRun(state, [event], 0, 1);
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
    case 'testcase.saved':
      return saveTestCase(state, event);
    case 'testcase.removed':
      return removeTestCase(state, event.data.caseId);
    case 'testrun.started':
      return startTestRun(state, event);
    case 'testrun.case.checked':
      return checkRunCase(state, event);
    case 'testrun.finished':
      return finishTestRun(state, event);
    case 'judge.started':
      return startJudging(state, event);
    case 'judge.completed':
      return completeJudging(state, event);
    case 'judge.failed':
      return failJudging(state, event);
    case 'judge.diagnostic':
      return diagnoseJudging(state, event);
    case 'compare.started':
      return startComparison(state, event);
    case 'compare.verdict':
      return judgeComparison(state, event);
    case 'check.overridden':
      return labelCheck(state, event);
    case 'flag.set': {
      const { flagId, turnId, kind, reason } = event.data;
      return { ...state, flags: { ...state.flags, [flagId]: { id: flagId, turnId, kind, reason, at: event.at } } };
    }
    case 'flag.cleared': {
      const { [event.data.flagId]: _cleared, ...flags } = state.flags;
      return { ...state, flags };
    }
    case 'writeup.updated':
      return { ...state, writeup: { text: event.data.text, at: event.at } };
    case 'activity.focus': {
      const { visible } = event.data;
      const activity = state.activity;
      return {
        ...state,
        activity: {
          ...activity,
          hidden: !visible,
          focusLosses: activity.focusLosses + (visible ? 0 : 1),
          marks: [...activity.marks, { at: event.at, kind: visible ? 'focus-back' : 'focus-lost', target: null, chars: null }],
        },
      };
    }
    case 'activity.paste': {
      const activity = state.activity;
      const mark = { at: event.at, kind: 'paste' as const, target: event.data.target, chars: event.data.chars };
      return { ...state, activity: { ...activity, pastes: activity.pastes + 1, marks: [...activity.marks, mark] } };
    }
    case 'hint.received':
      return { ...state, hints: [...state.hints, { id: event.data.hintId, text: event.data.text, at: event.at }] };
    case 'view.changed':
      return { ...state, candidateView: { ...event.data, at: event.at } };
    case 'note.added':
      return addNote(state, event);
    case 'note.edited':
      return editNote(state, event);
    case 'note.deleted':
      return deleteNote(state, event.data.noteId);
    case 'score.set':
      return setScore(state, event);
    case 'question.marked':
      return markQuestion(state, event);
    case 'review.submitted':
      return submitReview(state, event);
    case 'review.configured':
      return { ...state, review: { blind: event.data.blind } };
    default:
      return assertNever(event);
  }
}
