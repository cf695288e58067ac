import type { Account, CreateAccountBody, UpdateAccountBody } from '../../shared/api/accounts';
import { AtelierError } from '../../shared/errors';
import { CLOSE_CODES } from '../../shared/protocol';
import type { AccountRole } from '../../shared/roles';
import type { Clock } from '../clock';
import type { AccountRow, AccountStore } from '../db/account-store';
import type { AccountSessionStore } from '../db/account-session-store';
import type { ApiTokenStore } from '../db/api-token-store';
import type { Database } from '../db/database';
import { newId } from '../ids';
import type { SessionRooms } from '../rooms/session-rooms';
import type { OidcIdentity } from '../auth/oidc';
import { hashPassword } from '../auth/passwords';

// Staff accounts as the admin manages them. Deactivation is the one place a person is removed:
// it signs them out everywhere, revokes their API tokens, closes their sockets at once, and
// stops the invites that were scheduled for them; their id and name stay on everything they wrote.

export function accountView(row: AccountRow): Account {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    roles: row.roles,
    active: row.active,
    password: row.passwordHash !== null,
    sso: row.oidcSubject !== null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export class AccountDirectory {
  constructor(
    private readonly deps: {
      accounts: AccountStore;
      accountSessions: AccountSessionStore;
      apiTokens: ApiTokenStore;
      rooms: SessionRooms;
      database: Database;
      clock: Clock;
    },
  ) {}

  list(): AccountRow[] {
    return this.deps.accounts.list();
  }

  get(id: string): AccountRow {
    const row = this.deps.accounts.byId(id);
    if (!row) throw new AtelierError('not_found', 'No such account.');
    return row;
  }

  /** Whether an active account holds the admin role. */
  hasAdmin(): boolean {
    return this.deps.accounts.list().some((a) => a.active && a.roles.includes('admin'));
  }

  /** The one-time admin link's account: refused once an admin account exists. */
  createFirstAdmin(input: { email: string; name: string; password: string }): Promise<AccountRow> {
    return this.create({ ...input, roles: ['admin'] }, () => {
      if (this.hasAdmin()) throw new AtelierError('conflict', 'The first admin account exists already; sign in with it.');
    });
  }

  /**
   * The account an identity provider's sign-in opens: the one linked to this subject, else the
   * one with this email (linked now), else a new one with no role (or the claim's roles).
   * A deactivated account, or an email already linked to another subject, is refused.
   */
  async signInWithOidc(identity: OidcIdentity): Promise<{ account: AccountRow; created: boolean }> {
    const { accounts, clock } = this.deps;
    let created = false;
    let account = accounts.byOidcSubject(identity.issuer, identity.subject);
    if (!account) {
      const byEmail = accounts.byEmail(identity.email);
      if (byEmail && byEmail.oidcSubject !== null)
        throw new AtelierError('unauthorized', 'This email belongs to another identity at the provider.');
      if (byEmail) {
        accounts.update(byEmail.id, { oidcIssuer: identity.issuer, oidcSubject: identity.subject }, clock.now());
        account = this.get(byEmail.id);
      } else {
        account = await this.create({
          email: identity.email,
          name: identity.name,
          roles: identity.roles ?? [],
          oidc: { issuer: identity.issuer, subject: identity.subject },
        });
        created = true;
      }
    }
    if (!account.active) throw new AtelierError('unauthorized', 'This account is deactivated.');
    if (identity.roles !== undefined && !sameRoles(identity.roles, account.roles)) {
      // The provider's claim is the source of truth for roles when it is configured and present.
      account = (await this.update(account.id, { roles: identity.roles })).account;
    }
    return { account, created };
  }

  async create(input: CreateAccountBody & { oidc?: { issuer: string; subject: string } }, precondition?: () => void): Promise<AccountRow> {
    const email = input.email.trim().toLowerCase();
    const passwordHash = input.password !== undefined ? await hashPassword(input.password) : null;
    // After the hash (which awaits): the checks and the insert run without a gap.
    precondition?.();
    if (this.deps.accounts.byEmail(email)) throw new AtelierError('conflict', 'An account with that email exists already.');
    const now = this.deps.clock.now();
    const id = newId();
    this.deps.accounts.create({
      id,
      email,
      name: input.name.trim() || email,
      roles: uniqueRoles(input.roles),
      active: true,
      passwordHash,
      oidcIssuer: input.oidc?.issuer ?? null,
      oidcSubject: input.oidc?.subject ?? null,
      createdAt: now,
      updatedAt: now,
    });
    return this.get(id);
  }

  /** Applies an admin's change; returns the account and what changed (for the audit log). */
  async update(id: string, changes: UpdateAccountBody): Promise<{ account: AccountRow; changed: string[]; tokensRevoked: number }> {
    this.get(id);
    const passwordHash = changes.password !== undefined ? await hashPassword(changes.password) : undefined;
    const before = this.get(id);
    const next = {
      ...(changes.name !== undefined ? { name: changes.name.trim() || before.name } : {}),
      ...(changes.roles !== undefined ? { roles: uniqueRoles(changes.roles) } : {}),
      ...(changes.active !== undefined ? { active: changes.active } : {}),
      ...(passwordHash !== undefined ? { passwordHash } : {}),
    };
    const changed = Object.keys(next).map((key) => (key === 'passwordHash' ? 'password' : key));
    const signOut = changes.active === false || passwordHash !== undefined;
    let tokensRevoked = 0;
    this.deps.database.transaction((tx) => {
      const now = this.deps.clock.now();
      this.deps.accounts.update(id, next, now, tx);
      // A new password or a deactivation ends every sign-in this account had.
      if (signOut) this.deps.accountSessions.closeForAccount(id, tx);
      // Deactivation also ends its tokens for good: reactivating the account does not bring them back.
      if (changes.active === false) tokensRevoked = this.deps.apiTokens.revokeForAccount(id, now, tx);
    });
    if (changes.active === false || changes.roles !== undefined) {
      // At once, not at the next reconnect: a deactivated person or a withdrawn role sees nothing more.
      this.deps.rooms.closeAccount(id, CLOSE_CODES.unauthorized);
    }
    return { account: this.get(id), changed, tokensRevoked };
  }
}

function sameRoles(a: readonly AccountRole[], b: readonly AccountRole[]): boolean {
  return a.length === b.length && a.every((role) => b.includes(role));
}

function uniqueRoles(roles: readonly AccountRole[]): AccountRole[] {
  return [...new Set(roles)];
}
