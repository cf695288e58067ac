import { describe, expect, it } from 'vitest';
import { draft, SYSTEM_ACTOR, type EventDraft, type SessionEvent } from '../../shared/events';
import { reduce, reduceAll } from '../../shared/reducer';
import {
  MarkerIndex,
  fractionOf,
  instantAt,
  lastAtOrBefore,
  markerOf,
  noteMarkers,
  sessionSpan,
  sortMarkers,
  splitLanes,
  stepMarker,
} from '../../client/src/lib/timeline/markers';
import { SessionLog } from '../../client/src/lib/timeline/session-log';
import { basicSession, candidate, exercise, interviewer, sequence, turnStarted } from '../shared/fixtures';

// The timeline's pure core: a checkpointed seek must give exactly what the reducer gives
// over the events with at ≤ t, for every instant of a session.

/** A small deterministic PRNG, so a failing log can be regenerated. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A plausible session: drafts, versions, messages streamed in deltas, flags, pastes, focus, notes, hints, extensions. */
function generateLog(seed: number, size: number): SessionEvent[] {
  const rnd = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
  const drafts: EventDraft[] = [
    draft('session.created', SYSTEM_ACTOR, { exercise, candidateName: 'Ada' }),
    draft('participant.joined', candidate, { participantId: 'inv-c', role: 'candidate', name: 'Ada' }),
    draft('session.started', candidate, { deadline: 2_000_000_000_000 }),
  ];
  let messages = 0;
  let versions = 0;
  const turns: string[] = [];
  const notes: string[] = [];
  let leaf: string | null = null;
  while (drafts.length < size) {
    const kind = pick([
      'draft',
      'version',
      'message',
      'message',
      'message',
      'flag',
      'paste',
      'focus',
      'note',
      'note-edit',
      'note-delete',
      'hint',
      'extend',
      'score',
      'question',
      'presence',
    ] as const);
    switch (kind) {
      case 'draft':
        drafts.push(draft('prompt.draft', candidate, { text: `draft ${drafts.length}` }));
        break;
      case 'version':
        versions++;
        drafts.push(
          draft('prompt.version', candidate, {
            versionId: `v${versions}`,
            text: `version ${versions}`,
            label: `V${versions}`,
            rationale: '',
            parentId: versions > 1 ? `v${versions - 1}` : null,
          }),
        );
        break;
      case 'message': {
        messages++;
        const messageId = `m${messages}`;
        const turnId = `t${messages}`;
        drafts.push(draft('message.sent', candidate, { messageId, threadId: 'main', parentId: leaf, text: `question ${messages}` }));
        drafts.push(turnStarted(turnId, messageId));
        const chunks = 1 + Math.floor(rnd() * 6);
        let text = '';
        for (let i = 0; i < chunks; i++) {
          const chunk = `w${i} `;
          text += chunk;
          drafts.push(draft('turn.delta', SYSTEM_ACTOR, { turnId, text: chunk }));
        }
        if (rnd() < 0.8) {
          drafts.push(
            draft('turn.completed', SYSTEM_ACTOR, {
              turnId,
              text,
              finish: { unified: 'stop', raw: 'stop' },
              usage: { inputTokens: 5, outputTokens: chunks, estimated: false },
              ttftMs: 3,
              durationMs: 20,
              costUsd: 0.0001,
              requestId: null,
            }),
          );
        } else {
          drafts.push(draft('turn.cancelled', SYSTEM_ACTOR, { turnId, partialText: text, reason: 'stopped' }));
        }
        turns.push(turnId);
        leaf = turnId;
        break;
      }
      case 'flag':
        if (turns.length > 0)
          drafts.push(
            draft('flag.set', candidate, {
              flagId: `f${drafts.length}`,
              turnId: pick(turns),
              kind: pick(['wrong', 'unethical', 'good'] as const),
              reason: 'because',
            }),
          );
        break;
      case 'paste':
        drafts.push(draft('activity.paste', candidate, { target: pick(['prompt', 'message']), chars: 1 + Math.floor(rnd() * 500) }));
        break;
      case 'focus':
        drafts.push(draft('activity.focus', candidate, { visible: rnd() < 0.5 }));
        break;
      case 'note': {
        const noteId = `n${drafts.length}`;
        notes.push(noteId);
        drafts.push(
          draft('note.added', interviewer, {
            noteId,
            text: `note ${noteId}`,
            tags: ['concern'],
            pinnedAt: 1_700_000_000_000,
            turnId: null,
            versionId: null,
          }),
        );
        break;
      }
      case 'note-edit':
        if (notes.length > 0) drafts.push(draft('note.edited', interviewer, { noteId: pick(notes), text: 'edited', tags: [] }));
        break;
      case 'note-delete':
        if (notes.length > 0) {
          const noteId = notes.splice(Math.floor(rnd() * notes.length), 1)[0]!;
          drafts.push(draft('note.deleted', interviewer, { noteId }));
        }
        break;
      case 'hint':
        drafts.push(draft('hint.received', interviewer, { hintId: `h${drafts.length}`, text: 'Try the edge cases' }));
        break;
      case 'extend':
        drafts.push(draft('session.extended', interviewer, { byMinutes: 5, deadline: 2_000_000_300_000 }));
        break;
      case 'score':
        drafts.push(
          draft('score.set', interviewer, {
            criterionId: pick(['precise', 'ethics']),
            level: 1 + Math.floor(rnd() * 5),
            comment: '',
            evidence: [],
          }),
        );
        break;
      case 'question':
        drafts.push(draft('question.marked', interviewer, { questionId: 'q1', asked: rnd() < 0.5, notes: 'ok' }));
        break;
      case 'presence':
        drafts.push(draft('participant.joined', interviewer, { participantId: 'inv-i', role: 'interviewer', name: 'Ian' }));
        break;
    }
  }
  // Several events often share a millisecond (a command's events are stamped together).
  let at = 1_700_000_000_000;
  return drafts.map((d, i) => {
    at += rnd() < 0.3 ? 0 : 1 + Math.floor(rnd() * 2000);
    return { ...d, seq: i + 1, at } as SessionEvent;
  });
}

/** Every instant where the answer can change, and the milliseconds around each. */
function instantsOf(events: readonly SessionEvent[]): number[] {
  const times = new Set<number>();
  for (const event of events) for (const t of [event.at - 1, event.at, event.at + 1]) times.add(t);
  return [...times].sort((a, b) => a - b);
}

describe('SessionLog: seeking by time', () => {
  for (const [seed, checkpointEvery] of [
    [1, 7],
    [2, 1],
    [3, 100],
    [4, 13],
  ] as const) {
    it(`equals reduce-from-scratch at every instant (seed ${seed}, checkpoint every ${checkpointEvery})`, () => {
      const events = generateLog(seed, 400);
      const log = SessionLog.from(events, { checkpointEvery });
      expect(log.length).toBe(events.length);
      expect(log.head).toEqual(reduceAll(events));
      // The reference: one straight pass of the reducer, no checkpoint, advanced instant by instant.
      let expected = reduceAll([]);
      let applied = 0;
      for (const t of instantsOf(events)) {
        while (applied < events.length && events[applied]!.at <= t) expected = reduce(expected, events[applied++]!);
        expect(log.stateAt(t)).toEqual(expected);
      }
      expect(applied).toBe(events.length);
    });
  }

  it('gives the same states when fed live, event by event, as when built from a recording', () => {
    const events = generateLog(5, 300);
    const live = new SessionLog({ checkpointEvery: 10 });
    let reference = reduceAll([]);
    for (const event of events) {
      reference = reduce(reference, event);
      expect(live.append(event)).toBe(live.head);
      expect(live.head).toEqual(reference);
    }
    const recorded = SessionLog.from(events, { checkpointEvery: 10 });
    for (let n = 0; n <= events.length; n++) expect(live.stateAfter(n)).toEqual(recorded.stateAfter(n));
  });

  it('shows the initial state before the first event and the head (same object) at or after the last', () => {
    const events = sequence(basicSession());
    const log = SessionLog.from(events, { checkpointEvery: 3 });
    expect(log.stateAt(events[0]!.at - 1)).toEqual(reduceAll([]));
    expect(log.stateAt(log.lastAt!)).toBe(log.head);
    expect(log.stateAt(log.lastAt! + 60_000)).toBe(log.head);
  });

  it('shows a streaming answer exactly as far as it had streamed', () => {
    const events = sequence(basicSession());
    const log = SessionLog.from(events);
    const firstDelta = events.find((e) => e.type === 'turn.delta')!;
    const state = log.stateAt(firstDelta.at);
    expect(state.turns.t1?.status).toBe('streaming');
    expect(state.turns.t1?.text).toBe('Hi ');
  });

  it('refuses events out of seq order', () => {
    const events = sequence(basicSession());
    const log = SessionLog.from(events.slice(0, 3));
    expect(() => log.append(events[1]!)).toThrow(RangeError);
  });

  it('keeps seeking by prefix if a server clock steps back', () => {
    const events = sequence(basicSession()).map((e, i) => (i === 4 ? { ...e, at: e.at - 10_000 } : e));
    const log = SessionLog.from(events, { checkpointEvery: 2 });
    // The event that went back in time counts at its predecessor's instant: the shown prefix never has holes.
    expect(log.countAt(events[3]!.at)).toBe(5);
    expect(log.stateAt(events[3]!.at)).toEqual(reduceAll(events.slice(0, 5)));
  });
});

describe('timeline markers', () => {
  it('marks versions, chat turns, flags, pastes, focus losses, hints, extensions; not test-run turns or deltas', () => {
    const events = generateLog(7, 300);
    const kinds = new Set(
      events
        .map(markerOf)
        .filter((m) => m !== null)
        .map((m) => m.kind),
    );
    for (const kind of ['version', 'turn', 'flag', 'paste', 'focus', 'hint', 'extension', 'lifecycle']) expect(kinds).toContain(kind);
    expect(events.filter((e) => e.type === 'turn.delta').map(markerOf)).toEqual(
      events.filter((e) => e.type === 'turn.delta').map(() => null),
    );
    const runTurn = { ...turnStarted('tr', 'm1', 'run:r1:c1'), seq: 1, at: 1 } as SessionEvent;
    expect(markerOf(runTurn)).toBeNull();
  });

  it('collects markers incrementally exactly as in one pass', () => {
    const events = generateLog(8, 250);
    const index = new MarkerIndex();
    const growing: SessionEvent[] = [];
    for (const event of events) {
      growing.push(event);
      if (growing.length % 17 === 0) index.update(growing);
    }
    expect(index.update(growing)).toEqual(events.map(markerOf).filter((m) => m !== null));
    // Another log (a rebuilt one) is read from its start.
    expect(index.update(events.slice(0, 40))).toEqual(
      events
        .slice(0, 40)
        .map(markerOf)
        .filter((m) => m !== null),
    );
  });

  it('draws notes at the instant they are pinned to, from the state (deletions apply)', () => {
    const state = reduceAll(sequence(basicSession()));
    expect(noteMarkers(state.notes)).toEqual([{ key: 'nn1', kind: 'note', at: 1_700_000_003_000, detail: 'Good opening', turnId: 't1' }]);
  });

  it('steps to the next and previous marker from an instant', () => {
    const markers = sortMarkers([30, 10, 20, 20].map((at, i) => ({ key: `k${i}`, kind: 'turn' as const, at, detail: '' })));
    expect(markers.map((m) => m.at)).toEqual([10, 20, 20, 30]);
    expect(stepMarker(markers, 15, 1)?.at).toBe(20);
    expect(stepMarker(markers, 20, 1)?.at).toBe(30);
    expect(stepMarker(markers, 30, 1)).toBeNull();
    expect(stepMarker(markers, 20, -1)?.at).toBe(10);
    expect(stepMarker(markers, 10, -1)).toBeNull();
  });

  it('maps instants to the strip and back', () => {
    expect(fractionOf(150, 100, 200)).toBe(0.5);
    expect(fractionOf(50, 100, 200)).toBe(0);
    expect(fractionOf(250, 100, 200)).toBe(1);
    expect(fractionOf(100, 100, 100)).toBe(1);
    expect(instantAt(0.25, 100, 200)).toBe(125);
    expect(instantAt(2, 100, 200)).toBe(200);
  });
});

describe('timeline lanes', () => {
  const t0 = 1_700_000_000_000;
  const HOUR = 3_600_000;
  const reviewer = { role: 'reviewer' as const, participantId: 'inv-r', name: 'Rita' };

  /** Scheduled a day ahead, an hour of work, reviewed three days later. */
  function reviewedSession(): SessionEvent[] {
    const at = [0, 20 * HOUR, 24 * HOUR, 24.5 * HOUR, 24.6 * HOUR, 25 * HOUR, 97 * HOUR, 97.1 * HOUR];
    const drafts: EventDraft[] = [
      draft('session.created', SYSTEM_ACTOR, { exercise, candidateName: 'Ada' }),
      draft('note.added', interviewer, {
        noteId: 'pre',
        text: 'Prepared questions',
        tags: [],
        pinnedAt: t0 + 20 * HOUR,
        turnId: null,
        versionId: null,
      }),
      draft('session.started', candidate, { deadline: t0 + 25 * HOUR }),
      draft('prompt.version', candidate, { versionId: 'v1', text: 'x', label: 'first', rationale: '', parentId: null }),
      draft('score.set', interviewer, { criterionId: 'c1', level: 2, comment: 'live', evidence: [] }),
      draft('session.ended', candidate, { reason: 'submitted' }),
      draft('score.set', reviewer, { criterionId: 'c1', level: 4, comment: '', evidence: [] }),
      draft('review.submitted', reviewer, {}),
    ];
    return drafts.map((d, i) => ({ ...d, seq: i + 1, at: t0 + at[i]! }) as SessionEvent);
  }

  it('spans the session from its start to its end, however long before it was scheduled or after it was reviewed', () => {
    const events = reviewedSession();
    const state = reduceAll(events);
    const span = sessionSpan(state, events[0]!.at, events.at(-1)!.at, t0 + 200 * HOUR);
    expect(span).toEqual({ start: t0 + 24 * HOUR, end: t0 + 25 * HOUR });
    // Running: its start to now; not started yet: its first event to now.
    const live = reduceAll(events.slice(0, 4));
    expect(sessionSpan(live, t0, events[3]!.at, t0 + 24.75 * HOUR)).toEqual({ start: t0 + 24 * HOUR, end: t0 + 24.75 * HOUR });
    const scheduled = reduceAll(events.slice(0, 2));
    expect(sessionSpan(scheduled, t0, t0 + 20 * HOUR, t0 + 21 * HOUR)).toEqual({ start: t0, end: t0 + 21 * HOUR });
  });

  it('puts staff work before the start and after the end in its own lane, the candidate lane keeping the session', () => {
    const events = reviewedSession();
    const state = reduceAll(events);
    const markers = sortMarkers([...events.map(markerOf).filter((m) => m !== null), ...noteMarkers(state.notes)]);
    const lanes = splitLanes(markers, state.startedAt!, state.endedAt!);
    // A score given during the session is a verdict, not a moment of the candidate's work: not on their lane.
    expect(lanes.candidate.map((m) => m.kind)).toEqual(['lifecycle', 'version', 'lifecycle']);
    expect(markers.filter((m) => m.kind === 'score').map((m) => m.detail)).toEqual(['2', '4']);
    expect(lanes.before.map((m) => [m.kind, m.detail])).toEqual([['note', 'Prepared questions']]);
    expect(lanes.after.map((m) => [m.kind, m.detail])).toEqual([
      ['score', '4'],
      ['review', 'Rita'],
    ]);
    expect(lanes.after[0]!.criterionId).toBe('c1');
  });

  it('finds the moment playback has reached in a long list by halving', () => {
    const items = Array.from({ length: 10_000 }, (_, i) => ({ at: 1000 + Math.floor(i / 2) * 10 }));
    expect(lastAtOrBefore(items, 999)).toBe(-1);
    expect(lastAtOrBefore(items, 1000)).toBe(1);
    expect(lastAtOrBefore(items, 1005)).toBe(1);
    expect(lastAtOrBefore(items, 1010)).toBe(3);
    expect(lastAtOrBefore(items, 10_000_000)).toBe(9_999);
    for (const t of [1234, 5678, 40_000, 50_990]) expect(lastAtOrBefore(items, t)).toBe(items.findLastIndex((item) => item.at <= t));
    expect(lastAtOrBefore([], 5)).toBe(-1);
  });
});
