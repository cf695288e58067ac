// Runs benchmark rows one after another (or in chains side by side, for the smoke run) and
// loses nothing: each row's outcome is handed to `onRow` as soon as it is measured (run.ts writes
// it to the results file then), and a row that throws is an outcome of its own, with its error,
// while the rows after it still run.

export interface RowSpec {
  /** What `--only` names it by. */
  id: string;
  title: string;
  /** Rows of one chain run in order; chains run side by side only with `parallel`. */
  chain: string;
  run(): Promise<unknown>;
}

export interface RowMeta {
  id: string;
  title: string;
  startedAt: string;
  durationS: number;
}

export type RowOutcome = RowMeta & ({ ok: true; result: unknown } | { ok: false; error: string });

export interface RunOptions {
  /** Row ids to run; all rows when absent. An unknown id throws before anything runs. */
  only?: readonly string[];
  /** Runs the chains side by side (smoke: the figures are not read). */
  parallel?: boolean;
  log?: (line: string) => void;
  onRow?: (outcome: RowOutcome) => void;
}

/** The rows `only` names (all without it), in the suite's order; throws on an unknown id. */
export function selectRows(rows: readonly RowSpec[], only: readonly string[] | undefined): RowSpec[] {
  const unknown = (only ?? []).filter((id) => !rows.some((row) => row.id === id));
  if (unknown.length > 0)
    throw new Error(`Unknown bench row ${unknown.join(', ')}; the rows are: ${rows.map((row) => row.id).join(', ')}.`);
  return only ? rows.filter((row) => only.includes(row.id)) : [...rows];
}

export async function runRows(rows: readonly RowSpec[], options: RunOptions = {}): Promise<RowOutcome[]> {
  const log = options.log ?? (() => {});
  const selected = selectRows(rows, options.only);
  const outcomes: RowOutcome[] = [];
  const runOne = async (row: RowSpec) => {
    const startedAt = new Date().toISOString();
    const t0 = performance.now();
    log(`▶ ${row.id}: ${row.title}`);
    let outcome: RowOutcome;
    try {
      const result = await row.run();
      outcome = { id: row.id, title: row.title, startedAt, durationS: (performance.now() - t0) / 1000, ok: true, result };
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      outcome = { id: row.id, title: row.title, startedAt, durationS: (performance.now() - t0) / 1000, ok: false, error: message };
    }
    log(`  ${row.id}: ${outcome.ok ? 'measured' : `FAILED: ${outcome.error.split('\n')[0]}`} in ${outcome.durationS.toFixed(1)} s`);
    outcomes.push(outcome);
    options.onRow?.(outcome);
  };
  const chains = [...new Set(selected.map((row) => row.chain))].map((chain) => selected.filter((row) => row.chain === chain));
  const runChain = async (chain: readonly RowSpec[]) => {
    for (const row of chain) await runOne(row);
  };
  if (options.parallel) await Promise.all(chains.map(runChain));
  else for (const chain of chains) await runChain(chain);
  return outcomes;
}

export interface BenchArgs {
  smoke: boolean;
  only: string[] | undefined;
}

/** `--smoke`, and `--only a,b` or `--only a --only b` (also `--only=a`). */
export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const only: string[] = [];
  let smoke = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--smoke') smoke = true;
    else if (arg === '--only' || arg.startsWith('--only=')) {
      const value = arg === '--only' ? argv[++i] : arg.slice('--only='.length);
      if (!value) throw new Error('--only needs a row id.');
      only.push(...value.split(',').filter(Boolean));
    } else throw new Error(`Unknown argument ${arg}: the bench takes --smoke and --only <row>.`);
  }
  return { smoke, only: only.length > 0 ? only : undefined };
}
