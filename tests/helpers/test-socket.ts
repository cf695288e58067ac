import type { ServerFrame } from '../../shared/protocol';
import type { RoomSocket } from '../../server/rooms/room-socket';
import { serializeFrame } from '../../server/live/ws-room-socket';

/** The events a frame carries: one for an event frame, a commit's for a batch, none otherwise. */
export function eventsOf(frame: ServerFrame) {
  return frame.type === 'event' ? [frame.event] : frame.type === 'batch' ? frame.events : [];
}

/**
 * A RoomSocket without a network (after tldraw's TestSocketPair): it keeps every frame the
 * server sends as a client would read it — serialized by the WebSocket adapter and parsed back,
 * so a later change to a shared frame object, or bytes that say something else, would show — and how
 * it was closed. Room, connection and dispatch logic then run synchronously in unit tests.
 */
export class TestSocket implements RoomSocket {
  /** Frames sent by every TestSocket so far: `sendOrder` tells which socket was sent what first. */
  private static sends = 0;
  readonly sendOrder: number[] = [];
  readonly sent: ServerFrame[] = [];
  /** The frame objects as the room handed them over (not cloned): sockets that share one share its serialization. */
  readonly handed: ServerFrame[] = [];
  closedWith: { code: number; reason: string } | null = null;

  send(frame: ServerFrame): void {
    if (this.closedWith) throw new Error('sent on a closed socket');
    this.sent.push(JSON.parse(serializeFrame(frame).toString()) as ServerFrame);
    this.handed.push(frame);
    this.sendOrder.push(TestSocket.sends++);
  }

  close(code: number, reason: string): void {
    this.closedWith ??= { code, reason };
  }

  isOpen(): boolean {
    return this.closedWith === null;
  }

  /** The frames sent since the last call (and forgets them). */
  take(): ServerFrame[] {
    this.handed.length = 0;
    this.sendOrder.length = 0;
    return this.sent.splice(0);
  }

  /** The events among the frames sent so far (a batch frame's, in order). */
  events() {
    return this.sent.flatMap(eventsOf);
  }
}
