import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { draft, SYSTEM_ACTOR, type SessionEvent } from '../../../shared/events';
import type { ServerFrame } from '../../../shared/protocol';
import { serializeFrame } from '../../../server/live/ws-room-socket';
import { inProcess, type InProcess } from '../../helpers/in-process';
import { eventsOf } from '../../helpers/test-socket';

// One frame per socket per commit: whatever a room appends before the group commit runs reaches
// each socket as one `event` frame (one event) or one `batch` frame (more), in seq order, with
// the audience rule applied inside it, and one frame object per audience.

let server: InProcess;
beforeEach(async () => {
  server = await inProcess();
});
afterEach(async () => server.close());

function liveRoom() {
  const session = server.session();
  const connect = (role: 'candidate' | 'interviewer' | 'reviewer') => {
    const connection = server.connect(session.id, session[role]);
    connection.send({ type: 'hello', lastSeq: 0 });
    return connection;
  };
  const candidate = connect('candidate');
  const interviewer = connect('interviewer');
  const secondInterviewer = server.connect(session.id, session.interviewer);
  secondInterviewer.send({ type: 'hello', lastSeq: 0 });
  server.commit();
  for (const c of [candidate, interviewer, secondInterviewer]) c.socket.take();
  return { session, room: server.services.rooms.peek(session.id)!.room, candidate, interviewer, secondInterviewer };
}

const typesOf = (frame: ServerFrame) => eventsOf(frame).map((e) => e.type);

describe('batch frames', () => {
  it('sends a commit of N events to each socket as one frame, in seq order', () => {
    const { room, candidate, interviewer, secondInterviewer } = liveRoom();
    const appended: SessionEvent[] = [];
    for (let i = 0; i < 6; i++) appended.push(...room.append([draft('prompt.draft', SYSTEM_ACTOR, { text: `draft ${i}` })]));
    expect(candidate.socket.sent).toEqual([]);
    server.commit();
    for (const { socket } of [candidate, interviewer, secondInterviewer]) {
      expect(socket.sent).toHaveLength(1);
      expect(socket.sent[0]!.type).toBe('batch');
    }
    expect(eventsOf(interviewer.socket.sent[0]!)).toEqual(appended);
    // The candidate knows them by its own numbering, gapless and increasing.
    const candidateSeqs = candidate.socket.events().map((e) => e.seq);
    expect(candidateSeqs).toEqual(candidateSeqs.map((_, i) => candidateSeqs[0]! + i));
    expect(candidate.socket.events().map((e) => e.data)).toEqual(appended.map((e) => e.data));
    // Both interviewer sockets got the same frame object: serialized once for both.
    expect(interviewer.socket.handed[0]).toBe(secondInterviewer.socket.handed[0]);
    expect(serializeFrame(interviewer.socket.handed[0]!)).toBe(serializeFrame(secondInterviewer.socket.handed[0]!));
  });

  it('still sends a commit of one event as an event frame', () => {
    const { room, candidate, interviewer } = liveRoom();
    room.append([draft('prompt.draft', SYSTEM_ACTOR, { text: 'one' })]);
    server.commit();
    expect(candidate.socket.sent.map((f) => f.type)).toEqual(['event']);
    expect(interviewer.socket.sent.map((f) => f.type)).toEqual(['event']);
  });

  it('never puts a staff note in the candidate’s batch, nor leaves a gap in its numbering where one was', () => {
    const { session, room, candidate, interviewer } = liveRoom();
    const staff = { role: 'interviewer' as const, participantId: session.interviewer.participantId };
    const before = room.state.headSeq;
    room.append([draft('prompt.draft', SYSTEM_ACTOR, { text: 'a' })]);
    room.append([
      draft('note.added', staff, { noteId: 'n1', text: 'weak on ethics', tags: [], pinnedAt: room.now(), turnId: null, versionId: null }),
    ]);
    room.append([
      draft('prompt.draft', SYSTEM_ACTOR, { text: 'b' }),
      draft('note.added', staff, { noteId: 'n2', text: 'second', tags: [], pinnedAt: room.now(), turnId: null, versionId: null }),
    ]);
    room.append([draft('prompt.draft', SYSTEM_ACTOR, { text: 'c' })]);
    server.commit();
    expect(candidate.socket.sent).toHaveLength(1);
    expect(typesOf(candidate.socket.sent[0]!)).toEqual(['prompt.draft', 'prompt.draft', 'prompt.draft']);
    expect(JSON.stringify(candidate.socket.sent)).not.toContain('weak on ethics');
    expect(JSON.stringify(candidate.socket.sent)).not.toContain('note.added');
    const seqs = candidate.socket.events().map((e) => e.seq);
    expect(seqs[1]! - seqs[0]!).toBe(1);
    expect(seqs[2]! - seqs[1]!).toBe(1);
    // Staff get everything, with the log's seqs.
    expect(interviewer.socket.sent).toHaveLength(1);
    expect(typesOf(interviewer.socket.sent[0]!)).toEqual(['prompt.draft', 'note.added', 'prompt.draft', 'note.added', 'prompt.draft']);
    expect(interviewer.socket.events().map((e) => e.seq)).toEqual([1, 2, 3, 4, 5].map((i) => before + i));
  });

  it('sends a candidate nothing for a commit of staff events only', () => {
    const { session, room, candidate, interviewer } = liveRoom();
    const staff = { role: 'interviewer' as const, participantId: session.interviewer.participantId };
    room.append([draft('note.added', staff, { noteId: 'n1', text: 'x', tags: [], pinnedAt: room.now(), turnId: null, versionId: null })]);
    room.append([draft('note.added', staff, { noteId: 'n2', text: 'y', tags: [], pinnedAt: room.now(), turnId: null, versionId: null })]);
    server.commit();
    expect(candidate.socket.sent).toEqual([]);
    expect(interviewer.socket.sent.map((f) => f.type)).toEqual(['batch']);
  });

  it('acks each command after the one frame that carries its events', () => {
    const { candidate, interviewer } = liveRoom();
    candidate.send({ type: 'command', id: 'start', name: 'session.start', data: {} });
    server.commit();
    candidate.socket.take();
    interviewer.socket.take();
    candidate.send({ type: 'command', id: 'd1', name: 'prompt.draft', data: { text: 'first' } });
    interviewer.send({ type: 'command', id: 'n1', name: 'note.add', data: { text: 'a note the candidate must not see' } });
    candidate.send({ type: 'command', id: 'd2', name: 'prompt.draft', data: { text: 'second' } });
    server.commit();
    const frames = candidate.socket.take();
    expect(frames.map((f) => f.type)).toEqual(['batch', 'ack', 'ack']);
    expect(typesOf(frames[0]!)).toEqual(['prompt.draft', 'prompt.draft']);
    expect(frames.slice(1)).toEqual([
      { type: 'ack', id: 'd1', seqs: [eventsOf(frames[0]!)[0]!.seq] },
      { type: 'ack', id: 'd2', seqs: [eventsOf(frames[0]!)[1]!.seq] },
    ]);
    expect(JSON.stringify(frames)).not.toContain('must not see');
    const staffFrames = interviewer.socket.take();
    expect(staffFrames.map((f) => f.type)).toEqual(['batch', 'ack']);
    expect(typesOf(staffFrames[0]!)).toEqual(['prompt.draft', 'note.added', 'prompt.draft']);
  });

  it('starts a new frame once a commit has taken the queue: what is appended after goes with the next', () => {
    const { room, interviewer } = liveRoom();
    room.append([draft('prompt.draft', SYSTEM_ACTOR, { text: 'before' })]);
    server.commit();
    room.append([draft('prompt.draft', SYSTEM_ACTOR, { text: 'after' })]);
    room.append([draft('prompt.draft', SYSTEM_ACTOR, { text: 'after, too' })]);
    server.commit();
    expect(interviewer.socket.sent.map((f) => eventsOf(f).map((e) => (e.data as { text: string }).text))).toEqual([
      ['before'],
      ['after', 'after, too'],
    ]);
  });
});
