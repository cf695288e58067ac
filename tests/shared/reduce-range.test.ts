import { describe, expect, it } from 'vitest';
import { draft, SYSTEM_ACTOR, type EventDraft, type SessionEvent } from '../../shared/events';
import { reduce, reduceAll, reduceRange } from '../../shared/reducer';
import { initialState, type SessionState } from '../../shared/state';
import { candidate, exercise, sequence, turnStarted } from './fixtures';

// reduceRange takes a shortcut through runs of streamed deltas (one copy of the turns per run):
// it must land on exactly the state that reducing event by event gives, and never touch the
// states it starts from (they are the replay's checkpoints).

/** Three answers streaming at once in three threads, interleaved chunk by chunk, with a stray delta for a turn that never started. */
function interleavedStreams(): SessionEvent[] {
  const drafts: EventDraft[] = [draft('session.created', SYSTEM_ACTOR, { exercise, candidateName: 'Ada' })];
  const threads = ['a', 'b', 'c'];
  for (const thread of threads) {
    drafts.push(
      draft('message.sent', candidate, { messageId: `m-${thread}`, threadId: thread, parentId: null, text: `question ${thread}` }),
    );
    drafts.push(turnStarted(`t-${thread}`, `m-${thread}`, thread));
  }
  for (let chunk = 0; chunk < 12; chunk++) {
    for (const thread of threads)
      if (chunk < 4 || thread !== 'a')
        drafts.push(draft('turn.delta', SYSTEM_ACTOR, { turnId: `t-${thread}`, text: `${thread}${chunk} ` }));
    if (chunk === 5) drafts.push(draft('turn.delta', SYSTEM_ACTOR, { turnId: 'never-started', text: 'lost ' }));
    if (chunk === 4)
      drafts.push(
        draft('turn.completed', SYSTEM_ACTOR, {
          turnId: 't-a',
          text: 'a0 a1 a2 a3 ',
          finish: { unified: 'stop', raw: 'stop' },
          usage: { inputTokens: 3, outputTokens: 4, estimated: false },
          ttftMs: 1,
          durationMs: 9,
          costUsd: null,
          requestId: null,
        }),
      );
  }
  return sequence(drafts);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

describe('reduceRange', () => {
  const events = interleavedStreams();

  it('gives the state of reducing one event at a time, from every starting point to every end', () => {
    const stepByStep: SessionState[] = [initialState()];
    for (const event of events) stepByStep.push(reduce(stepByStep[stepByStep.length - 1]!, event));
    for (let start = 0; start <= events.length; start += 5) {
      for (let end = start; end <= events.length; end++) {
        expect(reduceRange(stepByStep[start]!, events, start, end)).toEqual(stepByStep[end]);
      }
    }
    expect(stepByStep[events.length]!.turns['t-b']!.text).toBe(Array.from({ length: 12 }, (_, i) => `b${i} `).join(''));
  });

  it('never mutates the state it starts from, even mid-stream', () => {
    const midStream = deepFreeze(reduceAll(events.slice(0, 15)));
    const snapshot = JSON.stringify(midStream);
    // A frozen object throws on write in strict mode (ES modules are strict).
    const after = reduceRange(midStream, events, 15, events.length);
    expect(JSON.stringify(midStream)).toBe(snapshot);
    expect(after.turns['t-c']!.text).toBe(Array.from({ length: 12 }, (_, i) => `c${i} `).join(''));
  });

  it('counts the last event of a run as the head, even a delta for a turn it does not know', () => {
    const state = reduceAll(events);
    expect(state.headSeq).toBe(events[events.length - 1]!.seq);
    expect(state.at).toBe(events[events.length - 1]!.at);
    expect(state.turns['never-started']).toBeUndefined();
  });
});
