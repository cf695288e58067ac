import { describe, expect, it } from 'vitest';
import { pathTo, transcriptTo } from '../../shared/conversation';
import { draft, SYSTEM_ACTOR } from '../../shared/events';
import { reduce, reduceAll } from '../../shared/reducer';
import { initialState } from '../../shared/state';
import { basicSession, candidate, sequence, turnStarted } from './fixtures';

describe('reduce', () => {
  it('builds a session from its log: exercise, start, chat, streamed answer, totals and notes', () => {
    const state = reduceAll(sequence(basicSession()));
    expect(state.headSeq).toBe(8);
    expect(state.status).toBe('live');
    expect(state.prompt.draft).toBe('You are helpful.');
    expect(state.deadline).toBe(1_700_000_000_000 + 30 * 60_000);
    const turn = state.turns.t1!;
    expect(turn.status).toBe('completed');
    expect(turn.text).toBe('Hi there');
    expect(turn.usage).toEqual({ inputTokens: 10, outputTokens: 2, estimated: false });
    expect(state.totals).toEqual({ inputTokens: 10, outputTokens: 2, costUsd: 0.001, turns: 1 });
    expect(state.notes.map((n) => n.text)).toEqual(['Good opening']);
    expect(pathTo(state, state.threads.main!.leafId).map((n) => n.id)).toEqual(['m1', 't1']);
  });

  it('shows streamed text while the answer is still arriving', () => {
    const events = sequence(basicSession());
    const midStream = reduceAll(events.slice(0, 5));
    expect(midStream.turns.t1!.status).toBe('streaming');
    expect(midStream.turns.t1!.text).toBe('Hi ');
  });

  it('never mutates the state it is given', () => {
    const events = sequence(basicSession());
    const before = reduceAll(events.slice(0, 6));
    const frozen = JSON.stringify(before);
    reduce(before, events[6]!);
    expect(JSON.stringify(before)).toBe(frozen);
  });

  it('is deterministic: the same log gives the same state', () => {
    const events = sequence(basicSession());
    expect(reduceAll(events)).toEqual(reduceAll(events));
  });

  it('keeps branches: editing an earlier message adds a sibling, and the transcript follows the chosen path', () => {
    const events = sequence([
      ...basicSession(),
      draft('message.sent', candidate, { messageId: 'm2', threadId: 'main', parentId: null, text: 'Hello, again' }),
      turnStarted('t2', 'm2'),
      draft('turn.completed', SYSTEM_ACTOR, {
        turnId: 't2',
        text: 'Welcome back',
        finish: { unified: 'stop', raw: 'stop' },
        usage: { inputTokens: 1, outputTokens: 1, estimated: true },
        ttftMs: 1,
        durationMs: 2,
        costUsd: null,
        requestId: null,
      }),
    ]);
    const state = reduceAll(events);
    expect(state.threads.main!.rootIds).toEqual(['m1', 'm2']);
    expect(transcriptTo(state, 't1')).toEqual([
      { role: 'user', content: 'Hello' },
      { role: 'assistant', content: 'Hi there' },
    ]);
    expect(transcriptTo(state, 't2').map((m) => m.content)).toEqual(['Hello, again', 'Welcome back']);
    expect(state.totals.turns).toBe(2);
  });

  it('keeps the partial text of a failed or stopped answer and leaves failed answers out of later requests', () => {
    const events = sequence([
      ...basicSession().slice(0, 3),
      turnStarted('t1', 'm1'),
      draft('turn.delta', SYSTEM_ACTOR, { turnId: 't1', text: 'Part' }),
      draft('turn.failed', SYSTEM_ACTOR, {
        turnId: 't1',
        kind: 'interrupted',
        message: 'cut',
        status: null,
        retryable: true,
        partialText: 'Part',
        usage: null,
        costUsd: null,
      }),
    ]);
    const state = reduceAll(events);
    expect(state.turns.t1!.status).toBe('failed');
    expect(state.turns.t1!.text).toBe('Part');
    expect(state.turns.t1!.failure?.kind).toBe('interrupted');
    expect(transcriptTo(state, 't1')).toEqual([{ role: 'user', content: 'Hello' }]);
  });

  it('follows where the candidate is looking: the latest view.changed stands, stamped with its time', () => {
    const events = sequence([
      ...basicSession(),
      draft('view.changed', candidate, { tab: 'flags', thread: 'main', nodeId: 't1' }),
      draft('view.changed', candidate, { tab: 'writeup', thread: 'seed', nodeId: null }),
    ]);
    expect(reduceAll(sequence(basicSession())).candidateView).toBeNull();
    const first = reduceAll(events.slice(0, -1));
    expect(first.candidateView).toEqual({ tab: 'flags', thread: 'main', nodeId: 't1', at: events.at(-2)!.at });
    const state = reduceAll(events);
    expect(state.candidateView).toEqual({ tab: 'writeup', thread: 'seed', nodeId: null, at: events.at(-1)!.at });
    // Nothing else moves: the work is the same as without the view events.
    const { candidateView: _view, headSeq: _seq, at: _at, ...rest } = state;
    const { candidateView: _v, headSeq: _s, at: _a, ...without } = reduceAll(sequence(basicSession()));
    expect(rest).toEqual(without);
  });

  it('ends the session with its reason', () => {
    const events = sequence([...basicSession(), draft('session.ended', SYSTEM_ACTOR, { reason: 'time_up' })]);
    const state = reduceAll(events);
    expect(state.status).toBe('ended');
    expect(state.endReason).toBe('time_up');
  });

  it('starts from an empty scheduled session', () => {
    expect(initialState().status).toBe('scheduled');
    expect(reduceAll([]).headSeq).toBe(0);
  });
});
