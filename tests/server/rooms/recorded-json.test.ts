import { describe, expect, it } from 'vitest';
import { toRow } from '../../../server/db/event-store';
import { serializeFrame } from '../../../server/live/ws-room-socket';
import { eventJson, noteRecordedAs } from '../../../server/rooms/recorded-json';
import type { SessionEvent } from '../../../shared/events';

// A broadcast frame reuses the text its events were recorded with instead of stringifying them
// again: what it sends must be exactly what stringifying would have sent, for the recorded event,
// for the candidate's renumbered copy, and never the recorded text for a redacted view.

const delta = (seq: number, text: string): SessionEvent =>
  ({ type: 'turn.delta', actor: { role: 'system' }, data: { turnId: 'turn_1', text }, seq, at: 1_700_000_000_123 }) as SessionEvent;

describe('recorded event text in frames', () => {
  it('sends the same JSON as stringifying, for the event and for a copy with another seq', () => {
    const event = delta(41, 'quote " backslash \\ newline \n emoji 🎉 and </script>');
    const row = toRow(event, 7);
    const renumbered = { ...event, seq: 7 };
    noteRecordedAs(event, event, row);
    noteRecordedAs(renumbered, event, row);
    expect(eventJson(event)).toBe(JSON.stringify(event));
    expect(eventJson(renumbered)).toBe(JSON.stringify(renumbered));
    const batch = { type: 'batch' as const, events: [event, renumbered] };
    expect(serializeFrame(batch).toString()).toBe(JSON.stringify(batch));
    expect(serializeFrame({ type: 'event', event }).toString()).toBe(JSON.stringify({ type: 'event', event }));
  });

  it('stringifies a view whose text differs from the recorded one (a redacted copy)', () => {
    const event = {
      type: 'participant.joined',
      actor: { role: 'candidate', participantId: 'p1', name: 'Ada Lovelace' },
      data: { participantId: 'p1', role: 'candidate', name: 'Ada Lovelace' },
      seq: 3,
      at: 5,
    } as SessionEvent;
    const blind = {
      ...event,
      actor: { role: 'candidate', participantId: 'p1' },
      data: { participantId: 'p1', role: 'candidate', name: null },
    } as SessionEvent;
    noteRecordedAs(blind, event, toRow(event, 2));
    expect(eventJson(blind)).toBe(JSON.stringify(blind));
    expect(eventJson(blind)).not.toContain('Ada');
  });

  it('stringifies events it was never told about (a catch-up read from the log)', () => {
    const event = delta(9, 'from the log');
    expect(eventJson(event)).toBe(JSON.stringify(event));
  });
});
