// npm run db:copy -- <sqlite file> <postgres url>: moves an install's data to PostgreSQL
// (docs/deploy.md). Defaults: ATELIER_DATA_DIR's atelier.db and DATABASE_URL.
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { copySqliteToPostgres } from '../server/db/copy-to-postgres';

const [fileArg, urlArg] = process.argv.slice(2);
const file = resolve(fileArg ?? join(process.env.ATELIER_DATA_DIR ?? './data', 'atelier.db'));
const url = urlArg ?? process.env.DATABASE_URL;
if (!url) {
  console.error('usage: npm run db:copy -- <sqlite file> <postgres://…> (or set DATABASE_URL)');
  process.exit(2);
}
const migrations = fileURLToPath(new URL('../migrations-pg', import.meta.url));
try {
  const report = await copySqliteToPostgres(file, url, migrations);
  for (const [table, rows] of Object.entries(report.tables)) console.log(`${table}: ${rows} rows`);
  console.log(`checked: ${report.sessions} sessions, ${report.events} events, the same count for every session on both sides`);
} catch (error) {
  console.error(`db:copy failed, nothing was kept in PostgreSQL: ${(error as Error).message}`);
  process.exit(1);
}
