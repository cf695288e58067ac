import { asc, eq } from 'drizzle-orm';
import type { Transaction } from './database';
import { webhooks } from './schema';
import type { Db, SqliteDatabase } from './sqlite';

export type WebhookRow = typeof webhooks.$inferSelect;

/** The webhook endpoints (their deliveries are OutboxStore's). */
export interface WebhookStore {
  create(row: WebhookRow, tx?: Transaction): void;
  list(): WebhookRow[];
  get(id: string): WebhookRow | undefined;
  delete(id: string, tx?: Transaction): boolean;
}

export class SqliteWebhookStore implements WebhookStore {
  private readonly db: Db;

  constructor(private readonly database: SqliteDatabase) {
    this.db = database.db;
  }

  create(row: WebhookRow, tx?: Transaction): void {
    this.database.on(tx).insert(webhooks).values(row).run();
  }

  list(): WebhookRow[] {
    return this.db.select().from(webhooks).orderBy(asc(webhooks.createdAt)).all();
  }

  get(id: string): WebhookRow | undefined {
    return this.db.select().from(webhooks).where(eq(webhooks.id, id)).get();
  }

  delete(id: string, tx?: Transaction): boolean {
    return this.database.on(tx).delete(webhooks).where(eq(webhooks.id, id)).run().changes > 0;
  }
}
