import type { WebSocket } from 'ws';
import type { ServerFrame } from '../../shared/protocol';
import type { RoomSocket } from '../rooms/room-socket';

// The only place that touches `ws` and serializes frames. An event frame is broadcast as one
// object to every socket of a room; the cache makes it one JSON.stringify for all of them.

const serialized = new WeakMap<ServerFrame, string>();

export function serializeFrame(frame: ServerFrame): string {
  let text = serialized.get(frame);
  if (text === undefined) {
    text = JSON.stringify(frame);
    serialized.set(frame, text);
  }
  return text;
}

export function wsRoomSocket(ws: WebSocket): RoomSocket {
  return {
    send(frame) {
      if (ws.readyState === ws.OPEN) ws.send(serializeFrame(frame));
    },
    close(code, reason) {
      if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) ws.close(code, reason);
    },
    isOpen: () => ws.readyState === ws.OPEN,
  };
}
