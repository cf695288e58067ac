// npm run sim:eval: measures the offline simulator (bench/sim-eval/) and writes docs/simulator.md.
// Deterministic and quick (no network, no clock); `--variants N` sets the answers per question.

import { writeFileSync } from 'node:fs';
import { renderReport } from './sim-eval/report';
import { runSimEval } from './sim-eval/run';
import { percent, summarize } from './sim-eval/summary';

const flag = process.argv.indexOf('--variants');
const variants = flag >= 0 ? Number(process.argv[flag + 1]) : 3;
const summary = summarize(runSimEval({ variants }));

for (const set of ['tuned', 'held-out'] as const) {
  for (const language of ['en', 'fr'] as const) {
    const row = summary.onTopic[set][language];
    console.log(`on-topic (${set}, ${language}): weak ${percent(row.weak)}, careful ${percent(row.careful)}, good ${percent(row.good)}`);
  }
}
for (const p of summary.passRates) console.log(`pass rate ${p.exercise} (${p.language}): weak ${percent(p.weak)}, good ${percent(p.good)}`);
console.log(`test cases a good prompt still fails: ${summary.goodFailures.length}`);
writeFileSync(new URL('../docs/simulator.md', import.meta.url), renderReport(summary));
console.log('wrote docs/simulator.md');
