import { describe, expect, it } from 'vitest';
import { numberForCandidate, VIEWER_EVENT_TYPES, viewerOf, visibleEvents, type Viewer } from '../../../shared/audience';
import { draft, SYSTEM_ACTOR, type Actor, type EventDraft } from '../../../shared/events';
import { unpackEvents } from '../../../shared/packed-log';
import { reduceAll } from '../../../shared/reducer';
import { toEvent, toRow } from '../../../server/db/event-store';
import { visibleLogJson } from '../../../server/log/visible-log-json';
import { basicSession, candidate, interviewer, sequence } from '../../shared/fixtures';

// The REST log read forwards stored JSON without parsing it whenever the audience rule would
// pass the event untouched. It must write exactly what the rule gives, for every kind of
// viewer: staff-only events, calibration, blind review, odd text in deltas.

const secondInterviewer: Actor = { role: 'interviewer', participantId: 'inv-i2', name: 'Grace' };
const reviewer: Actor = { role: 'reviewer', participantId: 'inv-r', name: 'Linus' };

function recording() {
  const drafts: EventDraft[] = [
    ...basicSession(),
    draft('participant.joined', candidate, { participantId: 'inv-c', role: 'candidate', name: 'Ada' }),
    draft('turn.delta', SYSTEM_ACTOR, { turnId: 't1', text: ' "quoted" \\ back\\slash\nnew line, é ✓ \u2028 {"turnId":"x","text":"y"}' }),
    draft('turn.diagnostic', SYSTEM_ACTOR, { turnId: 't1', kind: 'server', cause: 'upstream 500', status: 500, attempts: 2 }),
    draft('score.set', interviewer, { criterionId: 'c1', level: 4, comment: 'clear', evidence: [] }),
    draft('score.set', secondInterviewer, { criterionId: 'c1', level: 2, comment: 'vague', evidence: [] }),
    draft('review.submitted', interviewer, {}),
    draft('review.configured', { role: 'admin', participantId: 'admin' }, { blind: true }),
    draft('score.set', reviewer, { criterionId: 'c1', level: 3, comment: '', evidence: [] }),
  ];
  return sequence(drafts);
}

// As the store hands them back (its key order), numbered for the candidate as when appended.
const numbered = numberForCandidate(recording());
const rows = numbered.map(({ event, candidateSeq }) => toRow(event, candidateSeq));
const events = rows.map(toEvent);
const asLogged = rows.map((row) => ({ event: toEvent(row), candidateSeq: row.candidateSeq }));
const state = reduceAll(events);
const viewers: [string, Viewer][] = [
  ['the candidate', viewerOf('candidate', 'inv-c', state)],
  ['an interviewer who submitted', viewerOf('interviewer', 'inv-i', state)],
  ['an interviewer who has not', viewerOf('interviewer', 'inv-i2', state)],
  ['a reviewer of a blind session', viewerOf('reviewer', 'inv-r', state)],
  ['the admin', viewerOf('admin', 'admin', state)],
];

describe('visibleLogJson', () => {
  it.each(viewers)('writes exactly what the audience rule shows %s', (_, viewer) => {
    expect(visibleLogJson(viewer, rows)).toBe(JSON.stringify({ events: visibleEvents(viewer, asLogged) }));
  });

  it.each(viewers)('packs deltas for %s into arrays that unpack to the same events', (_, viewer) => {
    const packed = JSON.parse(visibleLogJson(viewer, rows, { packDeltas: true })) as { events: unknown[] };
    expect(packed.events.filter(Array.isArray)).toHaveLength(events.filter((e) => e.type === 'turn.delta').length);
    expect(unpackEvents(packed.events as never)).toEqual(visibleEvents(viewer, asLogged));
  });

  it('hides the name from a blind reviewer and unsubmitted scores from a scorer, without parsing what it forwards', () => {
    const blind = visibleLogJson(viewers[3]![1], rows);
    expect(blind).not.toContain('Ada');
    const unsubmitted = JSON.parse(visibleLogJson(viewers[2]![1], rows)) as { events: { type: string; actor: Actor }[] };
    expect(unsubmitted.events.filter((e) => e.type === 'score.set').map((e) => e.actor.participantId)).toEqual(['inv-i2']);
    expect(visibleLogJson(viewers[0]![1], rows)).not.toContain('upstream 500');
  });

  it("numbers the candidate's events 1, 2, 3… with no gap where staff events were, packed or not", () => {
    for (const packDeltas of [false, true]) {
      const seen = unpackEvents((JSON.parse(visibleLogJson(viewers[0]![1], rows, { packDeltas })) as { events: never }).events);
      expect(seen.map((e) => e.seq)).toEqual(seen.map((_, i) => i + 1));
      expect(seen.length).toBeLessThan(rows.length);
    }
  });
});

describe('VIEWER_EVENT_TYPES', () => {
  it('is all a viewer depends on: the review events alone give every participant the same standing as the whole log', () => {
    const reviewEventsOnly = reduceAll(events.filter((e) => VIEWER_EVENT_TYPES.includes(e.type)));
    for (const [role, participantId] of [
      ['candidate', 'inv-c'],
      ['interviewer', 'inv-i'],
      ['interviewer', 'inv-i2'],
      ['reviewer', 'inv-r'],
      ['admin', 'admin'],
    ] as const) {
      expect(viewerOf(role, participantId, reviewEventsOnly)).toEqual(viewerOf(role, participantId, state));
    }
  });
});
