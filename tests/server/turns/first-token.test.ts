import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../shared/events';
import { DeltaCoalescer } from '../../../server/turns/delta-coalescer';
import { GroupCommit, type PendingAppend } from '../../../server/db/group-commit';
import type { StreamPart } from '../../../server/llm/provider';
import { TurnRunner } from '../../../server/turns/turn-runner';
import { fedStream } from '../../helpers/fed-stream';
import { inProcess, type InProcess } from '../../helpers/in-process';
import { eventsOf } from '../../helpers/test-socket';

// The first token of an answer is never queued behind other sessions' deltas: it is committed
// with the next group commit and broadcast before everything else that commit carries, however
// many other answers are streaming. Checked as an order of sends, not as a time.

const finish: StreamPart = {
  type: 'finish',
  reason: { unified: 'stop', raw: 'stop' },
  usage: { inputTokens: 1, outputTokens: 1, estimated: false },
};
const nextLoopTurn = () => new Promise((resolve) => setImmediate(resolve));

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
  return { socket, stream, done };
}

describe('the first token of an answer', () => {
  it('is sent before the other sessions’ deltas of the same commit', async () => {
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
    await nextLoopTurn();
    await nextLoopTurn();
    // Committed with the same group commit as the others' deltas (none was left for a later one)…
    expect(eventsOf(late.socket.sent[0]!).map((e) => e.data)).toEqual([{ turnId: 'turn-99', text: 'First' }]);
    for (const b of busy) expect(b.socket.events().map((e) => (e.data as { text: string }).text)).toEqual([' upon a time']);
    // …and sent before any of them.
    const firstTokenSent = late.socket.sendOrder[0]!;
    for (const b of busy) expect(b.socket.sendOrder[0]!).toBeGreaterThan(firstTokenSent);
    for (const s of [...busy, late]) s.stream.push(finish);
    await Promise.all([...busy, late].map((s) => s.done));
  });

  it('goes ahead of deltas queued earlier, but never ahead of the other first tokens queued before it', () => {
    const committed: string[] = [];
    const commits = new GroupCommit(server.services.events);
    const entry = (name: string): PendingAppend => ({
      sessionId: name,
      rows: [],
      afterCommit: () => committed.push(name),
      onFailure: () => {},
    });
    const a = entry('delta a');
    const firstB = entry('first b');
    const c = entry('delta c');
    const firstD = entry('first d');
    for (const e of [a, firstB, c, firstD]) commits.enqueue(e);
    commits.expedite(firstB);
    commits.expedite(firstD);
    commits.expedite(firstB); // already ahead: stays where it is
    commits.flush();
    expect(committed).toEqual(['first b', 'first d', 'delta a', 'delta c']);
    // An entry already committed is not moved into the next batch.
    commits.expedite(firstB);
    commits.enqueue(entry('next'));
    commits.flush();
    expect(committed.slice(4)).toEqual(['next']);
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
