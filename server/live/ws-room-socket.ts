import type { WebSocket } from 'ws';
import type { ServerFrame } from '../../shared/protocol';
import { eventJson } from '../rooms/recorded-json';
import type { RoomSocket } from '../rooms/room-socket';

// The only place that touches `ws` and serializes frames. An event frame is broadcast as one
// object to every socket of a room; the cache makes it one JSON.stringify and one UTF-8
// encoding for all of them (ws would otherwise encode the string again for each socket).

const serialized = new WeakMap<ServerFrame, Buffer>();

export function serializeFrame(frame: ServerFrame): Buffer {
  let bytes = serialized.get(frame);
  if (bytes === undefined) {
    bytes = Buffer.from(frameJson(frame));
    serialized.set(frame, bytes);
  }
  return bytes;
}

/** Event frames reuse their events' recorded text (rooms/recorded-json.ts); other frames are stringified. */
function frameJson(frame: ServerFrame): string {
  if (frame.type === 'event') return `{"type":"event","event":${eventJson(frame.event)}}`;
  if (frame.type === 'batch') return `{"type":"batch","events":[${frame.events.map(eventJson).join(',')}]}`;
  return JSON.stringify(frame);
}

/**
 * Each frame is written as it is sent, as a bare relay does. Corking a socket until the end of
 * the group commit's callbacks (tried in a0ba914) saved nothing for deltas — a commit already
 * reaches a socket as one frame — and held every socket's frame until the whole commit had been
 * broadcast: 10 observers waited for each other (fan-out p99 +1.3–2.1 ms over the relay, against
 * −0.3–0.1 ms written at once; docs/benchmarks.md, row 4).
 */
export function wsRoomSocket(ws: WebSocket): RoomSocket {
  const sendSerialized = (bytes: Buffer) => {
    // A text frame, whatever the payload's type: clients parse JSON from text.
    if (ws.readyState === ws.OPEN) ws.send(bytes, { binary: false });
  };
  return {
    send(frame) {
      if (ws.readyState === ws.OPEN) sendSerialized(serializeFrame(frame));
    },
    sendSerialized,
    close(code, reason) {
      if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) ws.close(code, reason);
    },
    isOpen: () => ws.readyState === ws.OPEN,
  };
}
