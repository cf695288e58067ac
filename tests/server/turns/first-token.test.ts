import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../shared/events';
import { DeltaCoalescer } from '../../../server/turns/delta-coalescer';
import type { StreamPart } from '../../../server/llm/provider';
import { TurnRunner } from '../../../server/turns/turn-runner';
import { fedStream } from '../../helpers/fed-stream';
import { inProcess, type InProcess } from '../../helpers/in-process';
import { eventsOf } from '../../helpers/test-socket';
import { reduceAll } from '../../../shared/reducer';
import { draft } from '../../../shared/events';

// The first token of an answer is never queued behind other sessions' deltas: it is committed
// and broadcast at once, before the group commit that carries everything else of that loop
// turn, however many other answers are streaming. Checked as an order of sends, not as a time.

const finish: StreamPart = {
  type: 'finish',
  reason: { unified: 'stop', raw: 'stop' },
  usage: { inputTokens: 1, outputTokens: 1, estimated: false },
};
const nextLoopTurn = () => new Promise((resolve) => setImmediate(resolve));
/** Lets the streams' parts reach the rooms without a turn of the loop (the group commit waits for one). */
const microtasks = async () => {
  for (let i = 0; i < 50; i++) await Promise.resolve();
};

let server: InProcess;
beforeEach(async () => {
  server = await inProcess();
});
afterEach(async () => server.close());

function streamingSession(index: number) {
  const session = server.session();
  const { socket, send } = server.connect(session.id, session.interviewer);
  send({ type: 'hello', lastSeq: 0 });
  server.commit();
  const room = server.services.rooms.peek(session.id)!.room;
  const stream = fedStream();
  const runner = new TurnRunner(room, { openStream: () => stream.parts, costOf: () => 0, coalescing: { intervalMs: 0, maxChars: 2048 } });
  const model = { id: 'test/model', providerId: 'test', model: 'model', label: 'Test', simulated: true };
  const { done } = runner.begin({
    turnId: `turn-${index}`,
    actor: SYSTEM_ACTOR,
    threadId: 'main',
    parentId: 'm1',
    model,
    params: { temperature: 1, topP: 1, maxOutputTokens: 100 },
    system: 'Be brief.',
    messages: [{ role: 'user', content: 'Hello?' }],
    promptVersionId: null,
  });
  return { socket, stream, done, room };
}

describe('the first token of an answer', () => {
  it('is committed and sent at once, before the other sessions’ deltas of the same loop turn', async () => {
    const busy = Array.from({ length: 30 }, (_, i) => streamingSession(i));
    // Every busy answer is past its first token.
    for (const b of busy) b.stream.push({ type: 'text-delta', text: 'Once' });
    await nextLoopTurn();
    await nextLoopTurn();
    const late = streamingSession(99);
    await nextLoopTurn();
    for (const s of [...busy, late]) s.socket.take();
    // In one turn of the loop: a delta on each busy answer, then the new answer's first token.
    for (const b of busy) b.stream.push({ type: 'text-delta', text: ' upon a time' });
    late.stream.push({ type: 'text-delta', text: 'First' });
    await microtasks();
    // The first token is durable and sent; the others' deltas wait for the loop turn's group commit…
    expect(eventsOf(late.socket.sent[0]!).map((e) => e.data)).toEqual([{ turnId: 'turn-99', text: 'First' }]);
    const firstToken = eventsOf(late.socket.sent[0]!)[0]!;
    expect(server.services.events.after(late.room.sessionId, firstToken.seq - 1).map((e) => e.seq)).toEqual([firstToken.seq]);
    for (const b of busy) expect(b.socket.sent).toEqual([]);
    await nextLoopTurn();
    await nextLoopTurn();
    // …and go out with it, after the first token.
    for (const b of busy) expect(b.socket.events().map((e) => (e.data as { text: string }).text)).toEqual([' upon a time']);
    const firstTokenSent = late.socket.sendOrder[0]!;
    for (const b of busy) expect(b.socket.sendOrder[0]!).toBeGreaterThan(firstTokenSent);
    for (const s of [...busy, late]) s.stream.push(finish);
    await Promise.all([...busy, late].map((s) => s.done));
  });

  it('flags only the first emit of a coalescer as first', () => {
    const emitted: [string, boolean][] = [];
    const coalescer = new DeltaCoalescer({ intervalMs: 0, maxChars: 100 }, (text, first) => emitted.push([text, first]));
    coalescer.push('a');
    coalescer.push('b');
    coalescer.push('c');
    expect(emitted).toEqual([
      ['a', true],
      ['b', false],
      ['c', false],
    ]);
  });
});

describe('a streaming answer in the room', () => {
  it("keeps the room's state the log's, folding deltas in when it is read", async () => {
    const { stream, room, done } = streamingSession(0);
    const logState = () => reduceAll(server.services.events.all(room.sessionId));
    for (const text of ['Once', ' upon', ' a', ' time']) {
      stream.push({ type: 'text-delta', text });
      await nextLoopTurn();
    }
    server.commit();
    expect(room.state.turns['turn-0']?.text).toBe('Once upon a time');
    expect(room.state).toEqual(logState());
    // An event that is not a delta, after deltas not yet read: reduced after them, numbered after them.
    stream.push({ type: 'text-delta', text: ',' });
    await nextLoopTurn();
    const [note] = room.append([draft('prompt.draft', SYSTEM_ACTOR, { text: 'between deltas' })]);
    server.commit();
    expect(note!.seq).toBe(server.services.events.head(room.sessionId));
    expect(room.state).toEqual(logState());
    stream.push({ type: 'text-delta', text: ' the end.' });
    stream.push(finish);
    await done;
    server.commit();
    expect(room.state.turns['turn-0']).toMatchObject({ text: 'Once upon a time, the end.', status: 'completed' });
    expect(room.state).toEqual(logState());
  });
});
