import type { AccountSessionRow, AccountSessionStore } from '../account-session-store';
import type { AccountChanges, AccountRow, AccountStore } from '../account-store';
import type { Transaction } from '../database';
import type { accounts as sqliteAccounts } from '../schema';
import { insertOf, selectList } from './columns';
import type { PgDatabase } from './pg-database';
import { accounts, accountSessions } from './schema';

// The PostgreSQL twins of account-store.ts and account-session-store.ts: the same interfaces.
// Roles are a JSON array in a text column, as on SQLite; rows come back with it parsed.

const ACCOUNT_COLUMNS = selectList(accounts);
const ACCOUNT_SESSION_COLUMNS = selectList(accountSessions);

type StoredAccount = Omit<AccountRow, 'roles'> & { roles: string };
const parsed = (row: StoredAccount | undefined): AccountRow | undefined =>
  row ? { ...row, roles: JSON.parse(row.roles) as AccountRow['roles'] } : undefined;

/** Column names of the fields an update may set, from the schema. */
const UPDATABLE: Record<keyof AccountChanges, string> = {
  name: accounts.name.name,
  roles: accounts.roles.name,
  active: accounts.active.name,
  passwordHash: accounts.passwordHash.name,
  oidcIssuer: accounts.oidcIssuer.name,
  oidcSubject: accounts.oidcSubject.name,
};

export class PgAccountStore implements AccountStore {
  constructor(private readonly database: PgDatabase) {}

  create(row: typeof sqliteAccounts.$inferInsert, tx?: Transaction): void {
    const insert = insertOf(accounts, 'accounts', { ...row, email: row.email.toLowerCase(), roles: JSON.stringify(row.roles) });
    this.database.query(insert.text, insert.values, tx);
  }

  byId(id: string): AccountRow | undefined {
    return parsed(this.database.query<StoredAccount>(`SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE id = $1`, [id])[0]);
  }

  byEmail(email: string): AccountRow | undefined {
    return parsed(this.database.query<StoredAccount>(`SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE email = $1`, [email.toLowerCase()])[0]);
  }

  byOidcSubject(issuer: string, subject: string): AccountRow | undefined {
    return parsed(
      this.database.query<StoredAccount>(`SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE oidc_issuer = $1 AND oidc_subject = $2`, [
        issuer,
        subject,
      ])[0],
    );
  }

  list(): AccountRow[] {
    return this.database
      .query<StoredAccount>(`SELECT ${ACCOUNT_COLUMNS} FROM accounts ORDER BY created_at, id COLLATE "C"`)
      .map((row) => parsed(row)!);
  }

  count(): number {
    return Number(this.database.query<{ n: string }>('SELECT count(*) AS n FROM accounts')[0]?.n ?? 0);
  }

  update(id: string, changes: AccountChanges, at: number, tx?: Transaction): void {
    const sets: string[] = [];
    const values: unknown[] = [id, at];
    for (const [key, value] of Object.entries(changes) as [keyof AccountChanges, unknown][]) {
      if (value === undefined) continue;
      values.push(key === 'roles' ? JSON.stringify(value) : value);
      sets.push(`"${UPDATABLE[key]}" = $${values.length}`);
    }
    this.database.query(`UPDATE accounts SET ${[...sets, 'updated_at = $2'].join(', ')} WHERE id = $1`, values, tx);
  }
}

export class PgAccountSessionStore implements AccountSessionStore {
  constructor(private readonly database: PgDatabase) {}

  open(row: AccountSessionRow, tx?: Transaction): void {
    const insert = insertOf(accountSessions, 'account_sessions', row);
    this.database.query(insert.text, insert.values, tx);
  }

  get(keyHash: string, now: number): AccountSessionRow | undefined {
    return this.database.query<AccountSessionRow>(
      `SELECT ${ACCOUNT_SESSION_COLUMNS} FROM account_sessions WHERE key_hash = $1 AND expires_at > $2`,
      [keyHash, now],
    )[0];
  }

  close(keyHash: string, tx?: Transaction): void {
    this.database.query('DELETE FROM account_sessions WHERE key_hash = $1', [keyHash], tx);
  }

  closeForAccount(accountId: string, tx?: Transaction): number {
    return this.database.query('DELETE FROM account_sessions WHERE account_id = $1 RETURNING key_hash', [accountId], tx).length;
  }

  closeExpired(now: number, tx?: Transaction): void {
    this.database.query('DELETE FROM account_sessions WHERE expires_at <= $1', [now], tx);
  }
}
