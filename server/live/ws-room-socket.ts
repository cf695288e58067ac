import type { Socket } from 'node:net';
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
 * `transport` is the upgraded TCP socket under `ws`: the frames sent in one synchronous stretch
 * (a group commit's broadcasts and acks) are corked and leave in one write when it ends, instead
 * of one syscall per frame.
 */
export function wsRoomSocket(ws: WebSocket, transport?: Pick<Socket, 'cork' | 'uncork'>): RoomSocket {
  let corked = false;
  const uncork = () => {
    corked = false;
    transport!.uncork();
  };
  const sendSerialized = (bytes: Buffer) => {
    if (ws.readyState !== ws.OPEN) return;
    if (transport && !corked) {
      corked = true;
      transport.cork();
      process.nextTick(uncork);
    }
    // A text frame, whatever the payload's type: clients parse JSON from text.
    ws.send(bytes, { binary: false });
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
