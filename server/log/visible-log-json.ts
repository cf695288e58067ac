import { seenAsRecorded, seqSeenBy, viewOf, type Viewer } from '../../shared/audience';
import { SYSTEM_ACTOR, type Actor } from '../../shared/events';
import { toEvent, type EventRow } from '../db/event-store';

// A session's log as one viewer may read it, written straight to JSON text. A reviewer opening
// a replay reads the whole log, and nearly all of it (every streamed delta) reaches them exactly
// as recorded: those rows' stored JSON is forwarded as it is, without a parse and a re-stringify
// each. Every other row is parsed and goes through `viewOf`, like everywhere else.
// The text equals JSON.stringify({ events: visibleEvents(viewer, <the rows as numbered events>) })
// unless options ask for more.

export interface LogJsonOptions {
  /** Write the system's deltas in the packed form of shared/packed-log.ts. */
  packDeltas?: boolean;
  /** How many events the rows leave out on purpose (settled deltas), written as `omitted`. */
  omitted?: number;
}

export function visibleLogJson(viewer: Viewer, rows: readonly EventRow[], options: LogJsonOptions = {}): string {
  const parts: string[] = [];
  for (const row of rows) {
    if (seenAsRecorded(viewer, row.type, actorRole(row.actor))) {
      const seq = seqSeenBy(viewer, row.seq, row.candidateSeq);
      const packed = options.packDeltas ? packedDelta(row, seq) : null;
      if (packed) {
        parts.push(packed);
        continue;
      }
      parts.push(`{"seq":${seq},"at":${row.at},"type":"${row.type}","actor":${row.actor},"data":${row.data}}`);
      continue;
    }
    const seen = viewOf(viewer, toEvent(row), row.candidateSeq);
    if (seen) parts.push(JSON.stringify(seen));
  }
  const omitted = options.omitted === undefined ? '' : `,"omitted":${options.omitted}`;
  return `{"events":[${parts.join(',')}]${omitted}}`;
}

/** The actor's role without parsing the whole actor: it is always the first key (see toRow). */
function actorRole(actor: string): Actor['role'] {
  const match = /^\{"role":"([a-z]+)"/.exec(actor);
  return match ? (match[1] as Actor['role']) : (JSON.parse(actor) as Actor).role;
}

const SYSTEM_ACTOR_JSON = JSON.stringify(SYSTEM_ACTOR);
/** A delta's data as toRow writes it: its two strings are taken as the JSON they already are. */
const DELTA_DATA = /^\{"turnId":("(?:[^"\\]|\\.)*"),"text":("(?:[^"\\]|\\.)*")\}$/;

/** [seq, at, turnId, text] (PackedDelta) for a delta of the system's; null for anything else. */
function packedDelta(row: EventRow, seq: number): string | null {
  if (row.type !== 'turn.delta' || row.actor !== SYSTEM_ACTOR_JSON) return null;
  const match = DELTA_DATA.exec(row.data);
  return match ? `[${seq},${row.at},${match[1]},${match[2]}]` : null;
}
