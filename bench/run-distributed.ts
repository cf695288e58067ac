import { mkdirSync, writeFileSync } from 'node:fs';
import { benchFailover } from './failover';
import { RESULTS, distributedRows, textTable } from './report';
import { machine } from './suite';

// `npm run bench:distributed`: the distributed-mode rows (PostgreSQL at ATELIER_TEST_PG_URL),
// written to bench/results/distributed.json; `npm run bench` puts them in docs/benchmarks.md.

const smoke = process.argv.includes('--smoke');
const failover = await benchFailover(smoke ? { kills: 1, leaseTtlMs: 1000 } : { kills: 10, leaseTtlMs: 3000 });
const result = { startedAt: new Date().toISOString(), machine: await machine(), failover };
mkdirSync('bench/results', { recursive: true });
writeFileSync(RESULTS.distributed, `${JSON.stringify(result, null, 2)}\n`);
console.log(textTable(distributedRows(result)));
