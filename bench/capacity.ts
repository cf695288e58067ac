import { startAtelier, type AtelierProcess } from '../tests/helpers/server-process';
import { inBatches } from './lib/live-client';
import { openSessions, startAnswers, type LoadRoom } from './lib/load-rooms';
import { atelierServer, measureWindow, type LoadedServer, type LoopReading } from './lib/load-window';
import { startTsChild } from './lib/processes';
import { RelayLoad } from './lib/relay-load';

// Issue 21 item 3, the capacity row: the most sessions one process holds — row 5's session
// shape (a candidate streaming a long answer, coalescing off, and 3 observer sockets: 20 delta
// batches a second to 4 sockets) — with its event-loop lag p99 under 20 ms, for Atelier and for
// the bare recording relay (bench/bare-recorder.ts), found the same way: a step search. From
// the first step, sessions are added (their answers started, spread over a second), the load
// settles, and one window is measured; the search stops at the first step whose loop lag p99
// reaches the limit or whose candidates receive less than 90 % of the events offered (the
// server no longer keeps up), then tries once halfway between the last step that held and that
// one (taking sessions away). Capacity is the largest step that held. The bench client (this
// process, every socket) has its loop lag read in each window: when it lags more than the
// server, the client may be what failed.

export interface CapacityOptions {
  /** Session counts to try, rising. */
  steps: number[];
  settleSeconds: number;
  windowSeconds: number;
  intervalMs: number;
  /** One more step halfway between the last that held and the first that did not. */
  bisect: boolean;
  /** No new step starts after a server's search has run this long (its answers are sized for it). */
  budgetSeconds: number;
}

export const LOOP_P99_LIMIT_MS = 20;
/** Below this share of the offered events per second, the server no longer keeps up. */
export const KEEP_UP_SHARE = 0.9;

export interface CapacityStep {
  sessions: number;
  offeredEventsPerSecond: number;
  eventsPerSecond: number;
  serverLoop: LoopReading;
  serverCpu: number;
  serverCpuMsPerEvent: number;
  /** The bench client's own loop lag over the window (it holds every socket). */
  clientLoopP99: number;
  held: boolean;
  /** Why a step did not hold: the loop lag, or the events delivered. */
  missed?: 'loop' | 'throughput';
}

export interface CapacitySearch {
  /** The largest step that held (0 when none did). */
  sessions: number;
  /** The smallest step that did not hold; absent when every step held (capacity is then at least `sessions`). */
  failedAt?: number;
  steps: CapacityStep[];
  durationS: number;
  /** Answers that failed during the search (Atelier's turn.failed): each lowers the events delivered. */
  failedAnswers?: number;
}

export interface CapacityResult {
  batchesPerSecondPerSession: number;
  windowSeconds: number;
  settleSeconds: number;
  loopP99LimitMs: number;
  atelier: CapacitySearch;
  relay: CapacitySearch;
  /** Atelier's capacity over the relay's. */
  ratio: number;
}

/** What the search drives: a server with sessions that can be added or taken away. */
export interface LoadedSessions {
  server: LoadedServer;
  resize(sessions: number): Promise<void>;
  /** Events received by the candidates' sockets so far. */
  events(): number;
}

export async function benchCapacity(options: CapacityOptions): Promise<CapacityResult> {
  const provider = await startTsChild<{ url: string }>('bench/fake-openai-process.ts');
  // Long enough to stream through a whole search, with room for its last step's set-up.
  const chunks = Math.ceil(((options.budgetSeconds + 60) * 1000) / options.intervalMs);
  try {
    // The relay first, alone on the machine, then Atelier the same way.
    const relay = await RelayLoad.start();
    let relaySearch: CapacitySearch;
    try {
      relaySearch = await searchCapacity(relaySessions(relay, provider.info.url, chunks, options.intervalMs), options);
    } finally {
      await relay.stop();
    }
    const atelier = await startAtelier({ fakeProviderUrl: provider.info.url, env: { ATELIER_DELTA_INTERVAL_MS: '0' } });
    const sessions = atelierSessions(atelier, chunks, options.intervalMs);
    let atelierSearch: CapacitySearch;
    try {
      atelierSearch = { ...(await searchCapacity(sessions, options)), failedAnswers: sessions.failedAnswers() };
    } finally {
      await sessions.drop();
      await atelier.stop();
    }
    return {
      batchesPerSecondPerSession: 1000 / options.intervalMs,
      windowSeconds: options.windowSeconds,
      settleSeconds: options.settleSeconds,
      loopP99LimitMs: LOOP_P99_LIMIT_MS,
      atelier: atelierSearch,
      relay: relaySearch,
      ratio: atelierSearch.sessions / relaySearch.sessions,
    };
  } finally {
    await provider.stop();
  }
}

export async function searchCapacity(target: LoadedSessions, options: CapacityOptions): Promise<CapacitySearch> {
  const t0 = performance.now();
  const elapsed = () => (performance.now() - t0) / 1000;
  const steps: CapacityStep[] = [];
  const holds = async (sessions: number) => {
    await target.resize(sessions);
    await new Promise((r) => setTimeout(r, options.settleSeconds * 1000));
    const window = await measureWindow(target.server, { seconds: options.windowSeconds, events: () => target.events() });
    const offered = (sessions * 1000) / options.intervalMs;
    const missed =
      window.serverLoop.p99 >= LOOP_P99_LIMIT_MS ? 'loop' : window.eventsPerSecond < KEEP_UP_SHARE * offered ? 'throughput' : undefined;
    steps.push({
      sessions,
      offeredEventsPerSecond: offered,
      eventsPerSecond: window.eventsPerSecond,
      serverLoop: window.serverLoop,
      serverCpu: window.serverCpu,
      serverCpuMsPerEvent: window.serverCpuMsPerEvent,
      clientLoopP99: window.clientLoopP99,
      held: missed === undefined,
      ...(missed ? { missed } : {}),
    });
    return missed === undefined;
  };
  let held = 0;
  let failedAt: number | undefined;
  for (const sessions of options.steps) {
    if (elapsed() > options.budgetSeconds) break;
    if (await holds(sessions)) held = sessions;
    else {
      failedAt = sessions;
      break;
    }
  }
  if (options.bisect && failedAt !== undefined && elapsed() <= options.budgetSeconds) {
    const unit = failedAt - held >= 40 ? 10 : 1;
    const halfway = Math.round((held + failedAt) / 2 / unit) * unit;
    if (halfway > held && halfway < failedAt) {
      if (await holds(halfway)) held = halfway;
      else failedAt = halfway;
    }
  }
  return { sessions: held, ...(failedAt !== undefined ? { failedAt } : {}), steps, durationS: elapsed() };
}

function relaySessions(relay: RelayLoad, providerUrl: string, chunks: number, intervalMs: number): LoadedSessions {
  return {
    server: relay.server,
    events: () => relay.candidateEvents(),
    async resize(total) {
      if (total < relay.rooms.length) return relay.closeRoomsFrom(total);
      const fresh = await relay.openRooms(total);
      await relay.startAnswers(fresh, { providerUrl, chunks, intervalMs });
    },
  };
}

function atelierSessions(atelier: AtelierProcess, chunks: number, intervalMs: number) {
  const rooms: LoadRoom[] = [];
  const turns = new Map<LoadRoom, string>();
  let failedAnswers = 0;
  const sessions: LoadedSessions = {
    server: atelierServer(atelier),
    events: () => rooms.reduce((sum, room) => sum + room.candidate.eventsReceived, 0),
    async resize(total) {
      if (total < rooms.length) {
        // Taken away: the answer stopped (the server would stream it with no one connected), the sockets closed.
        await inBatches(rooms.splice(total), 10, async (room) => {
          await room.candidate.command('turn.stop', { turnId: turns.get(room) });
          await Promise.all([room.candidate, ...room.observers].map((client) => client.close()));
        });
        return;
      }
      const first = rooms.length;
      const fresh = await openSessions(atelier, atelier, { count: total - first, label: 'capacity', first });
      for (const room of fresh)
        room.candidate.onEvent((event) => {
          if (event.type === 'turn.started') turns.set(room, String(event.data.turnId));
          if (event.type === 'turn.failed') failedAnswers++;
        });
      rooms.push(...fresh);
      await startAnswers(fresh, { label: 'capacity', chunks, intervalMs, first });
    },
  };
  return {
    ...sessions,
    failedAnswers: () => failedAnswers,
    /** Cuts every socket at once (the server is stopped next). */
    drop: () => inBatches(rooms, 50, async (room) => Promise.all([room.candidate, ...room.observers].map((client) => client.drop()))),
  };
}
