import type { ApiToken } from '../../shared/api/me';
import { AtelierError } from '../../shared/errors';
import type { Clock } from '../clock';
import type { AccountRow, AccountStore } from '../db/account-store';
import type { ApiTokenRow, ApiTokenStore } from '../db/api-token-store';
import type { Transaction } from '../db/database';
import { newId } from '../ids';
import { CredentialRefused } from './credential-refused';
import { hashToken, newToken, sameSecret } from './tokens';

// Personal API tokens: `atl_` + the token's id (16 characters) + 256 random bits. The id finds
// the row; the SHA-256 of the whole token, compared in constant time, proves it. Only the hash
// is stored, so the token is shown once, when it is made. A token acts as its account with the
// roles the account holds at each request: a withdrawn role is withdrawn from its tokens too.

export const API_TOKEN_PREFIX = 'atl_';
const ID_CHARS = 16;
const SECRET_CHARS = 43;
/** Live tokens per account: enough for every script a person runs, few enough to review. */
export const MAX_API_TOKENS = 20;
/** `lastUsedAt` is written at most this often per token, not at every request. */
const LAST_USED_RESOLUTION_MS = 60_000;

export class ApiTokens {
  constructor(private readonly deps: { tokens: ApiTokenStore; accounts: AccountStore; clock: Clock }) {}

  /** Makes a token for the account; the secret is returned here and never again. */
  issue(accountId: string, name: string): { secret: string; token: ApiToken } {
    if (this.deps.tokens.countActive(accountId) >= MAX_API_TOKENS)
      throw new AtelierError('conflict', `An account holds at most ${MAX_API_TOKENS} API tokens; revoke one first.`);
    const id = newId();
    const secret = `${API_TOKEN_PREFIX}${id}${newToken()}`;
    const row: ApiTokenRow = {
      id,
      accountId,
      label: name.trim(),
      tokenHash: hashToken(secret),
      createdAt: this.deps.clock.now(),
      lastUsedAt: null,
      revokedAt: null,
    };
    this.deps.tokens.create(row);
    return { secret, token: apiTokenView(row) };
  }

  list(accountId: string): ApiToken[] {
    return this.deps.tokens.active(accountId).map(apiTokenView);
  }

  /** Revokes one of the account's own tokens. Another account's token is "no such token", and counted as a failed attempt. */
  revoke(accountId: string, id: string, tx?: Transaction): void {
    if (!this.deps.tokens.revoke(id, accountId, this.deps.clock.now(), tx)) throw new CredentialRefused('not_found', 'No such API token.');
  }

  /** The account a token acts as: a token that exists, matches, is not revoked, of an active account. */
  resolve(secret: string): { account: AccountRow; tokenId: string } | undefined {
    if (!secret.startsWith(API_TOKEN_PREFIX) || secret.length !== API_TOKEN_PREFIX.length + ID_CHARS + SECRET_CHARS) return undefined;
    const row = this.deps.tokens.byId(secret.slice(API_TOKEN_PREFIX.length, API_TOKEN_PREFIX.length + ID_CHARS));
    if (!row || !sameSecret(row.tokenHash, hashToken(secret)) || row.revokedAt !== null) return undefined;
    const account = this.deps.accounts.byId(row.accountId);
    if (!account?.active) return undefined;
    const now = this.deps.clock.now();
    if (row.lastUsedAt === null || now - row.lastUsedAt >= LAST_USED_RESOLUTION_MS) this.deps.tokens.touch(row.id, now);
    return { account, tokenId: row.id };
  }
}

/** What a list shows of a token: never its hash. The prefix is the part of the token that names it. */
export function apiTokenView(row: ApiTokenRow): ApiToken {
  return {
    id: row.id,
    name: row.label,
    prefix: `${API_TOKEN_PREFIX}${row.id.slice(0, 8)}`,
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
  };
}
