import { mkdirSync, writeFileSync } from 'node:fs';
import { RESULTS, writeReport } from './report';
import { runSuite } from './suite';

// `npm run bench`: every benchmark of issue 9 at full size, one table on stdout, and
// docs/benchmarks.md rewritten. `--smoke` (npm run bench:smoke): tiny sizes, no docs written.

const smoke = process.argv.includes('--smoke');
const result = await runSuite(smoke);
if (smoke) {
  console.log(JSON.stringify(result, null, 2));
} else {
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(RESULTS.bench, `${JSON.stringify(result, null, 2)}\n`);
  console.log(writeReport());
  console.log('\ndocs/benchmarks.md rewritten.');
}
