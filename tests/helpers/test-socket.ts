import type { ServerFrame } from '../../shared/protocol';
import type { RoomSocket } from '../../server/rooms/room-socket';

/**
 * A RoomSocket without a network (after tldraw's TestSocketPair): it keeps a copy of every frame
 * the server sends — cloned, so a later change to a shared frame object would show — and how
 * it was closed. Room, connection and dispatch logic then run synchronously in unit tests.
 */
export class TestSocket implements RoomSocket {
  readonly sent: ServerFrame[] = [];
  closedWith: { code: number; reason: string } | null = null;

  send(frame: ServerFrame): void {
    if (this.closedWith) throw new Error('sent on a closed socket');
    this.sent.push(structuredClone(frame));
  }

  close(code: number, reason: string): void {
    this.closedWith ??= { code, reason };
  }

  isOpen(): boolean {
    return this.closedWith === null;
  }

  /** The frames sent since the last call (and forgets them). */
  take(): ServerFrame[] {
    return this.sent.splice(0);
  }

  /** The events among the frames sent so far. */
  events() {
    return this.sent.flatMap((frame) => (frame.type === 'event' ? [frame.event] : []));
  }
}
