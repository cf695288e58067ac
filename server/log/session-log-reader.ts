import { VIEWER_EVENT_TYPES, viewerOf, visibleEvents, type Viewer } from '../../shared/audience';
import type { SessionEvent } from '../../shared/events';
import { reduceAll } from '../../shared/reducer';
import type { Role } from '../../shared/roles';
import { toEvent, type EventStore } from '../db/event-store';
import type { GroupCommit } from '../db/group-commit';
import { visibleLogJson } from './visible-log-json';

// Reading a session's log as one viewer may see it, without a live room: REST reads, exports,
// reports and a socket's catch-up all come through here. Only sockets and commands open rooms
// (server/rooms/session-rooms.ts); a read never loads, reduces or keeps a session in memory.

export interface LogJsonRead {
  /** In the viewer's own numbering (see seqSeenBy). */
  after?: number;
  /** Streamed deltas as [seq, at, turnId, text] arrays (shared/packed-log.ts). */
  packDeltas?: boolean;
  /** Leave out the deltas of answers that have ended; `omitted` counts them. */
  omitSettledDeltas?: boolean;
}

export class SessionLogReader {
  constructor(
    private readonly events: EventStore,
    private readonly commits: GroupCommit,
  ) {}

  /** Who this participant is to the audience rule, from the only events that decide it. */
  viewer(sessionId: string, participant: { role: Role; participantId: string }): Viewer {
    this.commits.flush();
    return viewerOf(participant.role, participant.participantId, reduceAll(this.events.ofTypes(sessionId, VIEWER_EVENT_TYPES)));
  }

  /** The events this viewer may see after their `after`, as they see them. */
  visible(sessionId: string, viewer: Viewer, after = 0): SessionEvent[] {
    const rows = this.events.rowsAfter(sessionId, this.logSeqAfter(sessionId, viewer, after));
    return visibleEvents(
      viewer,
      rows.map((row) => ({ event: toEvent(row), candidateSeq: row.candidateSeq })),
    );
  }

  /** The same read as JSON text, forwarding the stored JSON wherever the audience rule allows. */
  visibleJson(sessionId: string, viewer: Viewer, read: LogJsonRead = {}): string {
    const from = this.logSeqAfter(sessionId, viewer, read.after ?? 0);
    if (!read.omitSettledDeltas) return visibleLogJson(viewer, this.events.rowsAfter(sessionId, from), { packDeltas: read.packDeltas });
    const rows = this.events.rowsAfterWithoutSettledDeltas(sessionId, from);
    return visibleLogJson(viewer, rows, { packDeltas: read.packDeltas, omitted: this.events.countAfter(sessionId, from) - rows.length });
  }

  /** The log seq a viewer's "after n" starts from: everything appended so far is committed first. */
  private logSeqAfter(sessionId: string, viewer: Viewer, after: number): number {
    this.commits.flush();
    return viewer.role === 'candidate' ? this.events.seqOfCandidateSeq(sessionId, after) : after;
  }
}
