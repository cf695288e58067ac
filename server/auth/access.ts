import type {} from '@fastify/cookie';
import type { FastifyRequest } from 'fastify';
import { AtelierError } from '../../shared/errors';
import { INVITE_ROLES, type AccountRole, type InviteRole } from '../../shared/roles';
import type { Clock } from '../clock';
import type { AccountRow, AccountStore } from '../db/account-store';
import type { AccountSessionRow, AccountSessionStore } from '../db/account-session-store';
import type { AdminSessionStore } from '../db/admin-session-store';
import type { AuditActor } from '../db/audit-store';
import type { InviteRow, InviteStore } from '../db/invite-store';
import type { Member } from '../rooms/member';
import { API_TOKEN_PREFIX, type ApiTokens } from './api-tokens';
import { CredentialRefused } from './credential-refused';
import { hashToken, newToken, sameSecret } from './tokens';

// Who is calling. Scripts send `Authorization: Bearer <admin token | invite token | API token>`;
// browsers hold signed cookies obtained by exchanging a link's token once: `atelier_admin`
// for the admin (a random sign-in id, known to the server until sign-out), and one per role
// scoped to the session's path, so a browser can hold the candidate's and the interviewer's
// invites of one session in two tabs. A staff account signed in (password or SSO) holds
// `atelier_account`, a random id whose hash keys its server-side record; its scripts send one
// of its personal API tokens (api-tokens.ts), which act with the roles the account holds now.

export const ADMIN_COOKIE = 'atelier_admin';
export const ACCOUNT_COOKIE = 'atelier_account';
/** How long an admin sign-in lasts, on the server and in the cookie. */
export const ADMIN_SIGN_IN_SECONDS = 7 * 86_400;
/** How long an account's sign-in lasts. */
export const ACCOUNT_SIGN_IN_SECONDS = 7 * 86_400;
export const inviteCookieName = (role: InviteRole) => `atelier_${role}`;
export const sessionCookiePath = (sessionId: string) => `/api/sessions/${sessionId}`;

export type SignInMethod = 'password' | 'oidc' | 'setup';

/** The admin token (bearer or its cookie), a staff account (signed in, or one of its API tokens), or an invite's holder. */
export type Caller =
  | { kind: 'admin' }
  | { kind: 'account'; account: AccountRow; via: 'sign_in'; signIn: AccountSessionRow }
  | { kind: 'account'; account: AccountRow; via: 'api_token'; tokenId: string }
  | { kind: 'invite'; invite: InviteRow };

/** Who did an admin action, for the audit log: the bootstrap token, or a named account. */
export type AdminActor = Exclude<AuditActor, { kind: 'system' }>;

export class Access {
  constructor(
    private readonly invites: InviteStore,
    private readonly adminSessions: AdminSessionStore,
    private readonly accounts: AccountStore,
    private readonly accountSessions: AccountSessionStore,
    private readonly apiTokens: ApiTokens,
    private readonly adminToken: string,
    private readonly clock: Clock,
  ) {}

  /** The actor `requireAdmin` found for a request, so the audit entry needs no second look-up. */
  private readonly admins = new WeakMap<FastifyRequest, AdminActor>();

  /** Opens an admin sign-in; returns the random id the cookie carries. */
  openAdminSession(): string {
    const id = newToken();
    const now = this.clock.now();
    this.adminSessions.closeExpired(now);
    this.adminSessions.open(this.adminSessionKey(id), now, now + ADMIN_SIGN_IN_SECONDS * 1000);
    return id;
  }

  /** Opens a server-side sign-in for an account; returns the random id its cookie carries. */
  openAccountSession(accountId: string, method: SignInMethod): string {
    const id = newToken();
    const now = this.clock.now();
    this.accountSessions.closeExpired(now);
    this.accountSessions.open({
      keyHash: hashToken(id),
      accountId,
      method,
      createdAt: now,
      expiresAt: now + ACCOUNT_SIGN_IN_SECONDS * 1000,
    });
    return id;
  }

  /** Signs this browser out on the server (admin and account): a copy of its cookies stops working too. */
  closeSignIns(request: FastifyRequest): void {
    const adminId = signedCookie(request, ADMIN_COOKIE);
    if (adminId) this.adminSessions.close(this.adminSessionKey(adminId));
    const accountId = signedCookie(request, ACCOUNT_COOKIE);
    if (accountId) this.accountSessions.close(hashToken(accountId));
  }

  /** Keyed by the id and the token: changing the admin token signs every admin out. */
  private adminSessionKey(id: string): string {
    return hashToken(`${id}:${this.adminToken}`);
  }

  isAdminToken(token: string): boolean {
    return sameSecret(token, this.adminToken);
  }

  /** The invite a token opens, if it is known, not revoked and not expired. */
  inviteForToken(token: string): InviteRow | undefined {
    const invite = this.invites.byTokenHash(hashToken(token));
    return invite && this.usable(invite) ? invite : undefined;
  }

  inviteById(id: string): InviteRow | undefined {
    const invite = this.invites.byId(id);
    return invite && this.usable(invite) ? invite : undefined;
  }

  /** Not revoked, not expired, and, when scheduled for an account, that account is active. */
  usable(invite: InviteRow): boolean {
    if (invite.revokedAt !== null || invite.expiresAt <= this.clock.now()) return false;
    return invite.accountId === null || this.accounts.byId(invite.accountId)?.active === true;
  }

  /** The account a browser's account cookie is signed in as, if the sign-in is open and the account active. */
  accountSignIn(request: FastifyRequest): { account: AccountRow; signIn: AccountSessionRow } | undefined {
    const id = signedCookie(request, ACCOUNT_COOKIE);
    const signIn = id ? this.accountSessions.get(hashToken(id), this.clock.now()) : undefined;
    const account = signIn ? this.accounts.byId(signIn.accountId) : undefined;
    return account?.active && signIn ? { account, signIn } : undefined;
  }

  /** The caller, or undefined when the request carries no valid credential. */
  caller(request: FastifyRequest, sessionId?: string, preferredRole?: string): Caller | undefined {
    const bearer = bearerToken(request);
    if (bearer !== undefined) {
      if (this.isAdminToken(bearer)) return { kind: 'admin' };
      if (bearer.startsWith(API_TOKEN_PREFIX)) {
        const found = this.apiTokens.resolve(bearer);
        return found ? { kind: 'account', account: found.account, via: 'api_token', tokenId: found.tokenId } : undefined;
      }
      const invite = this.inviteForToken(bearer);
      return invite ? { kind: 'invite', invite } : undefined;
    }
    if (sessionId) {
      const asked = INVITE_ROLES.find((role) => role === preferredRole);
      for (const role of asked ? [asked] : INVITE_ROLES) {
        const id = signedCookie(request, inviteCookieName(role));
        const invite = id ? this.inviteById(id) : undefined;
        if (invite && invite.sessionId === sessionId && invite.role === role) return { kind: 'invite', invite };
      }
    }
    const signedIn = this.accountSignIn(request);
    if (signedIn) return { kind: 'account', account: signedIn.account, via: 'sign_in', signIn: signedIn.signIn };
    const adminId = signedCookie(request, ADMIN_COOKIE);
    if (adminId && this.adminSessions.isOpen(this.adminSessionKey(adminId), this.clock.now())) return { kind: 'admin' };
    return undefined;
  }

  /** The admin token, or an account with the admin role; else 401/403 (counted by the sign-in guard). */
  requireAdmin(request: FastifyRequest): AdminActor {
    const known = this.admins.get(request);
    if (known) return known;
    const caller = this.caller(request);
    if (!caller) throw new AtelierError('unauthorized');
    if (caller.kind === 'invite') throw new AtelierError('forbidden', 'This needs the admin token.');
    if (caller.kind === 'account' && !caller.account.roles.includes('admin'))
      throw new CredentialRefused('forbidden', 'This needs an account with the admin role.');
    const actor: AdminActor =
      caller.kind === 'admin'
        ? { kind: 'admin_token' }
        : { kind: 'account', accountId: caller.account.id, name: caller.account.name, via: caller.via };
    this.admins.set(request, actor);
    return actor;
  }

  /** A staff account, signed in or through one of its API tokens (any role, or none), else 401. */
  requireAccount(request: FastifyRequest): Extract<Caller, { kind: 'account' }> {
    const caller = this.caller(request);
    if (caller?.kind !== 'account') throw new AtelierError('unauthorized', 'Sign in with your account.');
    return caller;
  }

  /** A participant of this session (or the admin), else 401/403/404. */
  requireParticipant(request: FastifyRequest, sessionId: string, preferredRole?: string): Member {
    const caller = this.caller(request, sessionId, preferredRole);
    if (!caller) throw new AtelierError('unauthorized');
    if (caller.kind === 'admin') return { participantId: 'admin', inviteId: null, role: 'admin', name: null, accountId: null };
    if (caller.kind === 'account') {
      const member = this.accountMember(caller.account, sessionId, preferredRole);
      return caller.via === 'api_token' ? { ...member, apiTokenId: caller.tokenId } : member;
    }
    // Another session's invite learns nothing about this one, not even that it exists.
    if (caller.invite.sessionId !== sessionId) throw new AtelierError('not_found', 'No such session.');
    return inviteMember(caller.invite, caller.invite.accountId ? this.accounts.byId(caller.invite.accountId) : undefined);
  }

  /**
   * An account opens a session as the admin (with the admin role), or through an invite that
   * was scheduled for it, in a role it still holds.
   */
  private accountMember(account: AccountRow, sessionId: string, preferredRole?: string): Member {
    if (account.roles.includes('admin'))
      return { participantId: account.id, inviteId: null, role: 'admin', name: account.name, accountId: account.id };
    const mine = this.invites.forAccount(account.id).filter((invite) => invite.sessionId === sessionId && this.usable(invite));
    if (mine.length === 0) throw new CredentialRefused('not_found', 'No such session.');
    const held = mine.filter((invite) => account.roles.includes(invite.role as AccountRole));
    if (held.length === 0) throw new CredentialRefused('forbidden', 'Your account no longer has the role this session was scheduled with.');
    const invite = held.find((i) => i.role === preferredRole) ?? held[0]!;
    return inviteMember(invite, account);
  }
}

function inviteMember(invite: InviteRow, account: AccountRow | undefined): Member {
  // An account's current name, so that a rename shows on what it does from then on.
  return {
    // A re-sent invite is the same person: it keeps the participant id of the one it replaced.
    participantId: invite.participantId ?? invite.id,
    inviteId: invite.id,
    role: invite.role,
    name: account?.name ?? invite.name,
    accountId: invite.accountId,
  };
}

export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : '';
}

function signedCookie(request: FastifyRequest, name: string): string | undefined {
  const raw = request.cookies[name];
  if (!raw) return undefined;
  const result = request.unsignCookie(raw);
  return result.valid && result.value !== null ? result.value : undefined;
}

export function cookieOptions(request: FastifyRequest, path: string, maxAgeSeconds: number) {
  return {
    path,
    httpOnly: true,
    sameSite: 'strict' as const,
    // Secure whenever the user reached us over HTTPS (directly or behind a proxy that says so).
    secure: request.protocol === 'https',
    signed: true,
    maxAge: maxAgeSeconds,
  };
}
