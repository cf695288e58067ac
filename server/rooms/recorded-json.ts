import type { SessionEvent } from '../../shared/events';
import type { EventRow } from '../db/event-store';

// An event's JSON as a frame carries it, from the text its log row already holds: the actor and
// data were serialized once when the event was appended (toRow), and stringifying them again for
// the frame was a second full serialization of every delta on the broadcast path (row 5 of
// docs/benchmarks.md). The room notes which row a broadcast event (or the candidate's renumbered
// copy of it) was recorded as; the WebSocket adapter asks here when it serializes a frame.

const rows = new WeakMap<SessionEvent, EventRow>();

/**
 * `view` is `row`'s event as some viewer sees it. Noted only when it carries the recorded actor
 * and data unchanged (the event itself, or a copy with another seq): a redacted view (blind
 * review) has other text and is stringified as it is.
 */
export function noteRecordedAs(view: SessionEvent, recorded: SessionEvent, row: EventRow): void {
  if (view.actor === recorded.actor && view.data === recorded.data && view.at === row.at) rows.set(view, row);
}

/** The event's JSON: built from its row's text when noted, else stringified. */
export function eventJson(event: SessionEvent): string {
  const row = rows.get(event);
  if (row === undefined) return JSON.stringify(event);
  // The same keys, in the same order, as JSON.stringify of the event (room.ts builds them so);
  // `type` is one of the closed set of event type names, which need no escaping.
  return `{"type":"${row.type}","actor":${row.actor},"data":${row.data},"seq":${event.seq},"at":${row.at}}`;
}
