import { eq } from 'drizzle-orm';
import type { Transaction } from './database';
import { settings } from './schema';
import type { Db, SqliteDatabase } from './sqlite';

/** Organisation-wide settings, one JSON value per key. */
export interface SettingsStore {
  get(key: string): unknown;
  set(key: string, value: unknown, tx?: Transaction): void;
}

export class SqliteSettingsStore implements SettingsStore {
  private readonly db: Db;

  constructor(
    private readonly database: SqliteDatabase,
    private readonly now: () => number,
  ) {
    this.db = database.db;
  }

  get(key: string): unknown {
    const row = this.db.select().from(settings).where(eq(settings.key, key)).get();
    return row ? JSON.parse(row.value) : undefined;
  }

  set(key: string, value: unknown, tx?: Transaction): void {
    const json = JSON.stringify(value);
    const updatedAt = this.now();
    this.database
      .on(tx)
      .insert(settings)
      .values({ key, value: json, updatedAt })
      .onConflictDoUpdate({ target: settings.key, set: { value: json, updatedAt } })
      .run();
  }
}
