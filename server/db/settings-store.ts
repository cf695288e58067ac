import { eq } from 'drizzle-orm';
import type { Db } from './database';
import { settings } from './schema';

/** Organisation-wide settings, one JSON value per key. */
export class SettingsStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {}

  get(key: string): unknown {
    const row = this.db.select().from(settings).where(eq(settings.key, key)).get();
    return row ? JSON.parse(row.value) : undefined;
  }

  set(key: string, value: unknown): void {
    const json = JSON.stringify(value);
    const updatedAt = this.now();
    this.db.insert(settings).values({ key, value: json, updatedAt }).onConflictDoUpdate({ target: settings.key, set: { value: json, updatedAt } }).run();
  }
}
