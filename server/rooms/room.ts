import { audienceOf, revealsHistory, viewerOf, viewOf, visibleEvents, type Viewer } from '../../shared/audience';
import { SYSTEM_ACTOR, draft, type EventDraft, type SessionEvent } from '../../shared/events';
import { CLOSE_CODES, PROTOCOL_VERSION, type EventFrame } from '../../shared/protocol';
import { reduce, reduceAll } from '../../shared/reducer';
import { isStaff, type Role } from '../../shared/roles';
import type { SessionState } from '../../shared/state';
import type { Clock } from '../clock';
import type { EventStore } from '../db/event-store';
import type { GroupCommit } from '../db/group-commit';
import type { SessionStore } from '../db/session-store';
import type { RoomSocket } from './room-socket';

// A live room: the one writer of a session's log. `append` gives the events their seqs and
// applies them to the state at once (so the next command is checked against them), queues them
// for the group commit, and broadcasts them only once they are committed: a client never sees
// an event the database could lose.

export interface Participant {
  participantId: string;
  inviteId: string | null;
  role: Role;
  name: string | null;
}

export interface Connection {
  readonly socket: RoomSocket;
  readonly participant: Participant;
  /** The highest seq this connection has been sent; resume and broadcast never repeat one. */
  sentSeq: number;
  joined: boolean;
}

export interface RoomDeps {
  events: EventStore;
  sessions: SessionStore;
  commits: GroupCommit;
  clock: Clock;
  /** Called when a commit failed: the room's state is ahead of the log and must be reloaded. */
  onBroken?(sessionId: string, error: unknown): void;
}

type Listener = (events: readonly SessionEvent[], state: SessionState) => void;

export class Room {
  private stateValue: SessionState;
  /** The newest seq everyone may see: the candidate's head. */
  private publicHeadSeq: number;
  private readonly connections = new Set<Connection>();
  private readonly listeners = new Set<Listener>();

  private constructor(
    readonly sessionId: string,
    private readonly deps: RoomDeps,
    events: readonly SessionEvent[],
  ) {
    this.stateValue = reduceAll(events);
    this.publicHeadSeq = lastPublicSeq(events, 0);
  }

  static load(sessionId: string, deps: RoomDeps): Room {
    return new Room(sessionId, deps, deps.events.all(sessionId));
  }

  get state(): SessionState {
    return this.stateValue;
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
   * this returns (inside the caller's transaction, if any); otherwise with the next group commit.
   * `at` stamps them with the instant a command was handled at, so what the command computed
   * from it (a note's pin, a deadline) matches the events' own time to the millisecond.
   */
  append(drafts: readonly EventDraft[], options: { immediate?: boolean; at?: number } = {}): SessionEvent[] {
    if (drafts.length === 0) return [];
    const at = options.at ?? this.deps.clock.now();
    let seq = this.stateValue.headSeq;
    const events = drafts.map((d) => ({ ...d, seq: ++seq, at }) as SessionEvent);
    let next = this.stateValue;
    for (const event of events) next = reduce(next, event);
    const alsoInTransaction = summaryChanged(this.stateValue, next) ? () => this.deps.sessions.syncReadModel(this.sessionId, next) : undefined;
    if (options.immediate) {
      this.deps.commits.flush(); // keep the log in seq order
      this.deps.events.append(this.sessionId, events, alsoInTransaction);
      this.advance(events, next);
      this.broadcast(events);
    } else {
      this.advance(events, next);
      this.deps.commits.enqueue({
        sessionId: this.sessionId,
        events,
        alsoInTransaction,
        afterCommit: () => this.broadcast(events),
        onFailure: (error) => this.deps.onBroken?.(this.sessionId, error),
      });
    }
    for (const listener of this.listeners) listener(events, next);
    return events;
  }

  /** Commits everything appended so far (a read of the log must see it). */
  flush(): void {
    this.deps.commits.flush();
  }

  /** Runs `fn` once everything appended so far is committed and broadcast (command acks). */
  afterCommit(fn: () => void): void {
    if (this.deps.commits.size === 0) return fn();
    this.deps.commits.enqueue({ sessionId: this.sessionId, events: [], afterCommit: fn, onFailure: () => {} });
  }

  private advance(events: readonly SessionEvent[], next: SessionState): void {
    this.stateValue = next;
    this.publicHeadSeq = lastPublicSeq(events, this.publicHeadSeq);
  }

  appendOne(d: EventDraft): SessionEvent {
    return this.append([d])[0]!;
  }

  /** Called after every append, once clients have been sent the events. */
  onAppend(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Welcomes a connection and sends what it missed since `lastSeq`, then keeps it live.
   * Synchronous: no append can slip between the catch-up read and the registration.
   */
  join(connection: Connection, lastSeq: number): void {
    // The catch-up is read from the log: everything appended so far must be in it.
    this.deps.commits.flush();
    const { participant } = connection;
    const firstOfParticipant = ![...this.connections].some((c) => c.participant.participantId === participant.participantId);
    connection.socket.send({
      type: 'welcome',
      protocol: PROTOCOL_VERSION,
      sessionId: this.sessionId,
      role: participant.role,
      participantId: participant.participantId,
      headSeq: isStaff(participant.role) ? this.stateValue.headSeq : this.publicHeadSeq,
      now: this.deps.clock.now(),
    });
    const from = Math.min(lastSeq, this.stateValue.headSeq);
    for (const event of visibleEvents(this.viewerOf(connection), this.deps.events.after(this.sessionId, from))) {
      connection.socket.send({ type: 'event', event });
    }
    connection.sentSeq = this.stateValue.headSeq;
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
    const { participant } = connection;
    const stillHere = [...this.connections].some((c) => c.participant.participantId === participant.participantId);
    if (!stillHere && participant.role !== 'admin' && this.stateValue.participants[participant.participantId]?.online) {
      this.append([draft('participant.left', actorOf(participant), { participantId: participant.participantId })]);
    }
  }

  /** Closes every connection matching `predicate` (a revoked invite, an erased session, shutdown). */
  disconnect(predicate: (c: Connection) => boolean, code: number, reason: string): void {
    for (const connection of [...this.connections]) {
      if (!predicate(connection)) continue;
      this.connections.delete(connection);
      connection.socket.close(code, reason);
    }
  }

  /** What the audience rule needs to know about this connection's participant, now. */
  viewerOf(connection: Connection): Viewer {
    return viewerOf(connection.participant.role, connection.participant.participantId, this.stateValue);
  }

  private broadcast(events: readonly SessionEvent[]): void {
    // One frame object per event, shared by every socket that sees it unchanged: the adapter
    // serializes it once. Only redacted copies (blind review) get frames of their own.
    const frames: EventFrame[] = events.map((event) => ({ type: 'event', event }));
    // No copy of the set on this hot path: nothing below removes a connection synchronously
    // (the resync close is deferred).
    for (const connection of this.connections) {
      if (!connection.socket.isOpen()) continue;
      const viewer = this.viewerOf(connection);
      let resync = false;
      for (let i = 0; i < events.length; i++) {
        const event = events[i]!;
        if (event.seq <= connection.sentSeq) continue;
        const seen = viewOf(viewer, event);
        if (seen) connection.socket.send(seen === event ? frames[i]! : { type: 'event', event: seen });
        connection.sentSeq = event.seq;
        resync ||= revealsHistory(viewer, event);
      }
      // What this viewer may see of the past just changed: have it reload from the start —
      // after this turn's callbacks, so the command's ack still reaches it.
      if (resync) setImmediate(() => this.disconnect((c) => c === connection, CLOSE_CODES.resync.code, CLOSE_CODES.resync.reason));
    }
  }
}

export function actorOf(participant: Participant) {
  return participant.role === 'admin'
    ? { role: participant.role, participantId: participant.participantId }
    : { role: participant.role, participantId: participant.participantId, ...(participant.name ? { name: participant.name } : {}) };
}

export { SYSTEM_ACTOR };

function lastPublicSeq(events: readonly SessionEvent[], previous: number): number {
  for (let i = events.length - 1; i >= 0; i--) if (audienceOf(events[i]!.type) === 'everyone') return events[i]!.seq;
  return previous;
}

function summaryChanged(a: SessionState, b: SessionState): boolean {
  return (
    a.status !== b.status ||
    a.deadline !== b.deadline ||
    a.totals !== b.totals ||
    a.startedAt !== b.startedAt ||
    // Scores change the review queue's columns (reviewed, mean score).
    a.scorers !== b.scorers
  );
}
