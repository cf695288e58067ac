import { getTableColumns, getTableName, is, Table } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as pgSchema from '../../../server/db/pg/schema';
import * as sqliteSchema from '../../../server/db/schema';

// One schema per engine (server/db/schema.ts, server/db/pg/schema.ts). A table or column added
// to one and not the other would work on one engine and break on the other: this fails first.

/** Tables only PostgreSQL has, and why: what one SQLite file needs no counterpart for. */
const POSTGRES_ONLY = new Set(['session_leases']); // several nodes, one writer per session

function shape(schema: Record<string, unknown>): Map<string, string[]> {
  const tables = new Map<string, string[]>();
  for (const value of Object.values(schema)) {
    if (!is(value, Table)) continue;
    const columns = Object.values(getTableColumns(value)).map((c) => `${c.name}${c.notNull ? ' not null' : ''}`);
    tables.set(getTableName(value), columns.sort());
  }
  return tables;
}

describe('the SQLite and PostgreSQL schemas', () => {
  const sqlite = shape(sqliteSchema);
  const pg = shape(pgSchema);

  it('have the same tables', () => {
    expect([...pg.keys()].filter((t) => !POSTGRES_ONLY.has(t)).sort()).toEqual([...sqlite.keys()].sort());
  });

  it('have the same columns, with the same nullability, in every table', () => {
    for (const [table, columns] of sqlite) expect({ table, columns: pg.get(table) }).toEqual({ table, columns });
  });

  it('name the PostgreSQL-only tables that exist', () => {
    for (const table of POSTGRES_ONLY) expect(pg.has(table)).toBe(true);
  });
});
