import type { Actor, SessionEvent } from './events';

// The wire form of a log read in one request with `?pack=deltas` (GET /api/sessions/:id/events).
// Streamed deltas are nearly all of a recording; each travels as [seq, at, turnId, text]
// instead of a whole event object: a quarter of the bytes to send, receive and parse when a
// replay opens. Every other event travels as it is, and unpacking gives back the same events.

/** Deltas are the system's (SYSTEM_ACTOR, restated: events.ts would bring TypeBox into the browser). */
const SYSTEM: Actor = { role: 'system' };

export type PackedDelta = [seq: number, at: number, turnId: string, text: string];
export type PackedEntry = SessionEvent | PackedDelta;

export function unpackEvents(entries: readonly PackedEntry[]): SessionEvent[] {
  return entries.map((entry) =>
    Array.isArray(entry)
      ? { seq: entry[0], at: entry[1], type: 'turn.delta', actor: SYSTEM, data: { turnId: entry[2], text: entry[3] } }
      : entry,
  );
}
