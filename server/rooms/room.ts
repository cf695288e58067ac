import { numberForCandidate, revealsHistory, seqSeenBy, viewerOf, viewOf, type Viewer } from '../../shared/audience';
import { AtelierError } from '../../shared/errors';
import { draft, type EventDraft, type SessionEvent } from '../../shared/events';
import { LIMITS } from '../../shared/limits';
import { CLOSE_CODES, PROTOCOL_VERSION, type BatchFrame, type EventFrame } from '../../shared/protocol';
import { reduce, reduceAll, reduceRange } from '../../shared/reducer';
import type { SessionState } from '../../shared/state';
import type { WebhookEventType } from '../../shared/api/webhooks';
import type { Clock } from '../clock';
import type { Transaction } from '../db/database';
import { toRow, type EventRow, type EventStore } from '../db/event-store';
import type { GroupCommit, PendingAppend } from '../db/group-commit';
import type { SessionStore } from '../db/session-store';
import type { SessionLogReader } from '../log/session-log-reader';
import { lifecycleChanges } from '../integrations/lifecycle';
import { actorOf, type Member } from './member';
import { noteRecordedAs } from './recorded-json';
import type { RoomSocket } from './room-socket';

// A live room: the one writer of a session's log. `append` gives the events their seqs,
// serializes them and applies them to the state at once (so the next command is checked
// against them), queues them for the group commit, and broadcasts them only once they are
// committed: a client never sees an event the database could lose. All the events a room appends
// before a group commit takes its queue join one entry of it, and reach each socket as one frame.
//
// A room that is closed (released when idle, evicted after a failed commit, erased) never
// writes again: `append` refuses, so two rooms can never number the same session's events.

export interface Connection {
  readonly socket: RoomSocket;
  readonly participant: Member;
  /** The highest log seq this connection has been sent; resume and broadcast never repeat one. */
  sentSeq: number;
  joined: boolean;
}

export interface RoomDeps {
  events: EventStore;
  sessions: SessionStore;
  commits: GroupCommit;
  log: SessionLogReader;
  clock: Clock;
  /**
   * Called inside the append's transaction when the session started, ended or became reviewed:
   * integrations queue what they must hear in the same commit (server/integrations/outbox.ts).
   */
  onLifecycle?(sessionId: string, changes: readonly WebhookEventType[], state: SessionState, tx: Transaction): void;
  /** Called when a commit failed: the room's state is ahead of the log and must be dropped. */
  onBroken?(sessionId: string, error: unknown): void;
}

type Listener = (events: readonly SessionEvent[], state: SessionState) => void;

export interface AppendOptions {
  /** Committed before this returns (inside `tx`, if given), instead of with the next group commit. */
  immediate?: boolean;
  /** The instant the events are stamped with (a command's), instead of now. */
  at?: number;
  tx?: Transaction;
  /**
   * Committed and broadcast at once, with what this session has queued before, instead of at the
   * end of this loop turn (an answer's first token: under load the turn is long).
   */
  commitNow?: boolean;
  /** Background work's events (answers, timers): no command acks them, so `seqsSeenBy` need not know them. */
  background?: boolean;
}

/** The room's entry in the group commit's open batch: later appends join it until the batch is taken. */
interface OpenEntry {
  batch: number;
  entry: PendingAppend;
  events: SessionEvent[];
  rows: EventRow[];
}

/** Thrown by `append` on a room that was closed; background work stops on it quietly. */
export class RoomClosedError extends AtelierError {
  constructor(sessionId: string) {
    super('internal', `The room of session ${sessionId} is closed.`);
  }
}

export class Room {
  /** The state up to the last event appended, but for the streamed deltas in `unfolded`. */
  private stateValue: SessionState;
  /**
   * Streamed deltas appended since the state was last read: folded in by the next read, in one
   * copy of the state and its turns for the whole run (the turns map is copied whole, so a delta
   * reduced on its own costs more the more answers the session holds).
   */
  private unfolded: SessionEvent[] = [];
  private headSeq: number;
  /** How many events the candidate may see so far: the last `candidateSeq` given. */
  private candidateHead: number;
  private closedValue = false;
  private readonly connections = new Set<Connection>();
  private readonly listeners = new Set<Listener>();
  /** The candidate's number of each event this room appended, for acks (dropped with the events). */
  private readonly candidateSeqs = new WeakMap<SessionEvent, number>();
  private open: OpenEntry | null = null;
  private readonly viewers = new WeakMap<
    Connection,
    { scorers: SessionState['scorers']; review: SessionState['review']; viewer: Viewer }
  >();

  private constructor(
    readonly sessionId: string,
    private readonly deps: RoomDeps,
    events: readonly SessionEvent[],
    candidateHead: number,
  ) {
    this.stateValue = reduceAll(events);
    this.headSeq = this.stateValue.headSeq;
    this.candidateHead = candidateHead;
  }

  /** Loads the room from what is durable; the caller makes sure no other room of the session can still write. */
  static load(sessionId: string, deps: RoomDeps): Room {
    deps.commits.flush();
    return new Room(sessionId, deps, deps.events.all(sessionId), deps.events.heads(sessionId).candidateSeq);
  }

  get state(): SessionState {
    if (this.unfolded.length > 0) {
      this.stateValue = reduceRange(this.stateValue, this.unfolded, 0, this.unfolded.length);
      this.unfolded = [];
    }
    return this.stateValue;
  }

  get closed(): boolean {
    return this.closedValue;
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  connectionsOf(participantId: string): number {
    let count = 0;
    for (const c of this.connections) if (c.participant.participantId === participantId) count++;
    return count;
  }

  now(): number {
    return this.deps.clock.now();
  }

  /**
   * Makes the drafts the next events of the log. With `immediate`, they are committed before
   * this returns (inside the caller's transaction `tx`, if given); otherwise with the next group commit.
   * `at` stamps them with the instant a command was handled at, so what the command computed
   * from it (a note's pin, a deadline) matches the events' own time to the millisecond.
   * Throws a typed error, with nothing appended, when an event cannot be recorded.
   */
  append(drafts: readonly EventDraft[], options: AppendOptions = {}): SessionEvent[] {
    if (this.closedValue) throw new RoomClosedError(this.sessionId);
    if (drafts.length === 0) return [];
    const at = options.at ?? this.deps.clock.now();
    let seq = this.headSeq;
    const events: SessionEvent[] = [];
    const rows: EventRow[] = [];
    // Serialized here, while the command is handled: data that cannot be recorded fails this
    // command alone, never the group commit it would have joined.
    // One shape for every event (not a spread of each draft's): the reducer, the audience rule
    // and the serializer then see a single hidden class on this hot path.
    for (const d of drafts) events.push({ type: d.type, actor: d.actor, data: d.data, seq: ++seq, at } as SessionEvent);
    for (const { event, candidateSeq } of numberForCandidate(events, this.candidateHead)) {
      rows.push(recordable(event, candidateSeq));
      // Only a command's events are acked: background work (deltas above all) skips this map.
      if (candidateSeq !== null && !options.background) this.candidateSeqs.set(event, candidateSeq);
    }
    const candidateHead = rows.reduce((head, row) => row.candidateSeq ?? head, this.candidateHead);
    // Streamed deltas change nothing but their answer's text: they are folded in when the state
    // is next read (a command, a join), not here, where the next delta would copy it again.
    const previous = events.every((e) => e.type === 'turn.delta') ? null : this.state;
    let next = previous;
    if (next) for (const event of events) next = reduce(next, event);
    const alsoInTransaction =
      previous && next && summaryChanged(previous, next)
        ? (tx: Transaction) => {
            const reviewerIds = this.deps.sessions.syncReadModel(this.sessionId, next, tx);
            const changes = lifecycleChanges(previous, next, reviewerIds);
            if (changes.length > 0) this.deps.onLifecycle?.(this.sessionId, changes, next, tx);
          }
        : undefined;
    if (options.immediate) {
      this.deps.commits.flush(); // keep the log in seq order
      this.deps.events.append({ sessionId: this.sessionId, rows, alsoInTransaction }, options.tx);
      this.advance(events, next, candidateHead);
      this.broadcast(events, rows);
    } else {
      this.advance(events, next, candidateHead);
      this.enqueue(events, rows, alsoInTransaction);
      if (options.commitNow) {
        // This room's entry leaves the open batch: a later append starts a new one.
        this.open = null;
        this.deps.commits.commitNow(this.sessionId);
      }
    }
    if (next) for (const listener of this.listeners) listener(events, next);
    return events;
  }

  /**
   * Queues events for the group commit: into this room's entry of the open batch when it has one
   * (one broadcast, one frame per socket for all of them), else as a new entry.
   */
  private enqueue(events: readonly SessionEvent[], rows: readonly EventRow[], alsoInTransaction: PendingAppend['alsoInTransaction']): void {
    const { commits } = this.deps;
    const open = this.open;
    if (open && open.batch === commits.openBatch) {
      open.events.push(...events);
      open.rows.push(...rows);
      // The newest read model wins: it is synced from the state after all of these events.
      if (alsoInTransaction) open.entry.alsoInTransaction = alsoInTransaction;
      return;
    }
    const batchEvents = [...events];
    const batchRows = [...rows];
    const entry: PendingAppend = {
      sessionId: this.sessionId,
      rows: batchRows,
      alsoInTransaction,
      afterCommit: () => this.broadcast(batchEvents, batchRows),
      onFailure: (error) => this.deps.onBroken?.(this.sessionId, error),
    };
    this.open = { batch: commits.openBatch, entry, events: batchEvents, rows: batchRows };
    commits.enqueue(entry);
  }

  /** `append` for background work (answers, test runs, timers): on a closed room it does nothing. */
  appendIfOpen(drafts: readonly EventDraft[], options: Pick<AppendOptions, 'commitNow'> = {}): SessionEvent[] {
    return this.closedValue ? [] : this.append(drafts, { ...options, background: true });
  }

  /** The numbers a participant knows these events by (a command's ack): only what they may see. */
  seqsSeenBy(participant: Member, events: readonly SessionEvent[]): number[] {
    if (participant.role !== 'candidate') return events.map((e) => e.seq);
    return events.flatMap((e) => {
      const n = this.candidateSeqs.get(e);
      return n === undefined ? [] : [n];
    });
  }

  /** Commits everything appended so far (a read of the log must see it). */
  flush(): void {
    this.deps.commits.flush();
  }

  /** Runs `fn` once everything appended so far is committed and broadcast (command acks). */
  afterCommit(fn: () => void): void {
    if (this.deps.commits.size === 0) return fn();
    this.deps.commits.enqueue({ sessionId: this.sessionId, rows: [], afterCommit: fn, onFailure: () => {} });
  }

  /**
   * Called after every append with the state after it, but for streamed deltas' appends: they
   * change only an answer's text, and would otherwise make the room fold them in one by one.
   */
  onAppend(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Welcomes a connection and sends what it missed since `lastSeq` (in its own numbering), then
   * keeps it live. Synchronous: no append can slip between the catch-up read and the registration.
   */
  join(connection: Connection, lastSeq: number): void {
    // What is pending commits first: that commit may find the room broken or fenced off (another
    // node took the session) and close it, disconnecting its sockets. A socket joining in that
    // moment is closed as they were, so that it reconnects, rather than joined to a dead room.
    this.deps.commits.flush();
    if (this.closedValue) {
      const { code, reason } = CLOSE_CODES.internalError;
      connection.socket.close(code, reason);
      return;
    }
    const { participant } = connection;
    const viewer = this.viewerOf(connection);
    const firstOfParticipant = this.connectionsOf(participant.participantId) === 0;
    const headSeq = seqSeenBy(viewer, this.headSeq, this.candidateHead);
    connection.socket.send({
      type: 'welcome',
      protocol: PROTOCOL_VERSION,
      sessionId: this.sessionId,
      role: participant.role,
      participantId: participant.participantId,
      headSeq,
      now: this.deps.clock.now(),
    });
    // The catch-up is read from the log, which the reader first brings up to date.
    for (const event of this.deps.log.visible(this.sessionId, viewer, Math.min(lastSeq, headSeq))) {
      connection.socket.send({ type: 'event', event });
    }
    connection.sentSeq = this.headSeq;
    connection.joined = true;
    this.connections.add(connection);
    if (firstOfParticipant && participant.role !== 'admin') {
      this.append([
        draft('participant.joined', actorOf(participant), {
          participantId: participant.participantId,
          role: participant.role,
          name: participant.name,
        }),
      ]);
    }
  }

  leave(connection: Connection): void {
    if (!this.connections.delete(connection)) return;
    this.recordDeparture(connection.participant);
  }

  /**
   * Closes every connection matching `predicate` (a revoked invite, a resync, shutdown); each
   * participant left without a connection is recorded as gone, as when they close it themselves.
   */
  disconnect(predicate: (c: Connection) => boolean, code: number, reason: string): void {
    for (const connection of [...this.connections]) {
      if (!predicate(connection)) continue;
      this.connections.delete(connection);
      connection.socket.close(code, reason);
      this.recordDeparture(connection.participant);
    }
  }

  /** Stops this room for good: nothing is appended to it any more. What it appended still commits. */
  close(): void {
    this.closedValue = true;
  }

  /** What the audience rule needs to know about this connection's participant, now. */
  viewerOf(connection: Connection): Viewer {
    // Kept while the parts of the state it is made of are the same objects (the state is never
    // mutated): a delta changes neither, so a broadcast does not rebuild it for every socket,
    // and the state without its unfolded deltas has the same ones.
    const { scorers, review } = this.stateValue;
    const cached = this.viewers.get(connection);
    if (cached && cached.scorers === scorers && cached.review === review) return cached.viewer;
    const viewer = viewerOf(connection.participant.role, connection.participant.participantId, this.stateValue);
    this.viewers.set(connection, { scorers, review, viewer });
    return viewer;
  }

  /** Participants the log says are online but who have no connection here (the server stopped under them). */
  staleParticipants(): string[] {
    return Object.values(this.state.participants)
      .filter((p) => p.online && this.connectionsOf(p.id) === 0)
      .map((p) => p.id);
  }

  private recordDeparture(participant: Member): void {
    if (this.closedValue || participant.role === 'admin') return;
    if (this.connectionsOf(participant.participantId) > 0) return;
    if (!this.state.participants[participant.participantId]?.online) return;
    this.append([draft('participant.left', actorOf(participant), { participantId: participant.participantId })]);
  }

  /** `next`: the state after `events`, or null for streamed deltas, which are folded in later. */
  private advance(events: readonly SessionEvent[], next: SessionState | null, candidateHead: number): void {
    if (next) this.stateValue = next;
    else this.unfolded.push(...events);
    this.headSeq = events[events.length - 1]!.seq;
    this.candidateHead = candidateHead;
  }

  private broadcast(events: readonly SessionEvent[], rows: readonly EventRow[]): void {
    // One frame per socket for all the events of a commit (an `event` frame for one, a `batch`
    // for more), and one frame object per audience, shared by every socket that sees the same
    // events the same way: the adapter serializes it once. Only redacted copies (blind review,
    // calibration) get frames of their own. Shared frames are indexed by the first event a
    // socket still lacks (almost always 0): this runs once per commit per socket.
    const candidateFrames: (EventFrame | BatchFrame | null)[] = [];
    const staffFrames: (EventFrame | BatchFrame)[] = [];
    let candidateViews: (SessionEvent | null)[] | undefined;
    for (let i = 0; i < events.length; i++) noteRecordedAs(events[i]!, events[i]!, rows[i]!);
    // No copy of the set on this hot path: nothing below removes a connection synchronously
    // (the resync close is deferred).
    for (const connection of this.connections) {
      if (!connection.socket.isOpen()) continue;
      // Events are in seq order: those after what this connection was sent.
      let first = 0;
      while (first < events.length && events[first]!.seq <= connection.sentSeq) first++;
      if (first === events.length) continue;
      connection.sentSeq = events[events.length - 1]!.seq;
      const viewer = this.viewerOf(connection);
      if (viewer.role === 'candidate') {
        // Every candidate sees an event the same way: one view per event, one frame per range.
        candidateViews ??= events.map((event, i) => {
          const row = rows[i]!;
          if (row.candidateSeq === null) return null;
          const view = viewOf(viewer, event, row.candidateSeq);
          if (view) noteRecordedAs(view, event, row);
          return view;
        });
        let frame = candidateFrames[first];
        if (frame === undefined) {
          const seen = candidateViews.slice(first).filter((event) => event !== null);
          frame = candidateFrames[first] = seen.length === 0 ? null : frameOf(seen);
        }
        if (frame) connection.socket.send(frame);
        continue;
      }
      const seen: SessionEvent[] = [];
      // Staff who see every one of these events as recorded share a frame per range.
      let asRecorded = true;
      let resync = false;
      for (let i = first; i < events.length; i++) {
        const event = events[i]!;
        const view = viewOf(viewer, event, rows[i]!.candidateSeq);
        if (view) seen.push(view);
        asRecorded &&= view === event;
        resync ||= revealsHistory(viewer, event);
      }
      if (seen.length > 0) {
        let frame = asRecorded ? staffFrames[first] : undefined;
        if (!frame) {
          frame = frameOf(seen);
          if (asRecorded) staffFrames[first] = frame;
        }
        connection.socket.send(frame);
      }
      // What this viewer may see of the past just changed: have it reload from the start —
      // after this turn's callbacks, so the command's ack still reaches it.
      if (resync) setImmediate(() => this.disconnect((c) => c === connection, CLOSE_CODES.resync.code, CLOSE_CODES.resync.reason));
    }
  }
}

function frameOf(events: SessionEvent[]): EventFrame | BatchFrame {
  return events.length === 1 ? { type: 'event', event: events[0]! } : { type: 'batch', events };
}

/** The event as the log stores it, or a typed error when it cannot be stored. */
function recordable(event: SessionEvent, candidateSeq: number | null): EventRow {
  let row: EventRow;
  try {
    row = toRow(event, candidateSeq);
  } catch {
    // JSON.stringify overflows its stack on deeply nested data; schemas should stop it first.
    throw new AtelierError('invalid_payload', 'This data is nested too deeply to be recorded.');
  }
  if (row.data.length > LIMITS.maxEventChars) {
    throw new AtelierError(
      'payload_too_large',
      `This would record ${row.data.length} characters in one event; at most ${LIMITS.maxEventChars} fit.`,
    );
  }
  return row;
}

function summaryChanged(a: SessionState, b: SessionState): boolean {
  return (
    a.status !== b.status ||
    a.deadline !== b.deadline ||
    a.totals !== b.totals ||
    a.judgeTotals !== b.judgeTotals ||
    a.startedAt !== b.startedAt ||
    // Scores change the review queue's columns (reviewed, mean score).
    a.scorers !== b.scorers
  );
}
