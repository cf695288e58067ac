import type { ApiTokenRow, ApiTokenStore } from '../api-token-store';
import type { Transaction } from '../database';
import { insertOf, selectList } from './columns';
import type { PgDatabase } from './pg-database';
import { apiTokens } from './schema';

// The PostgreSQL twin of api-token-store.ts: the same interface.

const COLUMNS = selectList(apiTokens);

export class PgApiTokenStore implements ApiTokenStore {
  constructor(private readonly database: PgDatabase) {}

  create(row: ApiTokenRow, tx?: Transaction): void {
    const insert = insertOf(apiTokens, 'api_tokens', row);
    this.database.query(insert.text, insert.values, tx);
  }

  byId(id: string): ApiTokenRow | undefined {
    return this.database.query<ApiTokenRow>(`SELECT ${COLUMNS} FROM api_tokens WHERE id = $1`, [id])[0];
  }

  active(accountId: string): ApiTokenRow[] {
    return this.database.query<ApiTokenRow>(
      `SELECT ${COLUMNS} FROM api_tokens WHERE account_id = $1 AND revoked_at IS NULL ORDER BY created_at DESC, id COLLATE "C" DESC`,
      [accountId],
    );
  }

  countActive(accountId: string): number {
    const rows = this.database.query<{ n: number }>('SELECT count(*) AS n FROM api_tokens WHERE account_id = $1 AND revoked_at IS NULL', [
      accountId,
    ]);
    return Number(rows[0]?.n ?? 0);
  }

  revoke(id: string, accountId: string, at: number, tx?: Transaction): boolean {
    return (
      this.database.query(
        'UPDATE api_tokens SET revoked_at = $3 WHERE id = $1 AND account_id = $2 AND revoked_at IS NULL RETURNING id',
        [id, accountId, at],
        tx,
      ).length > 0
    );
  }

  revokeForAccount(accountId: string, at: number, tx?: Transaction): number {
    return this.database.query(
      'UPDATE api_tokens SET revoked_at = $2 WHERE account_id = $1 AND revoked_at IS NULL RETURNING id',
      [accountId, at],
      tx,
    ).length;
  }

  touch(id: string, at: number): void {
    this.database.query('UPDATE api_tokens SET last_used_at = $2 WHERE id = $1', [id, at]);
  }
}
