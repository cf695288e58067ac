import type { ServerFrame } from '../../shared/protocol';

/** What a room needs of a connection. Only the WebSocket adapter touches `ws` and JSON. */
export interface RoomSocket {
  send(frame: ServerFrame): void;
  /** Sends a frame another node already serialized (a relayed socket, live/relay.ts); absent on virtual sockets. */
  sendSerialized?(bytes: Buffer): void;
  close(code: number, reason: string): void;
  isOpen(): boolean;
}
