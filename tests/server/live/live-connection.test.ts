import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLOSE_CODES } from '../../../shared/protocol';
import { LIMITS } from '../../../shared/limits';
import { inProcess, type InProcess } from '../../helpers/in-process';

// One participant's channel without a network: hello first, typed errors that keep the socket
// usable, acks only after their events are committed, the socket limit per participant.

let server: InProcess;
beforeEach(async () => {
  server = await inProcess();
});
afterEach(async () => server.close());

describe('LiveConnection', () => {
  it('welcomes at hello, and opens no room before it', async () => {
    const session = server.session();
    await new Promise((r) => setImmediate(r)); // the room that created the session is released
    const { send, socket } = server.connect(session.id, session.candidate);
    expect(server.services.rooms.peek(session.id)).toBeUndefined();
    send({ type: 'hello', lastSeq: 0 });
    expect(socket.sent[0]).toMatchObject({
      type: 'welcome',
      sessionId: session.id,
      role: 'candidate',
      participantId: session.candidate.participantId,
    });
    expect(server.services.rooms.peek(session.id)).toBeDefined();
  });

  it('answers a command before hello, bad JSON and an unknown frame with typed errors, and stays usable', () => {
    const session = server.session();
    const { send, socket } = server.connect(session.id, session.candidate);
    send({ type: 'command', id: 'c1', name: 'session.start', data: {} });
    send('{not json');
    send({ type: 'shout' });
    expect(socket.take()).toEqual([
      expect.objectContaining({ type: 'error', id: 'c1', code: 'hello_required' }),
      expect.objectContaining({ type: 'error', code: 'bad_frame' }),
      expect.objectContaining({ type: 'error', code: 'bad_frame' }),
    ]);
    send({ type: 'hello', lastSeq: 0 });
    expect(socket.isOpen()).toBe(true);
    expect(socket.sent[0]).toMatchObject({ type: 'welcome' });
  });

  it('acks a command only once its events are committed and sent', () => {
    const session = server.session();
    const { send, socket } = server.connect(session.id, session.candidate);
    send({ type: 'hello', lastSeq: 0 });
    server.commit();
    socket.take();
    send({ type: 'command', id: 'start', name: 'session.start', data: {} });
    expect(socket.sent).toEqual([]);
    server.commit();
    const frames = socket.take();
    const started = frames.findIndex((f) => f.type === 'event' && f.event.type === 'session.started');
    const ack = frames.findIndex((f) => f.type === 'ack');
    expect(started).toBeGreaterThanOrEqual(0);
    expect(ack).toBeGreaterThan(started);
    expect(frames[ack]).toEqual({ type: 'ack', id: 'start', seqs: [(frames[started] as { event: { seq: number } }).event.seq] });
  });

  it('refuses a command the role may not send, appending nothing', () => {
    const session = server.session();
    const { send, socket } = server.connect(session.id, session.interviewer);
    send({ type: 'hello', lastSeq: 0 });
    server.commit();
    const head = server.services.rooms.peek(session.id)!.room.state.headSeq;
    send({ type: 'command', id: 'x', name: 'prompt.draft', data: { text: 'not mine' } });
    server.commit();
    expect(socket.sent.at(-1)).toMatchObject({ type: 'error', id: 'x', code: 'forbidden' });
    expect(server.services.rooms.peek(session.id)!.room.state.headSeq).toBe(head);
  });

  it(`closes a participant's socket beyond ${LIMITS.socketsPerParticipant} with 4029`, () => {
    const session = server.session();
    const sockets = Array.from({ length: LIMITS.socketsPerParticipant + 1 }, () => server.connect(session.id, session.candidate));
    for (const { send } of sockets) send({ type: 'hello', lastSeq: 0 });
    expect(sockets.slice(0, -1).every(({ socket }) => socket.isOpen())).toBe(true);
    expect(sockets.at(-1)!.socket.closedWith).toEqual(CLOSE_CODES.tooManySockets);
  });

  it('leaves the room when the socket closes, and the room is released once idle', async () => {
    const session = server.session();
    const connection = server.connect(session.id, session.candidate);
    connection.send({ type: 'hello', lastSeq: 0 });
    connection.live.closed();
    await new Promise((r) => setImmediate(r));
    expect(server.services.rooms.peek(session.id)).toBeUndefined();
  });
});
