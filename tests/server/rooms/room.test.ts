import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { draft, SYSTEM_ACTOR } from '../../../shared/events';
import { CLOSE_CODES } from '../../../shared/protocol';
import { RoomClosedError } from '../../../server/rooms/room';
import { inProcess, type InProcess } from '../../helpers/in-process';

// The room without a network: seqs, write-before-broadcast, the audience rule on every socket,
// presence, and a closed room's refusal — each driven through TestSockets, synchronously.

let server: InProcess;
beforeEach(async () => {
  server = await inProcess();
});
afterEach(async () => server.close());

function joined(role: 'candidate' | 'interviewer') {
  const session = server.session();
  const connection = server.connect(session.id, session[role]);
  connection.send({ type: 'hello', lastSeq: 0 });
  server.commit();
  return { session, ...connection, room: server.services.rooms.peek(session.id)!.room };
}

describe('Room', () => {
  it('numbers appends gapless and sends nothing before the commit', () => {
    const { room, socket } = joined('interviewer');
    socket.take();
    const head = room.state.headSeq;
    const events = room.append([draft('prompt.draft', SYSTEM_ACTOR, { text: 'a' }), draft('prompt.draft', SYSTEM_ACTOR, { text: 'b' })]);
    expect(events.map((e) => e.seq)).toEqual([head + 1, head + 2]);
    expect(room.state.prompt.draft).toBe('b');
    expect(socket.sent).toEqual([]);
    server.commit();
    expect(socket.events().map((e) => e.seq)).toEqual([head + 1, head + 2]);
    expect(server.services.events.head(room.sessionId)).toBe(head + 2);
  });

  it("sends the candidate its own numbering and never a staff event; staff see the log's seqs", () => {
    const { session, room, socket: candidate } = joined('candidate');
    const interviewer = server.connect(session.id, session.interviewer);
    interviewer.send({ type: 'hello', lastSeq: 0 });
    server.commit();
    const before = candidate.events().at(-1)!.seq;
    candidate.take();
    interviewer.socket.take();
    room.append([
      draft(
        'note.added',
        { role: 'interviewer', participantId: session.interviewer.participantId },
        { noteId: 'n', text: 'private', tags: [], pinnedAt: room.now(), turnId: null, versionId: null },
      ),
    ]);
    room.append([draft('prompt.draft', SYSTEM_ACTOR, { text: 'after the note' })]);
    server.commit();
    expect(candidate.events().map((e) => [e.type, e.seq])).toEqual([['prompt.draft', before + 1]]);
    const staffSeqs = interviewer.socket.events().map((e) => e.seq);
    expect(staffSeqs[1]! - staffSeqs[0]!).toBe(1);
    expect(staffSeqs[1]).toBeGreaterThan(before + 1);
  });

  it('catches a joining socket up from its lastSeq, in its numbering', () => {
    const { session, room } = joined('candidate');
    room.append([draft('prompt.draft', SYSTEM_ACTOR, { text: 'x' })]);
    server.commit();
    const late = server.connect(session.id, session.candidate);
    late.send({ type: 'hello', lastSeq: 2 });
    const [welcome, ...rest] = late.socket.sent;
    expect(welcome).toMatchObject({ type: 'welcome', role: 'candidate' });
    const seqs = rest.flatMap((f) => (f.type === 'event' ? [f.event.seq] : []));
    expect(seqs[0]).toBe(3);
    expect(seqs).toEqual(seqs.map((_, i) => 3 + i));
  });

  it('records a participant as gone when the server closes their last socket', () => {
    const { session, room, socket } = joined('interviewer');
    expect(room.state.participants[session.interviewer.participantId]?.online).toBe(true);
    room.disconnect(() => true, CLOSE_CODES.unauthorized.code, CLOSE_CODES.unauthorized.reason);
    expect(socket.closedWith).toEqual(CLOSE_CODES.unauthorized);
    expect(room.state.participants[session.interviewer.participantId]?.online).toBe(false);
  });

  it('refuses every append once closed, and background work quietly does nothing', () => {
    const { room } = joined('candidate');
    room.close();
    expect(() => room.append([draft('prompt.draft', SYSTEM_ACTOR, { text: 'late' })])).toThrow(RoomClosedError);
    expect(room.appendIfOpen([draft('prompt.draft', SYSTEM_ACTOR, { text: 'late' })])).toEqual([]);
  });

  it('closes a socket whose hello finds the room failing its pending commit, instead of joining it to the dead room', () => {
    const { session, room, socket: candidate } = joined('candidate');
    room.append([draft('prompt.draft', SYSTEM_ACTOR, { text: 'its commit fails' })]);
    // The commit that the hello brings on is refused for this session (a fence, a full disk).
    const { events } = server.services;
    const appendBatch = events.appendBatch.bind(events);
    events.appendBatch = (batch) => {
      if (batch.some((entry) => entry.sessionId === session.id)) throw new Error('injected failure');
      appendBatch(batch);
    };
    const late = server.connect(session.id, session.interviewer);
    late.send({ type: 'hello', lastSeq: 0 });
    expect(room.closed).toBe(true);
    expect(candidate.closedWith).toEqual(CLOSE_CODES.internalError);
    expect(late.socket.closedWith).toEqual(CLOSE_CODES.internalError);
    expect(late.socket.sent.some((frame) => frame.type === 'welcome')).toBe(false);
  });

  it("refuses data it cannot record as that command's typed error, leaving the state as it was", () => {
    const { room } = joined('candidate');
    const head = room.state.headSeq;
    let deep: unknown = [];
    for (let i = 0; i < 20_000; i++) deep = [deep];
    expect(() => room.append([draft('prompt.draft', SYSTEM_ACTOR, { text: 'x', deep } as never)])).toThrow(/nested too deeply/);
    expect(room.state.headSeq).toBe(head);
    expect(() => room.append([draft('prompt.draft', SYSTEM_ACTOR, { text: 'x'.repeat(4_000_001) })])).toThrow(/at most 4000000/);
  });
});
