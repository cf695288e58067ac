import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { CLOSE_CODES, type ServerFrame } from '../../../shared/protocol';
import { LiveRelay, type RelayedEndpoint } from '../../../server/live/relay';
import type { Member } from '../../../server/rooms/member';
import type { RoomSocket } from '../../../server/rooms/room-socket';

// The live relay on its own, over the real Redis: two relays in this process, one writing the
// session (its endpoints stand for room connections), one holding the client's socket. What
// pub/sub may lose is never papered over: a frame out of order, a writer gone silent, a dropped
// subscription each close the client's socket with 4503 (it resumes from its last seq).

const REDIS_URL = process.env.ATELIER_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const member: Member = { participantId: 'inv1', inviteId: 'inv1', role: 'interviewer', name: 'Ines', accountId: null };
let opened: { relay: LiveRelay; clients: Redis[] }[] = [];

afterEach(async () => {
  for (const { relay } of opened) await relay.stop();
  opened = [];
});

async function startRelay(nodeId: string, prefix: string): Promise<{ relay: LiveRelay; publisher: Redis; subscriber: Redis }> {
  const publisher = new Redis(REDIS_URL);
  const subscriber = new Redis(REDIS_URL);
  for (const client of [publisher, subscriber]) client.on('error', () => undefined);
  const relay = new LiveRelay({ publisher, subscriber, prefix, nodeId, heartbeatMs: 250 });
  await relay.start();
  opened.push({ relay, clients: [publisher, subscriber] });
  return { relay, publisher, subscriber };
}

interface Endpoint extends RelayedEndpoint {
  received: string[];
  isClosed: boolean;
  socket: RoomSocket;
}

/** The writer's side: every accepted connection, its frames and whether it was closed. */
function acceptAll(relay: LiveRelay): Endpoint[] {
  const endpoints: Endpoint[] = [];
  relay.accept((_sessionId, who, socket) => {
    expect(who).toEqual(member);
    const endpoint: Endpoint = {
      received: [],
      isClosed: false,
      socket,
      receive(text) {
        endpoint.received.push(text);
      },
      closed() {
        endpoint.isClosed = true;
      },
    };
    endpoints.push(endpoint);
    return endpoint;
  });
  return endpoints;
}

/** The client's real socket on the relaying node. */
function clientSocket() {
  const sent: string[] = [];
  let closedWith: { code: number; reason: string } | undefined;
  const socket: RoomSocket = {
    send: (frame) => sent.push(JSON.stringify(frame)),
    sendSerialized: (bytes) => sent.push(bytes.toString()),
    close: (code, reason) => (closedWith ??= { code, reason }),
    isOpen: () => closedWith === undefined,
  };
  return { socket, sent, closed: () => closedWith };
}

async function until<T>(find: () => T | undefined | false, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined && found !== false) return found;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const pong = (now: number): ServerFrame => ({ type: 'pong', now });

describe('LiveRelay', () => {
  it('carries frames both ways, in order and unchanged, keeps an idle connection alive, and closes the far end', async () => {
    const prefix = `atelier-test-${randomBytes(4).toString('hex')}:`;
    const { relay: writer } = await startRelay('w', prefix);
    const { relay } = await startRelay('r', prefix);
    const endpoints = acceptAll(writer);
    const client = clientSocket();
    const link = relay.open('w', 's1', member, '{"type":"hello","lastSeq":0}', client.socket);
    const endpoint = await until(() => endpoints[0]?.received.length === 1 && endpoints[0]);
    expect(endpoint.received).toEqual(['{"type":"hello","lastSeq":0}']);

    for (let i = 1; i <= 50; i++) endpoint.socket.send(pong(i));
    for (let i = 1; i <= 20; i++) link.send(`{"type":"ping","n":${i}}`);
    await until(() => client.sent.length === 50 && endpoint.received.length === 21);
    expect(client.sent).toEqual(Array.from({ length: 50 }, (_, i) => JSON.stringify(pong(i + 1))));
    expect(endpoint.received.slice(1)).toEqual(Array.from({ length: 20 }, (_, i) => `{"type":"ping","n":${i + 1}}`));

    // Six heartbeat periods without a frame (twice the silence that ends one): the heartbeats alone keep both ends open.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(client.closed()).toBeUndefined();
    expect(endpoint.isClosed).toBe(false);

    // The client leaves: the writer's connection closes (the participant leaves the room).
    link.closed();
    await until(() => endpoint.isClosed);
    expect(relay.counts).toEqual({ outbound: 0, inbound: 0 });
    expect(writer.counts).toEqual({ outbound: 0, inbound: 0 });
  }, 30_000);

  it("closes the client's socket with the writer's own code when the writer closes the connection", async () => {
    const prefix = `atelier-test-${randomBytes(4).toString('hex')}:`;
    const { relay: writer } = await startRelay('w', prefix);
    const { relay } = await startRelay('r', prefix);
    const endpoints = acceptAll(writer);
    const client = clientSocket();
    relay.open('w', 's1', member, '{"type":"hello","lastSeq":0}', client.socket);
    const endpoint = await until(() => endpoints[0]);
    endpoint.socket.send(pong(1));
    endpoint.socket.close(CLOSE_CODES.unauthorized.code, CLOSE_CODES.unauthorized.reason);
    expect(endpoint.socket.isOpen()).toBe(false);
    expect(await until(() => client.closed())).toEqual(CLOSE_CODES.unauthorized);
    // The frame sent before the close arrived before it.
    expect(client.sent).toEqual([JSON.stringify(pong(1))]);
    await until(() => endpoint.isClosed);
  }, 30_000);

  it('closes with 4503 when a frame from the writer is missing (pub/sub lost one)', async () => {
    const prefix = `atelier-test-${randomBytes(4).toString('hex')}:`;
    const { relay: writer } = await startRelay('w', prefix);
    const { relay } = await startRelay('r', prefix);
    const endpoints = acceptAll(writer);
    // Listens on the relay's channel as Redis carries it, to learn the connection id.
    const snoop = new Redis(REDIS_URL);
    const seen: string[] = [];
    snoop.on('message', (_channel: string, message: string) => seen.push(message));
    await snoop.subscribe(`${prefix}node:r`);
    const client = clientSocket();
    relay.open('w', 's1', member, '{"type":"hello","lastSeq":0}', client.socket);
    const endpoint = await until(() => endpoints[0]);
    endpoint.socket.send(pong(1));
    const first = await until(() => seen.find((m) => m.startsWith('s|')));
    const id = first.split('|')[1]!;
    // Frame 2 never arrives; frame 3 does.
    const injector = new Redis(REDIS_URL);
    await injector.publish(`${prefix}node:r`, `s|${id}|3|${JSON.stringify(pong(3))}`);
    expect(await until(() => client.closed())).toEqual(CLOSE_CODES.writerUnreachable);
    expect(client.sent).toEqual([JSON.stringify(pong(1))]);
    // The writer is told: its connection closes too.
    await until(() => endpoint.isClosed);
    await snoop.quit();
    await injector.quit();
  }, 30_000);

  it('closes with 4503 within a few heartbeats when the writer disappears, and when its own subscription drops', async () => {
    const prefix = `atelier-test-${randomBytes(4).toString('hex')}:`;
    const { relay: writer, publisher: writerPublisher, subscriber: writerSubscriber } = await startRelay('w', prefix);
    const { relay, subscriber } = await startRelay('r', prefix);
    acceptAll(writer);

    // The writer's connections to Redis die at once, as when its process is killed: it says nothing.
    const first = clientSocket();
    relay.open('w', 's1', member, '{"type":"hello","lastSeq":0}', first.socket);
    await until(() => writer.counts.inbound === 1);
    writerPublisher.disconnect(false);
    writerSubscriber.disconnect(false);
    expect(await until(() => first.closed())).toEqual(CLOSE_CODES.writerUnreachable);

    // A writer that never subscribed (a dead node's lease not yet expired): refused at once.
    const second = clientSocket();
    relay.open('nobody', 's2', member, '{"type":"hello","lastSeq":0}', second.socket);
    expect(await until(() => second.closed())).toEqual(CLOSE_CODES.writerUnreachable);

    // The relay's own subscription is cut by Redis: what was in flight may be lost, so it ends its sockets.
    const { relay: writer2 } = await startRelay('w2', prefix);
    acceptAll(writer2);
    const third = clientSocket();
    relay.open('w2', 's3', member, '{"type":"hello","lastSeq":0}', third.socket);
    await until(() => writer2.counts.inbound === 1);
    // Its connection to Redis drops, and ioredis reconnects it.
    subscriber.disconnect(true);
    expect(await until(() => third.closed())).toEqual(CLOSE_CODES.writerUnreachable);
    await until(() => writer2.counts.inbound === 0);

    // Subscribed again: it relays new sockets.
    await until(() => relay.available);
    const fourth = clientSocket();
    relay.open('w2', 's4', member, '{"type":"hello","lastSeq":0}', fourth.socket);
    await until(() => writer2.counts.inbound === 1);
    expect(fourth.closed()).toBeUndefined();
  }, 30_000);
});
