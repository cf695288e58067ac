import { describe, expect, it } from 'vitest';
import { parseServerFrame } from '../../client/src/lib/live/server-frame';
import type { JsonSchema } from '../../shared/json-schema-check';
import { ServerFrame } from '../../shared/protocol-schemas';

// The page applies a frame only when it matches ServerFrame, as the build hands it the schema:
// serialized to JSON (vite.config.ts).

const schema = JSON.parse(JSON.stringify(ServerFrame)) as JsonSchema;
const parse = (frame: unknown) => parseServerFrame(typeof frame === 'string' ? frame : JSON.stringify(frame), schema);

const delta = { seq: 7, at: 1_732_520_000_000, type: 'turn.delta', actor: { role: 'system' }, data: { turnId: 't1', text: 'Hel' } };

describe('parseServerFrame', () => {
  it('reads every kind of frame the server sends', () => {
    const frames = [
      { type: 'welcome', protocol: 1, sessionId: 's1', role: 'candidate', participantId: 'p1', headSeq: 42, now: 1 },
      { type: 'event', event: delta },
      { type: 'batch', events: [delta, { ...delta, seq: 8, data: { turnId: 't1', text: 'lo' } }] },
      { type: 'ack', id: 'c7', seqs: [44, 45] },
      { type: 'error', id: 'c7', code: 'time_up', message: 'Time is up.' },
      { type: 'pong', now: 2 },
    ];
    for (const frame of frames) expect(parse(frame), frame.type).toEqual(frame);
  });

  it('refuses what is not a server frame, down to the data of an event', () => {
    const refused = [
      'not json',
      { type: 'welcome', protocol: 1, sessionId: 's1', role: 'owner', participantId: 'p1', headSeq: 42, now: 1 },
      { type: 'event', event: { ...delta, data: { turnId: 't1' } } },
      { type: 'event', event: { ...delta, type: 'turn.unknown' } },
      // A batch is checked down to each event's data too, and is never empty.
      { type: 'batch', events: [delta, { ...delta, seq: 8, data: { turnId: 't1' } }] },
      { type: 'batch', events: [] },
      { type: 'ack', id: 'c7', seqs: ['44'] },
      { type: 'hello', lastSeq: 0 },
      { type: 'pong' },
    ];
    for (const frame of refused) expect(parse(frame), JSON.stringify(frame)).toBeNull();
    expect(parseServerFrame(new ArrayBuffer(4), schema)).toBeNull();
  });

  it('reads an error code it does not know as internal, so that its command still settles', () => {
    expect(parse({ type: 'error', id: 'c1', code: 'from_the_future', message: 'm' })).toEqual({
      type: 'error',
      id: 'c1',
      code: 'internal',
      message: 'm',
    });
  });

  it("ignores fields it does not know in a newer server's frame", () => {
    expect(parse({ type: 'pong', now: 2, region: 'eu' })).toEqual({ type: 'pong', now: 2, region: 'eu' });
  });
});
