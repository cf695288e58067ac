import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Machine, SuiteParts } from './suite';

// The spread over runs (issue 21 item 6): one run of a tail latency or a ratio of CPU on a shared
// 2-core machine says little, so every run of a row appends the figures its targets judge to
// bench/results/history.json, and docs/benchmarks.md shows each figure over the last runs with
// the machine's load during each. A figure is a number and the target it is judged against.

export interface JudgedFigure {
  /** Stable across runs: what the history groups by. */
  key: string;
  label: string;
  value: number;
  unit: 'ms' | '×' | 'kB' | 'sessions';
  target: string;
  met: boolean;
}

export interface HistoryEntry {
  row: string;
  startedAt: string;
  loadAverage: number[];
  figures: JudgedFigure[];
}

export const HISTORY = 'bench/results/history.json';
/** Runs shown per figure in the report. */
const SHOWN = 5;

/** The figures of `parts` that a target of issue 21 judges. */
export function judgedFigures(parts: Partial<SuiteParts>): JudgedFigure[] {
  const out: JudgedFigure[] = [];
  for (const x of (parts.latency ?? []).filter((l) => l.portkey)) {
    const p = x.portkey!;
    const name = x.label.startsWith('100 staggered') ? 'staggered' : x.label.includes('burst') ? 'burst' : null;
    if (!name) continue;
    for (const q of ['p50', 'p99'] as const) {
      const atelier = x.atelier.ttft[q] - x.direct.ttft[q];
      const portkey = p.ttft[q] - x.direct.ttft[q];
      out.push({
        key: `ttft.${name}.${q}.margin.c${x.coalescingMs}`,
        label: `TTFT added, 100 streams ${name}, ${q}, coalescing ${x.coalescingMs} ms: Portkey's minus Atelier's`,
        value: portkey - atelier,
        unit: 'ms',
        target: '> 0 (Atelier below Portkey)',
        met: atelier < portkey,
      });
    }
  }
  if (parts.fanout) {
    out.push({
      key: 'fanout.addedP99',
      label: `fan-out to ${parts.fanout.observers} observers, added p99 over the bare relay`,
      value: parts.fanout.addedP99,
      unit: 'ms',
      target: '< 1 ms',
      met: parts.fanout.addedP99 < 1,
    });
  }
  if (parts.load) {
    const ratio = parts.load.serverCpuMsPerEvent / parts.load.reference.serverCpuMsPerEvent;
    out.push({
      key: 'load.cpuRatio',
      label: `CPU per delta event, ${parts.load.sessions} sessions: Atelier ÷ bare recording relay`,
      value: ratio,
      unit: '×',
      target: '≤ 1.05×',
      met: ratio <= 1.05,
    });
    out.push({
      key: 'load.loopP99',
      label: `server loop lag p99, ${parts.load.sessions} sessions`,
      value: parts.load.serverLoop.p99,
      unit: 'ms',
      target: '< 20 ms',
      met: parts.load.serverLoop.p99 < 20,
    });
  }
  if (parts.memory) {
    out.push({
      key: 'memory.rssPerSession',
      label: `memory per live session (${parts.memory.sessions} sessions), RSS after a full GC`,
      value: parts.memory.perSessionKb.rss,
      unit: 'kB',
      target: '< 1 MB',
      met: parts.memory.perSessionKb.rss < 1024,
    });
  }
  const capacity = parts.capacity;
  if (capacity && Number.isFinite(capacity.ratio)) {
    out.push({
      key: 'capacity.ratio',
      label: `capacity at loop lag p99 < ${capacity.loopP99LimitMs} ms: Atelier's sessions ÷ the relay's (${capacity.atelier.sessions} ÷ ${capacity.relay.sessions} in the last run)`,
      value: capacity.ratio,
      unit: '×',
      target: '≥ 0.95×',
      met: capacity.ratio >= 0.95,
    });
  }
  const chromium = parts.replayLong?.chromium;
  if (chromium) {
    const events = parts.replayLong!.events;
    out.push({
      key: 'replayLong.openMs',
      label: `replay open to first render in Chromium, ${events}-event session`,
      value: chromium.openMs,
      unit: 'ms',
      target: '< 1000 ms',
      met: chromium.openMs < 1000,
    });
    out.push({
      key: 'replayLong.reduceP99',
      label: `replay seek, reduce work p99 in Chromium, ${events}-event session`,
      value: chromium.reduceP99Ms,
      unit: 'ms',
      target: '< 16 ms',
      met: chromium.reduceP99Ms < 16,
    });
  }
  if (parts.clientWeight) {
    const candidate = parts.clientWeight.views.find((v) => v.view === 'CandidateView');
    if (candidate) {
      const total = candidate.gzipKb + (candidate.dictionary?.en.gzipKb ?? 0);
      out.push({
        key: 'clientWeight.candidate',
        label: 'client JS, first load of CandidateView with its English messages (gzip)',
        value: total,
        unit: 'kB',
        target: '< 80 kB',
        met: total < 80,
      });
    }
  }
  return out;
}

export function readHistory(file = HISTORY): HistoryEntry[] {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as HistoryEntry[]) : [];
}

/** Appends one row's judged figures (none: nothing appended) and writes the file at once. */
export function appendHistory(row: string, startedAt: string, machine: Machine, parts: Partial<SuiteParts>, file = HISTORY): void {
  const figures = judgedFigures(parts);
  if (figures.length === 0) return;
  writeFileSync(
    file,
    `${JSON.stringify([...readHistory(file), { row, startedAt, loadAverage: machine.loadAverage, figures }], null, 2)}\n`,
  );
}

const show = (value: number, unit: JudgedFigure['unit']) =>
  unit === '×' ? `${value.toFixed(2)}×` : unit === 'sessions' ? `${value.toFixed(0)}` : `${value.toFixed(unit === 'kB' ? 1 : 2)} ${unit}`;

/** The report's table: each figure over its last runs, newest last, with each run's 1-minute load. */
export function spreadTable(history: readonly HistoryEntry[]): string {
  const byKey = new Map<string, { figure: JudgedFigure; runs: { value: number; met: boolean; load: number; at: string }[] }>();
  for (const entry of history) {
    for (const figure of entry.figures) {
      const runs = byKey.get(figure.key) ?? byKey.set(figure.key, { figure, runs: [] }).get(figure.key)!;
      runs.figure = figure;
      runs.runs.push({ value: figure.value, met: figure.met, load: entry.loadAverage[0] ?? NaN, at: entry.startedAt });
    }
  }
  if (byKey.size === 0) return '*No run recorded yet.*';
  const lines = ['| figure | target | last runs (1-min load when the row ended) | min – max | met |', '| --- | --- | --- | --- | --- |'];
  for (const { figure, runs } of byKey.values()) {
    const last = runs.slice(-SHOWN);
    const values = last.map((r) => r.value);
    lines.push(
      `| ${figure.label} | ${figure.target} | ${last.map((r) => `${show(r.value, figure.unit)} (${r.load.toFixed(1)})`).join(', ')} | ${show(Math.min(...values), figure.unit)} – ${show(Math.max(...values), figure.unit)} | ${last.filter((r) => r.met).length} of ${last.length} |`,
    );
  }
  return lines.join('\n');
}
