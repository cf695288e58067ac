import { AtelierError, ERRORS } from '../../shared/errors';
import { LIMITS } from '../../shared/limits';
import { CLOSE_CODES, PROTOCOL_VERSION } from '../../shared/protocol';
import { handleCommand } from '../commands/dispatch';
import { parseCommand } from '../commands/parse';
import type { LiveSession } from '../rooms/live-session';
import type { Connection, Participant } from '../rooms/room';
import type { RoomSocket } from '../rooms/room-socket';
import { frameIdOf, parseClientFrame } from './client-frames';
import { participantKey, type FrameRefusal, type ParticipantBudgets } from './participant-limits';

// One participant's live channel: hello → welcome + catch-up, then commands and pings.
// Transport-free: it speaks to a RoomSocket, so tests can drive it without a network.

export interface LiveConnectionHooks {
  /** Logs unexpected failures (a bug, never a user error). */
  onInternalError(error: unknown): void;
}

const REFUSED: Record<FrameRefusal, string> = {
  frames: 'Too many frames this minute from this participant (all its connections together); this one was ignored.',
  chars: 'Too much text this minute from this participant (all its connections together); this one was ignored.',
};

export class LiveConnection {
  private readonly connection: Connection;
  private readonly budgetKey: string;
  private framesReceived = 0;

  constructor(
    private readonly session: LiveSession,
    socket: RoomSocket,
    participant: Participant,
    /** Shared by all of this participant's sockets: a new socket brings no fresh budget. */
    private readonly budgets: ParticipantBudgets,
    private readonly hooks: LiveConnectionHooks,
  ) {
    this.connection = { socket, participant, sentSeq: 0, joined: false };
    this.budgetKey = participantKey(session.room.sessionId, participant);
  }

  get state(): Connection {
    return this.connection;
  }

  receive(text: string): void {
    let commandId: string | undefined;
    try {
      // A socket's first frame (its hello) is bounded by the handshake budget instead, so that a
      // participant over its frame budget can still reconnect and catch up.
      if (this.framesReceived++ > 0) {
        const refusal = this.budgets.hitFrame(this.budgetKey, text.length, this.session.room.now());
        if (refusal) throw new AtelierError('rate_limited', REFUSED[refusal]);
      }
      const frame = parseClientFrame(text);
      switch (frame.type) {
        case 'hello':
          if (this.connection.joined) throw new AtelierError('bad_frame', 'Hello was already received on this connection.');
          if (frame.protocol !== undefined && frame.protocol !== PROTOCOL_VERSION) throw new AtelierError('protocol_version');
          if (this.session.room.connectionsOf(this.connection.participant.participantId) >= LIMITS.socketsPerParticipant) {
            const { code, reason } = CLOSE_CODES.tooManySockets;
            this.connection.socket.close(code, reason);
            return;
          }
          this.session.room.join(this.connection, frame.lastSeq);
          return;
        case 'ping':
          this.connection.socket.send({ type: 'pong', now: this.session.room.now() });
          return;
        case 'command': {
          commandId = frame.id;
          if (!this.connection.joined) throw new AtelierError('hello_required');
          const command = parseCommand(frame.name, frame.data);
          const seqs = handleCommand(this.session, this.connection.participant, command);
          // The ack follows the command's events: it goes out once they are committed.
          const id = frame.id;
          this.session.room.afterCommit(() => this.connection.socket.send({ type: 'ack', id, seqs }));
          return;
        }
      }
    } catch (error) {
      this.answerError(error, commandId ?? frameIdOf(text));
    }
  }

  private answerError(error: unknown, id: string | undefined): void {
    const known = error instanceof AtelierError ? error : undefined;
    if (!known) this.hooks.onInternalError(error);
    const code = known?.code ?? 'internal';
    const message = known && known.status < 500 ? known.message : ERRORS[code].message;
    this.connection.socket.send({ type: 'error', ...(id ? { id } : {}), code, message });
  }
}
