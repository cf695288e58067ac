import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AtelierError } from '../../../shared/errors';
import { handleCommand } from '../../../server/commands/dispatch';
import { inProcess, type InProcess } from '../../helpers/in-process';

// Dispatch without a socket: the role is checked first, a refused command appends nothing, and
// what a command returns is everything it appended — its drafts, then what the work it started
// appended in the same turn (an answer's turn.started).

let server: InProcess;
beforeEach(async () => {
  server = await inProcess();
});
afterEach(async () => server.close());

function live() {
  const ids = server.session();
  const session = server.services.rooms.get(ids.id)!;
  return { ids, session };
}

describe('handleCommand', () => {
  it('returns the drafts it appended, stamped with the instant it was handled at', () => {
    const { ids, session } = live();
    const [started] = handleCommand(session, ids.candidate, { name: 'session.start', data: {} });
    expect(started).toMatchObject({ type: 'session.started', at: server.clock.now() });
    expect(started?.type === 'session.started' && started.data.deadline).toBe(
      server.clock.now() + session.room.state.exercise!.timeLimitMinutes * 60_000,
    );
  });

  it("returns an answer's user message and its turn.started, appended together", () => {
    const { ids, session } = live();
    handleCommand(session, ids.candidate, { name: 'session.start', data: {} });
    const appended = handleCommand(session, ids.candidate, { name: 'message.send', data: { text: 'Hello' } });
    expect(appended.map((e) => e.type)).toEqual(['message.sent', 'turn.started']);
    expect(appended[1]!.seq).toBe(appended[0]!.seq + 1);
  });

  it('refuses before the handler runs when the role may not, and a refused command appends nothing', () => {
    const { ids, session } = live();
    const head = session.room.state.headSeq;
    expect(() => handleCommand(session, ids.interviewer, { name: 'session.start', data: {} })).toThrow(
      expect.objectContaining({ code: 'forbidden' }),
    );
    expect(() => handleCommand(session, ids.candidate, { name: 'prompt.draft', data: { text: 'before start' } })).toThrow(AtelierError);
    expect(session.room.state.headSeq).toBe(head);
  });
});
