import { getTableColumns } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';

// SQL text from the drizzle tables, so column names live in the schema only: rows come back
// keyed by the TypeScript names, as drizzle returns them on SQLite.

/** `"db_name" AS "propName", …` for every column of the table (optionally prefixed by an alias). */
export function selectList(table: PgTable, alias?: string): string {
  return Object.entries(getTableColumns(table))
    .map(([key, column]) => `${alias ? `${alias}.` : ''}"${column.name}" AS "${key}"`)
    .join(', ');
}

/** An INSERT of the row's defined fields: the statement text and its values. */
export function insertOf(table: PgTable, tableName: string, row: Record<string, unknown>): { text: string; values: unknown[] } {
  const columns = getTableColumns(table);
  const names: string[] = [];
  const values: unknown[] = [];
  for (const [key, value] of Object.entries(row)) {
    const column = columns[key];
    if (!column || value === undefined) continue;
    names.push(`"${column.name}"`);
    values.push(value);
  }
  return { text: `INSERT INTO ${tableName} (${names.join(', ')}) VALUES (${values.map((_, i) => `$${i + 1}`).join(', ')})`, values };
}
