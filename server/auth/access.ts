import type {} from '@fastify/cookie';
import type { FastifyRequest } from 'fastify';
import { AtelierError } from '../../shared/errors';
import { INVITE_ROLES, type InviteRole } from '../../shared/roles';
import type { Clock } from '../clock';
import type { AdminSessionStore } from '../db/admin-session-store';
import type { InviteRow, InviteStore } from '../db/invite-store';
import type { Member } from '../rooms/member';
import { hashToken, newToken, sameSecret } from './tokens';

// Who is calling. Scripts send `Authorization: Bearer <admin token | invite token>`;
// browsers hold signed cookies obtained by exchanging a link's token once: `atelier_admin`
// for the admin (a random sign-in id, known to the server until sign-out), and one per role
// scoped to the session's path, so a browser can hold the candidate's and the interviewer's
// invites of one session in two tabs.

export const ADMIN_COOKIE = 'atelier_admin';
/** How long an admin sign-in lasts, on the server and in the cookie. */
export const ADMIN_SIGN_IN_SECONDS = 7 * 86_400;
export const inviteCookieName = (role: InviteRole) => `atelier_${role}`;
export const sessionCookiePath = (sessionId: string) => `/api/sessions/${sessionId}`;

export type Caller = { kind: 'admin' } | { kind: 'invite'; invite: InviteRow };

export class Access {
  constructor(
    private readonly invites: InviteStore,
    private readonly adminSessions: AdminSessionStore,
    private readonly adminToken: string,
    private readonly clock: Clock,
  ) {}

  /** Opens an admin sign-in; returns the random id the cookie carries. */
  openAdminSession(): string {
    const id = newToken();
    const now = this.clock.now();
    this.adminSessions.closeExpired(now);
    this.adminSessions.open(this.adminSessionKey(id), now, now + ADMIN_SIGN_IN_SECONDS * 1000);
    return id;
  }

  /** Signs this browser's admin out on the server: a copy of its cookie stops working too. */
  closeAdminSession(request: FastifyRequest): void {
    const id = signedCookie(request, ADMIN_COOKIE);
    if (id) this.adminSessions.close(this.adminSessionKey(id));
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

  usable(invite: InviteRow): boolean {
    return invite.revokedAt === null && invite.expiresAt > this.clock.now();
  }

  /** The caller, or undefined when the request carries no valid credential. */
  caller(request: FastifyRequest, sessionId?: string, preferredRole?: string): Caller | undefined {
    const bearer = bearerToken(request);
    if (bearer !== undefined) {
      if (this.isAdminToken(bearer)) return { kind: 'admin' };
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
    const adminId = signedCookie(request, ADMIN_COOKIE);
    if (adminId && this.adminSessions.isOpen(this.adminSessionKey(adminId), this.clock.now())) return { kind: 'admin' };
    return undefined;
  }

  requireAdmin(request: FastifyRequest): void {
    const caller = this.caller(request);
    if (!caller) throw new AtelierError('unauthorized');
    if (caller.kind !== 'admin') throw new AtelierError('forbidden', 'This needs the admin token.');
  }

  /** A participant of this session (or the admin), else 401/403/404. */
  requireParticipant(request: FastifyRequest, sessionId: string, preferredRole?: string): Member {
    const caller = this.caller(request, sessionId, preferredRole);
    if (!caller) throw new AtelierError('unauthorized');
    if (caller.kind === 'admin') return { participantId: 'admin', inviteId: null, role: 'admin', name: null };
    // Another session's invite learns nothing about this one, not even that it exists.
    if (caller.invite.sessionId !== sessionId) throw new AtelierError('not_found', 'No such session.');
    return { participantId: caller.invite.id, inviteId: caller.invite.id, role: caller.invite.role, name: caller.invite.name };
  }
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

