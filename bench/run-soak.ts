import { mkdirSync, writeFileSync } from 'node:fs';
import { RESULTS, soakRows, textTable, writeReport } from './report';
import { benchSoak } from './soak';
import { machine } from './suite';

// `npm run soak`: 100 sessions × (candidate + 3 observers) for SOAK_MINUTES (default 5) with
// provider faults and socket drops; fails (exit 1) on a lost event or growing memory, and
// records its figures in docs/benchmarks.md.

const minutes = Number(process.env.SOAK_MINUTES ?? 5);
const sessions = Number(process.env.SOAK_SESSIONS ?? 100);
const startedAt = new Date().toISOString();
const result = await benchSoak({ sessions, minutes, dropEveryMs: 2_000 });
mkdirSync('bench/results', { recursive: true });
writeFileSync(RESULTS.soak, `${JSON.stringify({ ...result, startedAt, machine: await machine() }, null, 2)}\n`);
writeReport();
const rows = soakRows(result);
console.log(textTable(rows));
if (rows.some((r) => r.met === false)) process.exitCode = 1;
