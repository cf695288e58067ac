import { AtelierError, ERRORS } from '../../shared/errors';
import { PROTOCOL_VERSION } from '../../shared/protocol';
import { handleCommand } from '../commands/dispatch';
import { parseCommand } from '../commands/parse';
import type { LiveSession } from '../rooms/live-session';
import type { Connection, Participant } from '../rooms/room';
import type { RoomSocket } from '../rooms/room-socket';
import { frameIdOf, parseClientFrame } from './client-frames';

// One participant's live channel: hello → welcome + catch-up, then commands and pings.
// Transport-free: it speaks to a RoomSocket, so tests can drive it without a network.

export interface LiveConnectionHooks {
  /** Logs unexpected failures (a bug, never a user error). */
  onInternalError(error: unknown): void;
}

export class LiveConnection {
  private readonly connection: Connection;

  constructor(
    private readonly session: LiveSession,
    socket: RoomSocket,
    participant: Participant,
    private readonly hooks: LiveConnectionHooks,
  ) {
    this.connection = { socket, participant, sentSeq: 0, joined: false };
  }

  get state(): Connection {
    return this.connection;
  }

  receive(text: string): void {
    let commandId: string | undefined;
    try {
      const frame = parseClientFrame(text);
      switch (frame.type) {
        case 'hello':
          if (this.connection.joined) throw new AtelierError('bad_frame', 'Hello was already received on this connection.');
          if (frame.protocol !== undefined && frame.protocol !== PROTOCOL_VERSION) throw new AtelierError('protocol_version');
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
          this.connection.socket.send({ type: 'ack', id: frame.id, seqs });
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
