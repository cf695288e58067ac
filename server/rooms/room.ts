import { canSee } from '../../shared/audience';
import { SYSTEM_ACTOR, draft, type EventDraft, type SessionEvent } from '../../shared/events';
import { PROTOCOL_VERSION, type EventFrame } from '../../shared/protocol';
import { reduce, reduceAll } from '../../shared/reducer';
import type { Role } from '../../shared/roles';
import type { SessionState } from '../../shared/state';
import type { Clock } from '../clock';
import type { EventStore } from '../db/event-store';
import type { SessionStore } from '../db/session-store';
import type { RoomSocket } from './room-socket';

// A live room: the one writer of a session's log. `append` commits, then reduces, then
// broadcasts — in that order, synchronously — so a client never sees an event the database
// could lose, and no two appends interleave.

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
  clock: Clock;
}

type Listener = (events: readonly SessionEvent[], state: SessionState) => void;

export class Room {
  private stateValue: SessionState;
  private readonly connections = new Set<Connection>();
  private readonly listeners = new Set<Listener>();

  private constructor(
    readonly sessionId: string,
    private readonly deps: RoomDeps,
    state: SessionState,
  ) {
    this.stateValue = state;
  }

  static load(sessionId: string, deps: RoomDeps): Room {
    return new Room(sessionId, deps, reduceAll(deps.events.all(sessionId)));
  }

  get state(): SessionState {
    return this.stateValue;
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  now(): number {
    return this.deps.clock.now();
  }

  /** Commits the drafts as the next events of the log, then sends them to whoever may see them. */
  append(drafts: readonly EventDraft[]): SessionEvent[] {
    if (drafts.length === 0) return [];
    const at = this.deps.clock.now();
    let seq = this.stateValue.headSeq;
    const events = drafts.map((d) => ({ ...d, seq: ++seq, at }) as SessionEvent);
    let next = this.stateValue;
    for (const event of events) next = reduce(next, event);
    const readModelChanged = summaryChanged(this.stateValue, next);
    this.deps.events.append(this.sessionId, events, readModelChanged ? () => this.deps.sessions.syncReadModel(this.sessionId, next) : undefined);
    this.stateValue = next;
    this.broadcast(events);
    for (const listener of this.listeners) listener(events, next);
    return events;
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
    const { participant } = connection;
    const firstOfParticipant = ![...this.connections].some((c) => c.participant.participantId === participant.participantId);
    connection.socket.send({
      type: 'welcome',
      protocol: PROTOCOL_VERSION,
      sessionId: this.sessionId,
      role: participant.role,
      participantId: participant.participantId,
      headSeq: this.stateValue.headSeq,
      now: this.deps.clock.now(),
    });
    const from = Math.min(lastSeq, this.stateValue.headSeq);
    for (const event of this.deps.events.after(this.sessionId, from)) {
      if (canSee(participant.role, event)) connection.socket.send({ type: 'event', event });
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

  private broadcast(events: readonly SessionEvent[]): void {
    // One frame object per event, shared by every socket: the adapter serializes it once.
    const frames: EventFrame[] = events.map((event) => ({ type: 'event', event }));
    for (const connection of this.connections) {
      if (!connection.socket.isOpen()) continue;
      for (let i = 0; i < events.length; i++) {
        const event = events[i]!;
        if (event.seq <= connection.sentSeq) continue;
        if (canSee(connection.participant.role, event)) connection.socket.send(frames[i]!);
        connection.sentSeq = event.seq;
      }
    }
  }
}

export function actorOf(participant: Participant) {
  return participant.role === 'admin'
    ? { role: participant.role, participantId: participant.participantId }
    : { role: participant.role, participantId: participant.participantId, ...(participant.name ? { name: participant.name } : {}) };
}

export { SYSTEM_ACTOR };

function summaryChanged(a: SessionState, b: SessionState): boolean {
  return a.status !== b.status || a.deadline !== b.deadline || a.totals !== b.totals || a.startedAt !== b.startedAt;
}
