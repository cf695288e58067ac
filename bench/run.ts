import { mkdirSync, writeFileSync } from 'node:fs';
import { ensureBuilt } from './build';
import { RESULTS, readStoredBench, recordRow, writeReport } from './report';
import { parseBenchArgs, runRows, selectRows } from './runner';
import { appendHistory } from './spread';
import { machineNow, partOfRow, suiteRows, type SuiteParts } from './suite';

// `npm run bench`: every row at full size, one table on stdout, docs/benchmarks.md rewritten.
// Builds what it needs first. Each row's figures go to bench/results/bench.json as soon as the
// row is measured, so a row that fails (reported with its error) loses nothing measured before
// it; `--only <row>[,<row>]` runs some rows and keeps the others' last figures.
// `--smoke` (npm run bench:smoke): tiny sizes, the results printed, nothing written.

const args = parseBenchArgs(process.argv.slice(2));
const log = (line: string) => console.error(line);
const parts: Partial<SuiteParts> = {};
selectRows(suiteRows(args.smoke, parts), args.only); // an unknown --only fails before the build
ensureBuilt(process.cwd(), log);
if (args.smoke) {
  const outcomes = await runRows(suiteRows(true, parts), { only: args.only, parallel: true, log });
  console.log(JSON.stringify({ ...parts, failed: outcomes.filter((o) => !o.ok) }, null, 2));
  process.exitCode = outcomes.every((o) => o.ok) ? 0 : 1;
} else {
  mkdirSync('bench/results', { recursive: true });
  let stored = readStoredBench();
  const outcomes = await runRows(suiteRows(false, parts), {
    only: args.only,
    log,
    onRow: (outcome) => {
      // Synchronous, before the next row starts: a crash later keeps this row.
      const machine = machineNow();
      stored = recordRow(stored, outcome, outcome.ok ? parts : {}, machine);
      writeFileSync(RESULTS.bench, `${JSON.stringify(stored, null, 2)}\n`);
      // Only this row's part: `parts` also holds the rows measured before it in this run.
      if (outcome.ok) appendHistory(outcome.id, outcome.startedAt, machine, partOfRow(parts, outcome.id));
    },
  });
  console.log(writeReport());
  console.log('\ndocs/benchmarks.md rewritten.');
  const failed = outcomes.filter((o) => !o.ok);
  if (failed.length > 0) {
    console.error(`\n${failed.length} row(s) failed: ${failed.map((o) => o.id).join(', ')} (their errors are in the table).`);
    process.exitCode = 1;
  }
}
