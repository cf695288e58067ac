import { assertNever } from '../../shared/assert-never';
import { AtelierError, ERRORS } from '../../shared/errors';
import { isProblemList } from '../../shared/problems';
import { LIMITS } from '../../shared/limits';
import { CLOSE_CODES, PROTOCOL_VERSION } from '../../shared/protocol';
import type { Clock } from '../clock';
import { handleCommand, prepareCommand } from '../commands/dispatch';
import { parseCommand } from '../commands/parse';
import type { LiveSession } from '../rooms/live-session';
import type { Member } from '../rooms/member';
import type { Connection } from '../rooms/room';
import type { RoomSocket } from '../rooms/room-socket';
import type { SessionRooms } from '../rooms/session-rooms';
import { frameIdOf, parseClientFrame } from './client-frames';
import { participantKey, type FrameRefusal, type ParticipantBudgets } from './participant-limits';
import type { LiveRelay, RelayLink } from './relay';

// One participant's live channel: hello → welcome + catch-up, then commands and pings.
// Transport-free: it speaks to a RoomSocket, so tests can drive it without a network.
// The room is opened at hello, not at the handshake: a socket that never says hello holds
// no room open.

export interface LiveConnectionDeps {
  rooms: SessionRooms;
  clock: Clock;
  /** Shared by all of a participant's sockets: a new socket brings no fresh budget. */
  budgets: Pick<ParticipantBudgets, 'hitFrame'>;
  /** Logs unexpected failures (a bug, never a user error). */
  onInternalError(error: unknown): void;
  /** With several nodes (REDIS_URL): relays a socket whose session another node writes, instead of refusing it. */
  relay?: LiveRelay;
}

const REFUSED: Record<FrameRefusal, string> = {
  frames: 'Too many frames this minute from this participant (all its connections together); this one was ignored.',
  chars: 'Too much text this minute from this participant (all its connections together); this one was ignored.',
};

/** Frames held while a command is prepared; a participant sending more is told to slow down. */
const MAX_HELD_FRAMES = 64;

export class LiveConnection {
  private readonly connection: Connection;
  private readonly budgetKey: string;
  private framesReceived = 0;
  private session: LiveSession | undefined;
  /**
   * Frames that arrived while a command was being prepared off the event loop (prepareCommand):
   * they wait for it, so this participant's commands are still handled in the order sent.
   */
  private held: string[] | null = null;
  private isClosed = false;
  /** Set when another node writes the session: every later frame goes there (live/relay.ts). */
  private link: RelayLink | undefined;

  constructor(
    private readonly deps: LiveConnectionDeps,
    private readonly sessionId: string,
    socket: RoomSocket,
    participant: Member,
  ) {
    this.connection = { socket, participant, sentSeq: 0, joined: false };
    this.budgetKey = participantKey(sessionId, participant);
  }

  get state(): Connection {
    return this.connection;
  }

  /** The socket closed: the participant leaves the room it joined, if any. */
  closed(): void {
    this.isClosed = true;
    this.held = null;
    this.link?.closed();
    if (this.session) this.deps.rooms.leave(this.session, this.connection);
  }

  receive(text: string): void {
    try {
      // A socket's first frame (its hello) is bounded by the handshake budget instead, so that a
      // participant over its frame budget can still reconnect and catch up.
      if (this.framesReceived++ > 0) {
        const refusal = this.deps.budgets.hitFrame(this.budgetKey, text.length, this.deps.clock.now());
        if (refusal) throw new AtelierError('rate_limited', REFUSED[refusal]);
      }
      if (this.link) {
        this.link.send(text);
        return;
      }
      if (this.held) {
        if (this.held.length >= MAX_HELD_FRAMES)
          throw new AtelierError('rate_limited', 'Too many frames while a command is being checked; this one was ignored.');
        this.held.push(text);
        return;
      }
    } catch (error) {
      this.answerError(error, frameIdOf(text));
      return;
    }
    this.process(text);
  }

  private process(text: string): void {
    let commandId: string | undefined;
    try {
      const frame = parseClientFrame(text);
      switch (frame.type) {
        case 'hello': {
          if (this.connection.joined) throw new AtelierError('bad_frame', 'Hello was already received on this connection.');
          if (frame.protocol !== undefined && frame.protocol !== PROTOCOL_VERSION) throw new AtelierError('protocol_version');
          let session: ReturnType<typeof this.openSession>;
          try {
            session = this.openSession(text);
          } catch (error) {
            if (!(error instanceof AtelierError) || error.code !== 'session_elsewhere') throw error;
            // Said, then closed as retryable: a page reconnects on a close, not on an error without id.
            this.answerError(error, undefined);
            const { code, reason } = CLOSE_CODES.writerUnreachable;
            this.connection.socket.close(code, reason);
            return;
          }
          if (session === 'relayed') return;
          if (!session) {
            const { code, reason } = CLOSE_CODES.sessionErased;
            this.connection.socket.close(code, reason);
            return;
          }
          if (session.room.connectionsOf(this.connection.participant.participantId) >= LIMITS.socketsPerParticipant) {
            const { code, reason } = CLOSE_CODES.tooManySockets;
            this.connection.socket.close(code, reason);
            return;
          }
          session.room.join(this.connection, frame.lastSeq);
          this.session = session;
          return;
        }
        case 'ping': {
          // A ping is a barrier: acks go out once their events are committed, and the pong
          // follows them, so a client holding the pong holds the answer to every command before it.
          const pong = () => this.connection.socket.send({ type: 'pong', now: this.deps.clock.now() });
          if (this.session) this.session.room.afterCommit(pong);
          else pong();
          return;
        }
        case 'command': {
          commandId = frame.id;
          const session = this.session;
          if (!session) throw new AtelierError('hello_required');
          const command = parseCommand(frame.name, frame.data);
          const preparing = prepareCommand(session, this.connection.participant, command);
          if (!preparing) return this.handle(session, frame.id, command);
          const id = frame.id;
          this.held = [];
          preparing
            .then(() => {
              if (!this.isClosed) this.handle(session, id, command);
            })
            .catch((error: unknown) => {
              if (!this.isClosed) this.answerError(error, id);
            })
            .finally(() => this.release());
          return;
        }
        default:
          assertNever(frame);
      }
    } catch (error) {
      this.answerError(error, commandId ?? frameIdOf(text));
    }
  }

  /**
   * The session's room on this node; or, while another node writes it and a relay is
   * configured, 'relayed': this socket is served by that node from now on.
   */
  private openSession(hello: string): LiveSession | undefined | 'relayed' {
    const { rooms, relay } = this.deps;
    try {
      return rooms.get(this.sessionId);
    } catch (error) {
      if (!relay || !(error instanceof AtelierError) || error.code !== 'session_elsewhere') throw error;
      const writer = rooms.writerOf(this.sessionId);
      // The writer let go meanwhile: this node may take the session itself.
      if (writer === null) return rooms.get(this.sessionId);
      if (writer === rooms.nodeId) throw error;
      this.link = relay.open(writer, this.sessionId, this.connection.participant, hello, this.connection.socket);
      return 'relayed';
    }
  }

  private handle(session: LiveSession, id: string, command: Parameters<typeof handleCommand>[2]): void {
    try {
      const events = handleCommand(session, this.connection.participant, command);
      // The ack follows the command's events: it goes out once they are committed.
      const seqs = session.room.seqsSeenBy(this.connection.participant, events);
      session.room.afterCommit(() => this.connection.socket.send({ type: 'ack', id, seqs }));
    } catch (error) {
      this.answerError(error, id);
    }
  }

  /** A preparation ended: the frames held meanwhile go through, in order, until one is prepared again. */
  private release(): void {
    const queued = this.held ?? [];
    this.held = null;
    while (queued.length > 0 && this.held === null && !this.isClosed) this.process(queued.shift()!);
    if (this.held !== null) (this.held as string[]).push(...queued);
  }

  private answerError(error: unknown, id: string | undefined): void {
    const known = error instanceof AtelierError ? error : undefined;
    if (!known) this.deps.onInternalError(error);
    const code = known?.code ?? 'internal';
    const message = known && known.status < 500 ? known.message : ERRORS[code].message;
    const problems = known && isProblemList(known.details) ? { problems: known.details } : {};
    this.connection.socket.send({ type: 'error', ...(id ? { id } : {}), code, message, ...problems });
  }
}
