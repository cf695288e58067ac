import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { LIMITS } from '../../shared/limits';
import { CLOSE_CODES } from '../../shared/protocol';
import type { Member } from '../rooms/member';
import type { RoomSocket } from '../rooms/room-socket';
import { serializeFrame } from './ws-room-socket';

// Any node serves any participant. A session has one writer, the node holding its lease. A socket
// that reaches another node (the relay) is authenticated there as usual, then relayed over Redis
// pub/sub to the writer, which runs it as a *virtual* connection of its room: the same
// LiveConnection, the same dispatch, audience rule, acks and errors as a local socket. The relay
// only counts the participant's frames against its budget (as for a local socket) and copies
// bytes: the writer's frames, serialized once there, are written to the real socket as they came.
//
// Every node subscribes to one channel, `<prefix>node:<nodeId>`, and everything addressed to it
// arrives there, tagged with a connection id the relay drew at random (128 bits): a participant
// never names a channel or an id, so it cannot reach another connection. Messages (`|`-separated
// header, then the payload as is):
//
//   relay → writer   o{json: id, origin, sessionId, member}   a socket opens (its hello follows)
//                    m|id|n|<client frame>                    a frame from the client, n = 1, 2, …
//                    c|id                                     the client's socket closed
//                    h{json: origin, ids}                     heartbeat: the relay's sockets on this writer
//   writer → relay   s|id|n|<server frame>                    a frame for the client, n = 1, 2, …
//                    x|id|code|reason                         the writer closed the connection
//                    w{json: writer, ids}                     heartbeat: the writer's connections from this relay
//   any → all nodes  p{json: origin, order}                   on `<prefix>all`: sockets to close everywhere
//                                                             (a revoked invite, an account, an erasure)
//
// Pub/sub delivers at most once, in order per publisher. What could be lost is detected, never
// papered over: a numbered frame that is not the next one, a publish that fails or reaches no
// subscriber (the peer is gone), a heartbeat missing for three periods, the subscription dropping
// — each closes the connection on both sides, the client's socket with 4503 writerUnreachable,
// and the client resumes from the last seq it holds (on any node). So nothing a client received
// is lost and nothing is received twice or out of order.

/** What the writer runs for one relayed participant (a LiveConnection on a virtual socket). */
export interface RelayedEndpoint {
  receive(text: string): void;
  closed(): void;
}

export type RelayAcceptor = (sessionId: string, member: Member, socket: RoomSocket) => RelayedEndpoint;

/** The relay's end of a relayed socket: the client's frames go in, its closing ends it. */
export interface RelayLink {
  send(text: string): void;
  closed(): void;
}

export interface RelayOptions {
  /** Publishes (a connection of its own: a subscribed connection can do nothing else). */
  publisher: Redis;
  subscriber: Redis;
  prefix: string;
  nodeId: string;
  /** Default 1000: heartbeats go every period; three missed ones close the connection. */
  heartbeatMs?: number;
  log?: (message: string, error?: unknown) => void;
}

/** A real socket on this node, relayed to the session's writer. */
interface Outbound {
  id: string;
  writer: string;
  socket: RoomSocket;
  sent: number;
  received: number;
  heardAt: number;
}

/** A virtual connection on this node (the writer) for a socket on another node. */
interface Inbound {
  id: string;
  origin: string;
  endpoint: RelayedEndpoint;
  sent: number;
  received: number;
  heardAt: number;
}

const SEP = 0x7c; // '|'
const { writerUnreachable } = CLOSE_CODES;

export class LiveRelay {
  private readonly outbound = new Map<string, Outbound>();
  private readonly inbound = new Map<string, Inbound>();
  private readonly heartbeatMs: number;
  private acceptor: RelayAcceptor | undefined;
  private onOrder: ((order: unknown) => void) | undefined;
  private timer: NodeJS.Timeout | undefined;
  private subscribed = false;

  constructor(private readonly options: RelayOptions) {
    this.heartbeatMs = options.heartbeatMs ?? 1000;
    options.subscriber.on('messageBuffer', (_channel: Buffer, message: Buffer) => {
      try {
        this.dispatch(message);
      } catch (error) {
        this.log('a relay message could not be handled', error);
      }
    });
    // The subscription dropped: whatever was published meanwhile is lost; every relayed
    // connection ends (clients resume). ioredis subscribes again when it reconnects.
    options.subscriber.on('close', () => {
      this.subscribed = false;
      this.dropAll();
    });
    // Redis came back (or was away at start): subscribe again (ioredis may have already; it is idempotent).
    options.subscriber.on('ready', () => {
      if (this.timer) void this.subscribe();
    });
  }

  /** The channel of a node. */
  private channelOf(nodeId: string): string {
    return `${this.options.prefix}node:${nodeId}`;
  }

  /** Runs relayed participants here (the writer's side). */
  accept(acceptor: RelayAcceptor): void {
    this.acceptor = acceptor;
  }

  /** Hears what other nodes broadcast (`broadcast`), never this node's own. */
  hear(onOrder: (order: unknown) => void): void {
    this.onOrder = onOrder;
  }

  /** Tells every other node (best effort: a node that misses it, being away from Redis, relays nothing either). */
  broadcast(order: unknown): void {
    this.options.publisher
      .publish(`${this.options.prefix}all`, Buffer.from(`p${JSON.stringify({ origin: this.options.nodeId, order })}`))
      .catch((error: unknown) => this.log('a broadcast to the other nodes failed', error));
  }

  /** Subscribes to this node's channel and starts the heartbeats. Redis away: the node starts anyway, relaying nothing. */
  async start(): Promise<void> {
    this.timer = setInterval(() => this.beat(), this.heartbeatMs);
    this.timer.unref();
    // Both connections up before the node listens (a PING waits for the publisher's connection).
    await Promise.all([this.subscribe(), this.options.publisher.ping().catch(() => undefined)]);
  }

  private async subscribe(): Promise<void> {
    try {
      await this.options.subscriber.subscribe(this.channelOf(this.options.nodeId), `${this.options.prefix}all`);
      this.subscribed = true;
    } catch (error) {
      this.log('the relay could not subscribe (Redis away?): sockets of sessions other nodes write are refused until it can', error);
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.dropAll();
    await Promise.all([this.options.subscriber, this.options.publisher].map((client) => client.quit().catch(() => client.disconnect())));
  }

  /** Whether this node can relay right now (Redis answers, the subscription is live). */
  get available(): boolean {
    return this.subscribed && this.options.publisher.status === 'ready' && this.options.subscriber.status === 'ready';
  }

  /** Relayed sockets on this node, and virtual connections it runs for other nodes (tests, metrics). */
  get counts(): { outbound: number; inbound: number } {
    return { outbound: this.outbound.size, inbound: this.inbound.size };
  }

  /**
   * Relays a socket whose hello (`hello`, already parsed and valid) reached this node while
   * `writer` writes its session. The socket is closed with 4503 when Redis is away.
   */
  open(writer: string, sessionId: string, member: Member, hello: string, socket: RoomSocket): RelayLink {
    const id = randomBytes(16).toString('base64url');
    const link: RelayLink = {
      send: (text) => {
        const out = this.outbound.get(id);
        if (out) this.publish(out.writer, Buffer.from(`m|${id}|${++out.sent}|${text}`), () => this.endOutbound(id, true));
      },
      closed: () => {
        const out = this.outbound.get(id);
        if (!out) return;
        this.outbound.delete(id);
        this.publish(out.writer, Buffer.from(`c|${id}`));
      },
    };
    if (!this.available) {
      socket.close(writerUnreachable.code, writerUnreachable.reason);
      return { send() {}, closed() {} };
    }
    this.outbound.set(id, { id, writer, socket, sent: 0, received: 0, heardAt: Date.now() });
    const opening = JSON.stringify({ id, origin: this.options.nodeId, sessionId, member });
    this.publish(writer, Buffer.from(`o${opening}`), () => this.endOutbound(id, false));
    link.send(hello);
    return link;
  }

  /** Publishes to a node; `onLost` runs when the message cannot have arrived (no subscriber, Redis error). */
  private publish(node: string, message: Buffer, onLost?: () => void): void {
    this.options.publisher.publish(this.channelOf(node), message).then(
      (receivers) => {
        if (receivers === 0) onLost?.();
      },
      () => onLost?.(),
    );
  }

  private dispatch(message: Buffer): void {
    switch (message[0]) {
      case 0x6f /* o */:
        return this.opened(JSON.parse(message.subarray(1).toString()) as Opening);
      case 0x6d /* m */: {
        const [[id, n], text] = fields(message, 2);
        const conn = this.inbound.get(id!);
        if (!conn) return;
        conn.heardAt = Date.now();
        // A frame was lost on the way, or this one is over the cap a socket has: end it as ws would.
        if (Number(n) !== ++conn.received) return this.endInbound(id!, writerUnreachable);
        if (text.length > LIMITS.maxFrameBytes) return this.endInbound(id!, CLOSE_CODES.frameTooLarge);
        conn.endpoint.receive(text.toString());
        return;
      }
      case 0x63 /* c */: {
        const [, id] = fields(message, 0);
        const conn = this.inbound.get(id.toString());
        if (!conn) return;
        this.inbound.delete(conn.id);
        conn.endpoint.closed();
        return;
      }
      case 0x68 /* h */: {
        const { origin, ids } = JSON.parse(message.subarray(1).toString()) as Beat & { origin: string };
        const now = Date.now();
        for (const id of ids) {
          const conn = this.inbound.get(id);
          if (conn && conn.origin === origin) conn.heardAt = now;
          // This node does not run it (it restarted since): the relay must let the client go.
          else if (!conn) this.publish(origin, Buffer.from(`x|${id}|${writerUnreachable.code}|${writerUnreachable.reason}`));
        }
        return;
      }
      case 0x73 /* s */: {
        const [[id, n], frame] = fields(message, 2);
        const out = this.outbound.get(id!);
        if (!out) return;
        out.heardAt = Date.now();
        if (Number(n) !== ++out.received) return this.endOutbound(id!, true);
        if (out.socket.sendSerialized) out.socket.sendSerialized(frame);
        else out.socket.send(JSON.parse(frame.toString()) as never);
        return;
      }
      case 0x78 /* x */: {
        const [[id, code], reason] = fields(message, 2);
        const out = this.outbound.get(id!);
        if (!out) return;
        this.outbound.delete(id!);
        out.socket.close(Number(code), reason.toString());
        return;
      }
      case 0x77 /* w */: {
        const { writer, ids } = JSON.parse(message.subarray(1).toString()) as Beat & { writer: string };
        const now = Date.now();
        for (const id of ids) {
          const out = this.outbound.get(id);
          if (out && out.writer === writer) out.heardAt = now;
          else if (!out) this.publish(writer, Buffer.from(`c|${id}`));
        }
        return;
      }
      case 0x70 /* p */: {
        const { origin, order } = JSON.parse(message.subarray(1).toString()) as { origin: string; order: unknown };
        if (origin !== this.options.nodeId) this.onOrder?.(order);
        return;
      }
      default:
        this.log(`unknown relay message ${message.subarray(0, 1).toString()}`);
    }
  }

  /** The writer's side of `open`: a virtual connection whose frames go back to the relay. */
  private opened({ id, origin, sessionId, member }: Opening): void {
    if (this.inbound.has(id) || !this.acceptor) return;
    const channelNode = origin;
    const conn: Inbound = { id, origin, endpoint: undefined as never, sent: 0, received: 0, heardAt: Date.now() };
    const socket: RoomSocket = {
      send: (frame) => {
        if (this.inbound.get(id) !== conn) return;
        const header = Buffer.from(`s|${id}|${++conn.sent}|`);
        this.publish(channelNode, Buffer.concat([header, serializeFrame(frame)]), () => this.endInbound(id, undefined));
      },
      close: (code, reason) => this.endInbound(id, { code, reason }),
      isOpen: () => this.inbound.get(id) === conn,
    };
    this.inbound.set(id, conn);
    conn.endpoint = this.acceptor(sessionId, member, socket);
  }

  /**
   * Ends a virtual connection: tells the relay to close the client's socket with `close` (unless
   * the relay is gone), then the connection leaves its room as when a local socket closes.
   */
  private endInbound(id: string, close: { code: number; reason: string } | undefined): void {
    const conn = this.inbound.get(id);
    if (!conn) return;
    this.inbound.delete(id);
    if (close) this.publish(conn.origin, Buffer.from(`x|${id}|${close.code}|${close.reason}`));
    // As a ws 'close' event would: after the current turn (the room may be iterating its connections).
    setImmediate(() => conn.endpoint.closed());
  }

  /** Ends a relayed socket: the client reconnects; the writer is told unless it is gone. */
  private endOutbound(id: string, tellWriter: boolean): void {
    const out = this.outbound.get(id);
    if (!out) return;
    this.outbound.delete(id);
    if (tellWriter) this.publish(out.writer, Buffer.from(`c|${id}`));
    out.socket.close(writerUnreachable.code, writerUnreachable.reason);
  }

  /** Every heartbeat period: tell each peer what this node still holds, and end what went silent. */
  private beat(): void {
    const now = Date.now();
    const silentAfter = 3 * this.heartbeatMs;
    const byWriter = new Map<string, string[]>();
    for (const out of this.outbound.values()) {
      if (now - out.heardAt > silentAfter) this.endOutbound(out.id, true);
      else byWriter.set(out.writer, [...(byWriter.get(out.writer) ?? []), out.id]);
    }
    for (const [writer, ids] of byWriter) {
      this.publish(writer, Buffer.from(`h${JSON.stringify({ origin: this.options.nodeId, ids })}`), () => {
        for (const id of ids) this.endOutbound(id, false);
      });
    }
    const byOrigin = new Map<string, string[]>();
    for (const conn of this.inbound.values()) {
      if (now - conn.heardAt > silentAfter) this.endInbound(conn.id, writerUnreachable);
      else byOrigin.set(conn.origin, [...(byOrigin.get(conn.origin) ?? []), conn.id]);
    }
    for (const [origin, ids] of byOrigin) {
      this.publish(origin, Buffer.from(`w${JSON.stringify({ writer: this.options.nodeId, ids })}`), () => {
        for (const id of ids) this.endInbound(id, undefined);
      });
    }
  }

  /** Every relayed connection ends at once (the subscription dropped, or the node stops). */
  private dropAll(): void {
    for (const id of [...this.outbound.keys()]) this.endOutbound(id, true);
    for (const id of [...this.inbound.keys()]) this.endInbound(id, writerUnreachable);
  }

  private log(message: string, error?: unknown): void {
    this.options.log?.(message, error);
  }
}

interface Opening {
  id: string;
  origin: string;
  sessionId: string;
  member: Member;
}

interface Beat {
  ids: string[];
}

/** The `count` fields after a message's kind (`k|a|b|…`), and the rest of it as is. */
function fields(message: Buffer, count: number): [string[], Buffer] {
  const parts: string[] = [];
  let start = 2;
  for (let i = 0; i < count; i++) {
    const end = message.indexOf(SEP, start);
    if (end < 0) throw new Error('a relay message is cut short');
    parts.push(message.toString('latin1', start, end));
    start = end + 1;
  }
  return [parts, message.subarray(start)];
}
