import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { SYSTEM_ACTOR } from '../shared/events';
import { LiveConnection } from '../server/live/live-connection';
import { serializeFrame } from '../server/live/ws-room-socket';
import type { RoomSocket } from '../server/rooms/room-socket';
import { TurnRunner } from '../server/turns/turn-runner';
import { fedStream } from '../tests/helpers/fed-stream';
import { inProcess } from '../tests/helpers/in-process';
import { openRelayEvents } from './lib/relay-events';

// What Atelier does per streamed delta beyond reading the provider and writing to sockets, in
// one process and without a network, so that it can be read apart from the host's noise (row
// 5 under load moves by ±30 % from run to run on this machine): 200 sessions, each a running
// answer and 4 connections (candidate, 2 interviewers, reviewer) whose sockets only serialize
// their frames; 20 sessions' deltas per loop turn, as in row 5. Each delta goes the product's
// path: turn runner → coalescer (off) → Room.append (the log row, the reducer, the audience
// numbering) → group commit (SQLite) → broadcast (the audience rule, one frame per audience).
// Beside it, the same deltas through the bare recording relay's own path (bench/bare-recorder.ts:
// the row committed to a table of the same shape, the frame built as a string and encoded per
// socket, as ws.send of a string does): the difference is what the product's per-event work costs.
// `npx tsx bench/room-path.ts [profile.cpuprofile]`: CPU µs per delta over 6 rounds of 20,000
// (a profile of Atelier's rounds 3–6 for bench/profile-summary.ts when a file is given).

const SESSIONS = 200;
const PER_TURN = 20;
const TURNS_PER_ROUND = 1000;

let bytes = 0;
const serializingSocket = (): RoomSocket => ({
  send: (frame) => void (bytes += serializeFrame(frame).length),
  close: () => {},
  isOpen: () => true,
});

const server = await inProcess();
const streams = Array.from({ length: SESSIONS }, (_, i) => {
  const session = server.session();
  for (const participant of [session.candidate, session.interviewer, session.interviewer, session.reviewer]) {
    const deps = {
      rooms: server.services.rooms,
      clock: server.clock,
      budgets: server.services.participantLimits,
      onInternalError: () => {},
    };
    new LiveConnection(deps, session.id, serializingSocket(), participant).receive(JSON.stringify({ type: 'hello', lastSeq: 0 }));
  }
  server.commit();
  const stream = fedStream();
  const runner = new TurnRunner(server.services.rooms.peek(session.id)!.room, {
    openStream: () => stream.parts,
    costOf: () => 0,
    coalescing: { intervalMs: 0, maxChars: 2048 },
  });
  runner.begin({
    turnId: `turn-${i}`,
    actor: SYSTEM_ACTOR,
    threadId: 'main',
    parentId: 'm1',
    model: { id: 'bench/model', providerId: 'bench', model: 'model', label: 'Bench', simulated: true },
    params: { temperature: 1, topP: 1, maxOutputTokens: 100 },
    system: 'Be brief.',
    messages: [{ role: 'user', content: 'Hello?' }],
    promptVersionId: null,
  });
  return stream;
});
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
await nextTurn();
await nextTurn();

const profileFile = process.argv[2];
const inspector = new Session();
inspector.connect();
// A chunk as the fake provider writes them (bench/fake-openai.ts): a word and its stamp.
const text = 'token ⟦12@1764772000123.456⟧';
const perDelta: number[] = [];
for (let round = 0; round < 6; round++) {
  if (round === 2 && profileFile) {
    await inspector.post('Profiler.enable');
    await inspector.post('Profiler.setSamplingInterval', { interval: 200 });
    await inspector.post('Profiler.start');
  }
  const from = process.cpuUsage();
  let deltas = 0;
  for (let turn = 0; turn < TURNS_PER_ROUND; turn++) {
    for (let k = 0; k < PER_TURN; k++) streams[(k * (SESSIONS / PER_TURN) + turn) % SESSIONS]!.push({ type: 'text-delta', text });
    deltas += PER_TURN;
    await nextTurn();
  }
  await nextTurn();
  const cpu = process.cpuUsage(from);
  perDelta.push((cpu.user + cpu.system) / deltas);
}
if (profileFile) writeFileSync(profileFile, JSON.stringify((await inspector.post('Profiler.stop')).profile));
await server.close();

const relay = relayPath();
const relayPerDelta: number[] = [];
for (let round = 0; round < 6; round++) {
  const from = process.cpuUsage();
  for (let turn = 0; turn < TURNS_PER_ROUND; turn++) {
    for (let k = 0; k < PER_TURN; k++) relay.record((k * (SESSIONS / PER_TURN) + turn) % SESSIONS, text);
    await nextTurn();
  }
  const cpu = process.cpuUsage(from);
  relayPerDelta.push((cpu.user + cpu.system) / (TURNS_PER_ROUND * PER_TURN));
}
relay.close();

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const list = (xs: number[]) => xs.map((x) => x.toFixed(1)).join(', ');
console.log(
  `Atelier's path: ${list(perDelta)} µs of CPU per delta (median ${median(perDelta).toFixed(1)}; ${(bytes / 2 ** 20).toFixed(0)} MiB serialized)`,
);
console.log(`bare relay's path: ${list(relayPerDelta)} µs (median ${median(relayPerDelta).toFixed(1)})`);
process.exit(0);

/** bench/bare-recorder.ts's work per delta, without its sockets: the row, the commit per loop turn, the frame per socket. */
function relayPath() {
  const log = openRelayEvents();
  const { db, insert } = log;
  const seqs = new Array<number>(SESSIONS).fill(0);
  let pending: { room: number; seq: number; at: number; data: string }[] = [];
  const commit = db.transaction((rows: typeof pending) => {
    for (const row of rows) insert.run(`session_${row.room}`, row.seq, row.at, 'turn.delta', '{"role":"system"}', row.data);
  });
  let encoded = 0;
  const flush = () => {
    const rows = pending;
    pending = [];
    commit(rows);
    for (const row of rows) {
      const frame = `{"type":"event","event":{"seq":${row.seq},"at":${row.at},"type":"turn.delta","actor":{"role":"system"},"data":${row.data}}}`;
      for (let socket = 0; socket < 4; socket++) encoded += Buffer.from(frame).length;
    }
  };
  return {
    record(room: number, chunk: string) {
      if (pending.length === 0) setImmediate(flush);
      pending.push({ room, seq: ++seqs[room]!, at: Date.now(), data: JSON.stringify({ turnId: `turn_${room}`, text: chunk }) });
    },
    close() {
      log.remove();
      return encoded;
    },
  };
}
