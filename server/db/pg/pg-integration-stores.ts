import type { Transaction } from '../database';
import type { GreenhouseErrorRow, GreenhouseInterviewRow, GreenhouseKeyRow, GreenhouseStore } from '../greenhouse-store';
import type { ReportLinkRow, ReportLinkStore } from '../report-link-store';
import type { WebhookRow, WebhookStore } from '../webhook-store';
import { insertOf, selectList } from './columns';
import type { PgDatabase } from './pg-database';
import { greenhouseErrors, greenhouseInterviews, greenhouseKeys, reportLinks, webhooks } from './schema';

// The PostgreSQL twins of the integration stores (webhook endpoints, Greenhouse keys, interviews
// and errors, report links): the same interfaces as their SQLite siblings. The outbox, where
// several nodes compete for the same rows, is pg-outbox-store.ts.

const WEBHOOK_COLUMNS = selectList(webhooks);
const KEY_COLUMNS = selectList(greenhouseKeys);
const INTERVIEW_COLUMNS = selectList(greenhouseInterviews);
const ERROR_COLUMNS = selectList(greenhouseErrors);
const LINK_COLUMNS = selectList(reportLinks);

/** JSON arrays are text on both engines (drizzle's `mode: 'json'` parses them on SQLite). */
const withEvents = (row: Omit<WebhookRow, 'events'> & { events: string }): WebhookRow => ({
  ...row,
  events: JSON.parse(row.events) as string[],
});

export class PgWebhookStore implements WebhookStore {
  constructor(private readonly database: PgDatabase) {}

  create(row: WebhookRow, tx?: Transaction): void {
    const insert = insertOf(webhooks, 'webhooks', { ...row, events: JSON.stringify(row.events) });
    this.database.query(insert.text, insert.values, tx);
  }

  list(): WebhookRow[] {
    return this.database
      .query<WebhookRow & { events: string }>(`SELECT ${WEBHOOK_COLUMNS} FROM webhooks ORDER BY created_at, id`)
      .map(withEvents);
  }

  get(id: string): WebhookRow | undefined {
    return this.database
      .query<WebhookRow & { events: string }>(`SELECT ${WEBHOOK_COLUMNS} FROM webhooks WHERE id = $1`, [id])
      .map(withEvents)[0];
  }

  delete(id: string, tx?: Transaction): boolean {
    return this.database.query<{ id: string }>('DELETE FROM webhooks WHERE id = $1 RETURNING id', [id], tx).length > 0;
  }
}

export class PgGreenhouseStore implements GreenhouseStore {
  constructor(private readonly database: PgDatabase) {}

  createKey(row: GreenhouseKeyRow, tx?: Transaction): void {
    const insert = insertOf(greenhouseKeys, 'greenhouse_keys', row);
    this.database.query(insert.text, insert.values, tx);
  }

  keys(): GreenhouseKeyRow[] {
    return this.database.query<GreenhouseKeyRow>(`SELECT ${KEY_COLUMNS} FROM greenhouse_keys ORDER BY created_at, id`);
  }

  keyByHash(keyHash: string): GreenhouseKeyRow | undefined {
    return this.database.query<GreenhouseKeyRow>(`SELECT ${KEY_COLUMNS} FROM greenhouse_keys WHERE key_hash = $1`, [keyHash])[0];
  }

  revokeKey(id: string, at: number): boolean {
    // A key revoked twice keeps its first revocation time (as on SQLite).
    return (
      this.database.query<{ id: string }>('UPDATE greenhouse_keys SET revoked_at = COALESCE(revoked_at, $2) WHERE id = $1 RETURNING id', [
        id,
        at,
      ]).length > 0
    );
  }

  touchKey(id: string, at: number): void {
    this.database.query('UPDATE greenhouse_keys SET last_used_at = $2 WHERE id = $1', [id, at]);
  }

  createInterview(row: GreenhouseInterviewRow, tx?: Transaction): void {
    const insert = insertOf(greenhouseInterviews, 'greenhouse_interviews', row);
    this.database.query(insert.text, insert.values, tx);
  }

  interview(id: string): GreenhouseInterviewRow | undefined {
    return this.database.query<GreenhouseInterviewRow>(`SELECT ${INTERVIEW_COLUMNS} FROM greenhouse_interviews WHERE id = $1`, [id])[0];
  }

  interviewOfSession(sessionId: string, tx?: Transaction): GreenhouseInterviewRow | undefined {
    return this.database.query<GreenhouseInterviewRow>(
      `SELECT ${INTERVIEW_COLUMNS} FROM greenhouse_interviews WHERE session_id = $1`,
      [sessionId],
      tx,
    )[0];
  }

  interviews(limit: number): GreenhouseInterviewRow[] {
    return this.database.query<GreenhouseInterviewRow>(
      `SELECT ${INTERVIEW_COLUMNS} FROM greenhouse_interviews ORDER BY created_at DESC, id DESC LIMIT $1`,
      [limit],
    );
  }

  recordError(row: Omit<GreenhouseErrorRow, 'id'>): void {
    const insert = insertOf(greenhouseErrors, 'greenhouse_errors', { ...row, errors: JSON.stringify(row.errors) });
    this.database.query(insert.text, insert.values);
  }

  errors(limit: number): GreenhouseErrorRow[] {
    return this.database
      .query<Omit<GreenhouseErrorRow, 'errors'> & { errors: string }>(
        `SELECT ${ERROR_COLUMNS} FROM greenhouse_errors ORDER BY id DESC LIMIT $1`,
        [limit],
      )
      .map((row) => ({ ...row, errors: JSON.parse(row.errors) as string[] }));
  }
}

export class PgReportLinkStore implements ReportLinkStore {
  constructor(private readonly database: PgDatabase) {}

  create(row: ReportLinkRow): void {
    const insert = insertOf(reportLinks, 'report_links', row);
    this.database.query(insert.text, insert.values);
  }

  get(id: string): ReportLinkRow | undefined {
    return this.database.query<ReportLinkRow>(`SELECT ${LINK_COLUMNS} FROM report_links WHERE id = $1`, [id])[0];
  }

  forSession(sessionId: string): ReportLinkRow[] {
    return this.database.query<ReportLinkRow>(`SELECT ${LINK_COLUMNS} FROM report_links WHERE session_id = $1 ORDER BY created_at, id`, [
      sessionId,
    ]);
  }

  activeFor(sessionId: string, after: number): ReportLinkRow | undefined {
    return this.database.query<ReportLinkRow>(
      `SELECT ${LINK_COLUMNS} FROM report_links WHERE session_id = $1 AND revoked_at IS NULL AND expires_at > $2 ORDER BY expires_at DESC LIMIT 1`,
      [sessionId, after],
    )[0];
  }

  revoke(id: string, at: number): boolean {
    return (
      this.database.query<{ id: string }>('UPDATE report_links SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING id', [
        id,
        at,
      ]).length > 0
    );
  }
}
