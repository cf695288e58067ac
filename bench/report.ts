import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { FailoverResult } from './failover';
import type { SoakResult } from './soak';
import type { CpuMs, ThreadSplit } from './lib/thread-cpu';
import type { RowMeta, RowOutcome } from './runner';
import type { Machine, SuiteParts } from './suite';
import { TEMPLATE } from './report-template';
import { readHistory, spreadTable } from './spread';

// Turns the last results into the one table (stdout) and docs/benchmarks.md. The figures come
// from bench/results/*.json (written by `npm run bench` and `npm run soak`); the analysis of
// misses and the change log are maintained here, next to the code that measures them.

export const RESULTS = {
  bench: 'bench/results/bench.json',
  soak: 'bench/results/soak.json',
  distributed: 'bench/results/distributed.json',
};

export interface Row {
  n: string;
  what: string;
  reference: string;
  measured: string;
  target: string;
  met: boolean | null;
}

const f = (x: number, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : '—');
const msf = (x: number, d = 2) => `${f(x, d)} ms`;

export function rows(r: Partial<SuiteParts>): Row[] {
  const out: Row[] = [];
  if (r.latency) latencyRows(r.latency, out);
  if (r.turnRate) turnRateRows(r.turnRate, out);
  if (r.fanout) fanoutRows(r.fanout, out);
  if (r.load) loadRows(r.load, out);
  if (r.recording) recordingRows(r.recording, out);
  if (r.replay) replayRows(r.replay, out);
  if (r.replayLong) replayRows(r.replayLong, out, '7L', 1000);
  if (r.clientWeight) clientWeightRows(r.clientWeight, out);
  if (r.memory) memoryRows(r.memory, out);
  if (r.distributedLoad) distributedLoadRows(r.distributedLoad, out);
  if (r.capacity) capacityRows(r.capacity, out);
  return out;
}

function latencyRows(latency: SuiteParts['latency'], out: Row[]): void {
  const r = { latency };
  const lat = (label: string, coalescing: number) => r.latency.find((x) => x.label.startsWith(label) && x.coalescingMs === coalescing);
  const defaultCoalescing = Math.max(...r.latency.map((x) => x.coalescingMs));
  for (const label of ['1 stream', '100 staggered', '100 in one burst', 'burst']) {
    const x = lat(label, defaultCoalescing);
    if (!x) continue;
    const addP50 = x.atelier.ttft.p50 - x.direct.ttft.p50;
    const addP99 = x.atelier.ttft.p99 - x.direct.ttft.p99;
    const isTarget = x.label.startsWith('100 staggered');
    out.push({
      n: '1',
      what: `TTFT, ${x.label}`,
      reference: `direct SDK p50 ${msf(x.direct.ttft.p50)}, p99 ${msf(x.direct.ttft.p99)}`,
      measured: `Atelier p50 ${msf(x.atelier.ttft.p50)}, p99 ${msf(x.atelier.ttft.p99)} → adds **${msf(addP50)} / ${msf(addP99)}**`,
      target: isTarget ? 'adds < 1 ms p50, < 3 ms p99' : 'reported',
      met: isTarget ? addP50 < 1 && addP99 < 3 : null,
    });
  }
  for (const coalescing of [...new Set(r.latency.map((x) => x.coalescingMs))].sort((a, b) => b - a)) {
    for (const label of ['1 stream', '100 staggered', '100 in one burst', 'burst']) {
      const x = lat(label, coalescing);
      if (!x) continue;
      out.push({
        n: '1',
        what: `per-chunk latency, ${x.label}, coalescing ${coalescing} ms`,
        reference: `direct p50 ${msf(x.direct.perChunk.p50)}, p99 ${msf(x.direct.perChunk.p99)}`,
        measured: `Atelier p50 ${msf(x.atelier.perChunk.p50)}, p99 ${msf(x.atelier.perChunk.p99)} → adds ${msf(x.atelier.perChunk.p50 - x.direct.perChunk.p50)} / ${msf(x.atelier.perChunk.p99 - x.direct.perChunk.p99)}`,
        target: coalescing > 0 ? 'reported (includes the intended coalescing wait)' : 'issue 3: adds < 1 ms p50, < 3 ms p99 at 100',
        met:
          coalescing === 0 && x.label.startsWith('100 staggered')
            ? x.atelier.perChunk.p50 - x.direct.perChunk.p50 < 1 && x.atelier.perChunk.p99 - x.direct.perChunk.p99 < 3
            : null,
      });
    }
  }
  // Every scenario read through Portkey, at each coalescing setting (the first token is never coalesced).
  for (const x of r.latency.filter((l) => l.portkey)) {
    const p = x.portkey!;
    const a50 = x.atelier.ttft.p50 - x.direct.ttft.p50;
    const a99 = x.atelier.ttft.p99 - x.direct.ttft.p99;
    const p50 = p.ttft.p50 - x.direct.ttft.p50;
    const p99 = p.ttft.p99 - x.direct.ttft.p99;
    const c50 = x.atelier.perChunk.p50 - x.direct.perChunk.p50;
    const k50 = p.perChunk.p50 - x.direct.perChunk.p50;
    out.push({
      n: '2',
      what: `through Portkey, ${x.label}, coalescing ${x.coalescingMs} ms`,
      reference: `Atelier adds TTFT ${msf(a50)} / ${msf(a99)}, per chunk p50 ${msf(c50)}`,
      measured: `Portkey adds TTFT **${msf(p50)} / ${msf(p99)}** (p50/p99), per chunk p50 ${msf(k50)}`,
      target: "Atelier's added latency below Portkey's",
      met: a50 < p50 && a99 < p99,
    });
  }
}

function turnRateRows(t: SuiteParts['turnRate'], out: Row[]): void {
  out.push({
    n: '3',
    what: `new streaming turns/s (${t.sessions} sessions × ${t.perSession} in flight)`,
    reference: '—',
    measured: `**${f(t.turnsPerSecond, 0)}/s**, ${t.errors} errors; server CPU ${f(t.serverCpu * 100, 0)} %`,
    target: '≥ 200/s, no error',
    met: t.turnsPerSecond >= 200 && t.errors === 0,
  });
}

function fanoutRows(fo: SuiteParts['fanout'], out: Row[]): void {
  out.push({
    n: '4',
    what: `fan-out to ${fo.observers} observers (${fo.deltas} deltas)`,
    reference: `bare ws relay p50 ${msf(fo.bare.p50)}, p99 ${msf(fo.bare.p99)}`,
    measured: `Atelier p50 ${msf(fo.atelier.p50)}, p99 ${msf(fo.atelier.p99)} → adds **${msf(fo.addedP99)} p99**; ${f(fo.framesPerObserverPerDelta, 2)} frame/observer/delta (${fo.countOk ? 'counted: exact' : 'COUNT MISMATCH'})`,
    target: 'adds < 1 ms p99; 1 frame per observer per delta',
    met: fo.addedP99 < 1 && fo.countOk,
  });
}

/** ": main thread 0.110 ms (0.074 user + 0.036 system), other threads 0.038 ms (…)", where /proc told. */
function byThread(split: ThreadSplit | undefined): string {
  if (!split) return '';
  const side = (c: CpuMs) => `${f(c.user + c.system, 3)} ms (${f(c.user, 3)} user + ${f(c.system, 3)} system)`;
  return `: main thread ${side(split.main)}, other threads ${side(split.others)}`;
}

function loadRows(l: SuiteParts['load'], out: Row[]): void {
  out.push({
    n: '5',
    what: `load: ${l.sessions} sessions × 4 sockets, ${l.batchesPerSecondPerSession} batches/s each`,
    reference: `bare recording relay, same load: loop lag p50 ${msf(l.reference.serverLoop.p50, 1)}, p99 ${msf(l.reference.serverLoop.p99, 1)}; CPU ${f(l.reference.serverCpu * 100, 0)} % (${f(l.reference.serverCpuMsPerEvent, 3)} ms/event). Idle probe process, same window: loop lag p99 ${msf(l.noiseLoop.p99, 1)}`,
    measured: `server loop lag p50 ${msf(l.serverLoop.p50, 1)}, **p99 ${msf(l.serverLoop.p99, 1)}**; CPU ${f(l.serverCpu * 100, 0)} % of a core (${f(l.serverCpuMsPerEvent, 3)} ms/event); RSS ${f(l.rssMb, 0)} MB; ${f(l.eventsPerSecond, 0)} events/s; lost ${l.lost}, reordered ${l.reordered} over ${l.clientsChecked} clients`,
    target: 'loop p99 < 20 ms; no lost or reordered event',
    met: l.serverLoop.p99 < 20 && l.lost === 0 && l.reordered === 0,
  });
  const cpuRatio = l.serverCpuMsPerEvent / l.reference.serverCpuMsPerEvent;
  out.push({
    n: '5',
    what: 'CPU per delta event at that load, against the bare recording relay (issue 21)',
    reference: `bare recording relay: ${f(l.reference.serverCpuMsPerEvent, 3)} ms/event${byThread(l.reference.serverThreadsMsPerEvent)}`,
    measured: `Atelier ${f(l.serverCpuMsPerEvent, 3)} ms/event → **${f(cpuRatio, 2)}×** the relay's${byThread(l.serverThreadsMsPerEvent)}`,
    target: '≤ 1.05×',
    met: cpuRatio <= 1.05,
  });
  out.push({
    n: '5',
    what: 'provider delta → interviewer socket at that load (issue 6)',
    reference: `bare recording relay, same load, read in the load's process: p50 ${msf(l.reference.latency.p50, 1)}, p99 ${msf(l.reference.latency.p99, 1)}. Atelier read the same way (800 sockets, that process's loop lag p99 ${msf(l.clientLoopP99, 1)}): interviewer p50 ${msf(l.interviewerLatencyInLoadProcess.p50, 1)}, p99 ${msf(l.interviewerLatencyInLoadProcess.p99, 1)}; candidate p50 ${msf(l.candidateLatency.p50, 1)}, p99 ${msf(l.candidateLatency.p99, 1)}`,
    measured: `read by a process of its own (one interviewer socket in each of ${l.interviewerLatency.sessions} sessions, ${l.interviewerLatency.samples} chunks): p50 ${msf(l.interviewerLatency.p50, 1)}, **p99 ${msf(l.interviewerLatency.p99, 1)}**`,
    target: 'p99 < 10 ms',
    met: l.interviewerLatency.p99 < 10 && l.interviewerLatency.disorder === 0,
  });
}

function recordingRows(rec: SuiteParts['recording'], out: Row[]): void {
  out.push({
    n: '6',
    what: `recording, batches of ${rec.batchSize}`,
    reference: `raw better-sqlite3 ${f(rec.eventsPerSecond.raw, 0)} events/s`,
    measured: `EventStore (the hot path, raw statements) **${f(rec.eventsPerSecond.eventStore, 0)} events/s** (${f(rec.ratio.eventStoreVsRaw)}× raw); drizzle builder ${f(rec.eventsPerSecond.drizzle, 0)}/s (${f(rec.ratio.drizzleVsRaw)}× raw, not on the hot path)`,
    target: '≥ 50,000 events/s; ≤ 1.2× raw (or raw on the hot path)',
    met: rec.eventsPerSecond.eventStore >= 50_000 && rec.ratio.eventStoreVsRaw <= 1.2,
  });
  out.push({
    n: '6',
    what: 'append latency, one event per commit',
    reference: `raw p50 ${msf(rec.appendLatencyMs.raw.p50, 3)}, p99 ${msf(rec.appendLatencyMs.raw.p99, 3)}`,
    measured: `EventStore p50 ${msf(rec.appendLatencyMs.eventStore.p50, 3)}, **p99 ${msf(rec.appendLatencyMs.eventStore.p99, 3)}**; through the group commit p99 ${msf(rec.appendLatencyMs.groupCommit.p99, 3)}${rec.appendLatencyMs.rawNoAutoCheckpoint ? `; raw with SQLite's auto-checkpoint off p99 ${msf(rec.appendLatencyMs.rawNoAutoCheckpoint.p99, 3)} (a checkpoint: ${msf(rec.checkpointMs, 1)})` : ''}`,
    target: 'p99 < 1 ms',
    met: rec.appendLatencyMs.eventStore.p99 < 1,
  });
}

function replayRows(rp: SuiteParts['replay'], out: Row[], n = '7', openTargetMs = 300): void {
  const ch = rp.chromium;
  out.push({
    n,
    what: `replay open, ${rp.events} events`,
    reference: '—',
    measured: `${ch ? `Chromium: first render **${msf(ch.openMs, 0)}** (median of ${ch.opensMs.length} opens: ${ch.opensMs.map((x) => f(x, 0)).join(', ')} ms), the whole log in and seekable everywhere at ${msf(ch.wholeLogMs, 0)}; ` : ''}Node: first read (${rp.first.events} events, settled deltas left out, ${f(rp.first.bytes / 2 ** 10, 0)} kB) + reduce to the head ${msf(rp.first.ms, 0)}; whole log (${f(rp.bytes / 2 ** 20, 1)} MB, deltas packed) query+transfer ${msf(rp.openMs.query, 0)} + parse ${msf(rp.openMs.parse, 0)} + reduce with checkpoints ${msf(rp.openMs.reduce, 0)}`,
    target: `open < ${openTargetMs} ms`,
    met: ch ? ch.openMs < openTargetMs : null,
  });
  out.push({
    n,
    what: 'replay seek (a click at a random instant)',
    reference: `from-scratch reduce of the whole log: ${msf(rp.fromScratchReduceMs, 0)}`,
    measured: `${ch ? `Chromium: reduce work (the state at the instant) p50 ${msf(ch.reduceP50Ms, 2)}, **p99 ${msf(ch.reduceP99Ms, 2)}**; the whole seek's main-thread work (click handled, state at the instant, re-render, the frame's style/layout/paint) p50 ${msf(ch.seekWorkP50Ms, 1)}, p99 ${msf(ch.seekWorkP99Ms, 1)}; click → frame after the next paint p99 ${msf(ch.seekPaintedP99Ms, 1)} (includes waiting for the display's frames); ` : ''}Node: state at the instant p50 ${msf(rp.seekMs.p50, 2)}, p99 ${msf(rp.seekMs.p99, 2)} (checkpoint every 100 events)`,
    target: 'seek < 16 ms of reduce work (issue 7); the whole frame reported',
    met: ch ? ch.reduceP99Ms < 16 : rp.seekMs.p99 < 16 ? null : false,
  });
  const room = rp.liveRoom;
  if (room) {
    out.push({
      n,
      what: `server memory, one live room of ${rp.events} events (an interviewer connected)`,
      reference: `the same server before the session, after a full GC: RSS ${f(room.idle.rssMb, 0)} MB, heap ${f(room.idle.heapMb, 0)} MB`,
      measured: `after a full GC: RSS ${f(room.live.rssMb, 0)} MB, heap ${f(room.live.heapMb, 0)} MB → the room holds **heap +${f(room.live.heapMb - room.idle.heapMb, 1)} MB** (RSS +${f(room.live.rssMb - room.idle.rssMb, 0)} MB)`,
      target: 'reported (bounded: the reduced state, not the log)',
      met: null,
    });
  }
}

function clientWeightRows(cw: SuiteParts['clientWeight'], out: Row[]): void {
  for (const v of cw.views) {
    // Results recorded before the dictionary was counted (issue 21) have none: zero, said so.
    const none = { chunks: [], gzipKb: 0, rawKb: 0 };
    const { en, fr } = v.dictionary ?? { en: none, fr: none };
    const total = v.gzipKb + en.gzipKb;
    const files = v.chunks.length + en.chunks.length;
    out.push({
      n: '8',
      what: `client JS, first load of ${v.view} (with the messages it awaits)`,
      reference: '—',
      measured:
        `**${f(total, 1)} kB gzip** with English: code ${f(v.gzipKb, 1)} kB + en ${f(en.gzipKb, 1)} kB ` +
        `(${f(v.rawKb + en.rawKb, 0)} kB raw, ${files} file${files > 1 ? 's' : ''}); French: + fr ${f(fr.gzipKb, 1)} kB = ${f(v.gzipKb + fr.gzipKb, 1)} kB`,
      target: v.view === 'CandidateView' ? '< 80 kB (with English)' : 'reported',
      met: v.view === 'CandidateView' ? total < 80 : null,
    });
  }
}

function memoryRows(m: SuiteParts['memory'], out: Row[]): void {
  out.push({
    n: '9',
    what: `memory per live session (${m.sessions} sessions, 4 sockets, ${m.turnsPerSession} answers, ${f(m.eventsPerSession, 0)} events each)`,
    reference: `idle server: RSS ${f(m.idle.rssMb, 0)} MB, heap ${f(m.idle.heapMb, 0)} MB`,
    measured: `**RSS +${f(m.perSessionKb.rss, 0)} kB**, heap +${f(m.perSessionKb.heap, 0)} kB per session`,
    target: '< 1 MB',
    met: m.perSessionKb.rss < 1024,
  });
}

function distributedLoadRows(d: NonNullable<SuiteParts['distributedLoad']>, out: Row[]): void {
  const side = (e: typeof d.sqlite) =>
    `CPU **${f(e.serverCpuMsPerEvent, 3)} ms/event** (${f(e.serverCpu * 100, 0)} % of a core, ${f(e.eventsPerSecond, 0)} events/s); delta → observer p50 ${msf(e.observerLatency.p50, 1)}, **p99 ${msf(e.observerLatency.p99, 1)}** (${e.observerLatency.samples} chunks, ${e.observerLatency.sessions} sessions); loop lag p99 ${msf(e.serverLoop.p99, 1)} (idle probe ${msf(e.noiseLoopP99, 1)}); lost ${e.lost}, reordered ${e.reordered} over ${e.clientsChecked} clients`;
  const pg = d.postgres;
  out.push({
    n: 'D2',
    what: `load on PostgreSQL + Redis: ${d.sessions} sessions × 4 sockets, ${d.batchesPerSecondPerSession} batches/s each, observers on the ${pg.observersOn === 'writer' ? 'writer node' : 'second node'}`,
    reference: `the same load on SQLite, same run: ${side(d.sqlite)}`,
    measured: `${side(pg)} → CPU per event **${f(pg.serverCpuMsPerEvent / d.sqlite.serverCpuMsPerEvent, 2)}×** SQLite's`,
    target: 'reported; no lost or reordered event',
    met: [d.sqlite, pg].every((e) => e.lost === 0 && e.reordered === 0 && e.observerLatency.disorder === 0) ? null : false,
  });
}

function capacityRows(c: NonNullable<SuiteParts['capacity']>, out: Row[]): void {
  // "≥ N" when every step held: the plan ran out before the server did.
  const capacity = (s: typeof c.atelier) => `${s.failedAt === undefined ? '≥ ' : ''}${s.sessions}`;
  const steps = (s: typeof c.atelier) =>
    [...s.steps]
      .sort((a, b) => a.sessions - b.sessions)
      .map(
        (x) =>
          `${x.sessions} ${x.held ? '✓' : '✗'} ${msf(x.serverLoop.p99, 1)}${x.missed === 'throughput' ? ` (${f((100 * x.eventsPerSecond) / x.offeredEventsPerSecond, 0)} % of the events)` : ''}`,
      )
      .join(', ');
  // The bench client holds every socket: where it lagged more than the server, it may be what failed.
  const clientNote = (s: typeof c.atelier) => {
    const behind = s.steps.filter((x) => x.clientLoopP99 > x.serverLoop.p99).map((x) => x.sessions);
    const worst = Math.max(...s.steps.map((x) => x.clientLoopP99));
    return `client loop p99 up to ${msf(worst, 1)}${behind.length > 0 ? `, above the server's at ${behind.join(', ')}` : ''}`;
  };
  // A capacity whose every step held is a lower bound: the ratio settles nothing when the relay's
  // is one, and only a pass when Atelier's is.
  const judged = Number.isFinite(c.ratio) && c.relay.failedAt !== undefined;
  const met = !judged ? null : c.ratio >= 0.95 ? true : c.atelier.failedAt === undefined ? null : false;
  out.push({
    n: '5C',
    what: `capacity: sessions × 4 sockets, ${c.batchesPerSecondPerSession} batches/s each, one process holds at loop lag p99 < ${c.loopP99LimitMs} ms (one ${c.windowSeconds} s window per step)`,
    reference: `bare recording relay, same steps, same run: **${capacity(c.relay)} sessions** (${steps(c.relay)}; ${clientNote(c.relay)})`,
    measured: `Atelier **${capacity(c.atelier)} sessions** (${steps(c.atelier)}; ${clientNote(c.atelier)}${c.atelier.failedAnswers ? `; ${c.atelier.failedAnswers} answers failed` : ''}) → **${f(c.ratio)}×** the relay's`,
    target: "≥ 0.95× the relay's",
    met,
  });
}

export interface DistributedResult {
  startedAt: string;
  machine: Machine;
  failover: FailoverResult;
}

/** Issue 20's rows: `npm run bench:distributed`. */
export function distributedRows(d: DistributedResult): Row[] {
  const sorted = [...d.failover.takeoverMs].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? NaN;
  const max = sorted.at(-1) ?? NaN;
  return [
    {
      n: 'D1',
      what: `failover: SIGKILL of the writer node mid-answer, 3 nodes on PostgreSQL, ${d.failover.kills} kills`,
      reference: `lease TTL ${d.failover.leaseTtlMs} ms (renewed every third)`,
      measured: `kill → another node serves the session: median **${f(median, 0)} ms**, max **${f(max, 0)} ms** (${sorted.join(', ')})`,
      target: '≤ 5 s',
      met: Number.isFinite(max) ? max <= 5000 : null,
    },
  ];
}

export function soakRows(s: SoakResult): Row[] {
  return [
    {
      n: 'soak',
      what: `${s.sessions} sessions × 4 sockets, ${f(s.minutes, 1)} min, faults + ${s.drops} socket drops`,
      reference: `${s.turns.completed} answers completed, ${s.turns.failed} failed as injected, ${s.turns.refused} sends refused (${
        Object.entries(s.refusals ?? {})
          .map(([code, count]) => `${code} ${count}`)
          .join(', ') || 'none'
      })`,
      measured: `lost **${s.lost}**, duplicated ${s.duplicated}, reordered ${s.reordered} over ${s.clients} clients; heap after GC: **${f(s.released.baselineHeapMb, 0)} MB after setup → ${f(s.released.afterHeapMb, 0)} MB once all sessions ended and sockets closed** (RSS ${f(s.released.baselineRssMb, 0)} → ${f(s.released.afterRssMb, 0)} MB); during the run heap ${f(s.heap.startMb, 0)} → ${f(s.heap.endMb, 0)} MB (${f(s.heap.slopeMbPerMin, 1)} MB/min: the live rooms' state growing with their logs)`,
      target: 'no lost event; memory released (no leak)',
      met: s.lost === 0 && s.duplicated === 0 && s.reordered === 0 && s.released.afterHeapMb <= s.released.baselineHeapMb + 5,
    },
  ];
}

const mark = (met: boolean | null) => (met === null ? '·' : met ? '✅' : '❌');

export function markdownTable(all: Row[]): string {
  return [
    '| # | what | reference (same run) | measured | target | |',
    '| --- | --- | --- | --- | --- | --- |',
    ...all.map((r) => `| ${r.n} | ${r.what} | ${r.reference} | ${r.measured} | ${r.target} | ${mark(r.met)} |`),
  ].join('\n');
}

export function textTable(all: Row[]): string {
  const strip = (s: string) => s.replace(/\*\*/g, '');
  return all
    .map(
      (r) =>
        `${mark(r.met)} ${r.n.padEnd(4)} ${strip(r.what)}\n       ${strip(r.measured)}\n       ref: ${strip(r.reference)} | target: ${r.target}`,
    )
    .join('\n');
}

function machineLine(m: Machine, when: string) {
  return `${m.cpu}, ${m.cores} cores, ${m.ramGb} GiB RAM, Node ${m.node}, ${when} (load average at the end: ${m.loadAverage.join(', ')})`;
}

/** bench/results/bench.json: the latest figures of each row, and when and where each row last ran. */
export interface StoredBench extends Partial<SuiteParts> {
  rows: Record<string, StoredRow>;
}

export type StoredRow = RowMeta & { machine: Machine; error?: string };

export function readStoredBench(path = RESULTS.bench): StoredBench {
  if (!existsSync(path)) return { rows: {} };
  const stored = JSON.parse(readFileSync(path, 'utf8')) as Partial<StoredBench>;
  return { ...stored, rows: stored.rows ?? {} };
}

/**
 * Records one row's outcome in `stored`: its figures replace the row's previous ones; a failed
 * row keeps its last figures (marked failed in the report) and its error.
 */
export function recordRow(stored: StoredBench, outcome: RowOutcome, parts: Partial<SuiteParts>, machineNow: Machine): StoredBench {
  const { id, title, startedAt, durationS } = outcome;
  const row: StoredRow = { id, title, startedAt, durationS, machine: machineNow, ...(outcome.ok ? {} : { error: outcome.error }) };
  return { ...stored, ...parts, rows: { ...stored.rows, [id]: row } };
}

/** One ❌ row per bench row whose last run failed, with the first line of its error. */
export function failedRows(stored: StoredBench): Row[] {
  return Object.values(stored.rows)
    .filter((row) => row.error !== undefined)
    .map((row) => ({
      n: row.id,
      what: `${row.title}: **failed** at ${row.startedAt}`,
      reference: '—',
      measured: `\`${(row.error ?? '').split('\n')[0]!.replace(/\|/g, '\\|')}\``,
      target: 'measured',
      met: false,
    }));
}

function machinesLine(stored: StoredBench): string {
  const list = Object.values(stored.rows).sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  if (list.length === 0) return 'not run yet';
  return list.map((row) => `${row.id}: ${machineLine(row.machine, row.startedAt)}`).join('; ');
}

/** The rows of docs/benchmarks.md's table that each part of the results fills. */
const ROW_NUMBERS: Record<keyof SuiteParts | 'soak' | 'distributed', readonly string[]> = {
  latency: ['1', '2'],
  turnRate: ['3'],
  fanout: ['4'],
  load: ['5'],
  recording: ['6'],
  replay: ['7'],
  replayLong: ['7L'],
  clientWeight: ['8'],
  memory: ['9'],
  distributedLoad: ['D2'],
  capacity: ['5C'],
  soak: ['soak'],
  distributed: ['D1'],
};

const EARLIER = ' *(earlier run: kept from the previous docs/benchmarks.md)*';

/**
 * The lines of the previous report's table for the rows these results do not hold (a results
 * file that has not seen every row yet, `--only`): a report rewrite never drops a row.
 */
export function carriedLines(previousDoc: string, missing: readonly (keyof typeof ROW_NUMBERS)[]): string[] {
  const numbers = new Set(missing.flatMap((part) => ROW_NUMBERS[part]));
  const start = previousDoc.indexOf('| # | what |');
  if (start < 0) return [];
  const lines: string[] = [];
  for (const line of previousDoc.slice(start).split('\n').slice(2)) {
    if (!line.startsWith('| ')) break;
    const cells = line.split(' | ');
    const n = cells[0]!.slice(2);
    if (!numbers.has(n)) continue;
    if (!cells[1]!.endsWith(EARLIER)) cells[1] += EARLIER;
    lines.push(cells.join(' | '));
  }
  return lines;
}

export function writeReport(): string {
  const stored = readStoredBench();
  const bench = Object.keys(stored.rows).length > 0 ? stored : undefined;
  const soak = existsSync(RESULTS.soak)
    ? (JSON.parse(readFileSync(RESULTS.soak, 'utf8')) as SoakResult & { machine: Machine; startedAt: string })
    : undefined;
  const distributed = existsSync(RESULTS.distributed)
    ? (JSON.parse(readFileSync(RESULTS.distributed, 'utf8')) as DistributedResult)
    : undefined;
  const all = [
    ...(bench ? [...failedRows(bench), ...rows(bench)] : []),
    ...(soak ? soakRows(soak) : []),
    ...(distributed ? distributedRows(distributed) : []),
  ];
  const load = bench?.load;
  const doc = TEMPLATE.replace('{{machine}}', bench ? machinesLine(bench) : 'not run yet')
    .replace('{{duration}}', bench ? `${f(Object.values(bench.rows).reduce((sum, row) => sum + row.durationS, 0) / 60, 1)} min` : '—')
    .replace('{{table}}', markdownTable(all))
    .replace('{{soakMachine}}', soak ? machineLine(soak.machine, soak.startedAt) : 'not run yet')
    .replace(
      '{{weights}}',
      bench?.clientWeight ? bench.clientWeight.byPackage.map((p) => `| ${p.name} | ${f(p.rawKb, 1)} | ${f(p.gzipKb, 1)} |`).join('\n') : '',
    )
    .replace(
      '{{heaviest}}',
      bench?.clientWeight
        ? bench.clientWeight.heaviest
            .slice(0, 8)
            .map((m) => `\`${m.module}\` ${f(m.rawKb, 1)} kB`)
            .join(', ')
        : '',
    )
    .replace('{{spread}}', spreadTable(readHistory()))
    .replace('{{latencyDetail}}', bench?.latency ? latencyDetail(bench.latency) : '')
    .replace('{{noiseP99}}', load ? f(load.noiseLoop.p99, 1) : '—')
    .replace('{{cpuPerEvent}}', load ? f(load.serverCpuMsPerEvent, 3) : '—')
    .replace('{{coresNeeded}}', load ? f((4000 * load.serverCpuMsPerEvent) / 1000, 2) : '—')
    .replace('{{coresGot}}', load ? f(load.serverCpu, 2) : '—')
    .replace('{{eventsPerSecond}}', load ? f(load.eventsPerSecond, 0) : '—')
    .replace('{{refLoopP99}}', load ? f(load.reference.serverLoop.p99, 1) : '—')
    .replaceAll('{{refCpuPerEvent}}', load ? f(load.reference.serverCpuMsPerEvent, 3) : '—')
    .replace('{{refCpu}}', load ? f(load.reference.serverCpu * 100, 0) : '—')
    .replace('{{refLatencyP99}}', load ? f(load.reference.latency.p99, 1) : '—');
  const previous = existsSync('docs/benchmarks.md') ? readFileSync('docs/benchmarks.md', 'utf8') : '';
  const missing = (Object.keys(ROW_NUMBERS) as (keyof typeof ROW_NUMBERS)[]).filter((part) =>
    part === 'soak' ? !soak : part === 'distributed' ? !distributed : !bench?.[part],
  );
  const carried = carriedLines(previous, missing);
  writeFileSync(
    'docs/benchmarks.md',
    carried.length > 0 ? doc.replace(markdownTable(all), [markdownTable(all), ...carried].join('\n')) : doc,
  );
  return textTable(all);
}

function latencyDetail(latency: SuiteParts['latency']): string {
  const head =
    '| scenario | coalescing | path | TTFT p50 | TTFT p99 | per chunk p50 | per chunk p99 | chunks | broken streams |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- |';
  const lines = latency.flatMap((x) =>
    (['direct', 'atelier', 'portkey'] as const)
      .filter((p) => x[p])
      .map(
        (p) =>
          `| ${x.label} | ${x.coalescingMs} ms | ${p} | ${msf(x[p]!.ttft.p50)} | ${msf(x[p]!.ttft.p99)} | ${msf(x[p]!.perChunk.p50)} | ${msf(x[p]!.perChunk.p99)} | ${x.samples[p]} | ${x.errors?.[p] ?? 0} |`,
      ),
  );
  return [head, ...lines].join('\n');
}
