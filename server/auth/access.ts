import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AtelierError } from '../../shared/errors';
import { INVITE_ROLES, type InviteRole } from '../../shared/roles';
import type { Clock } from '../clock';
import type { InviteRow, InviteStore } from '../db/invite-store';
import type { Participant } from '../rooms/room';
import { hashToken, sameSecret } from './tokens';

// Who is calling. Scripts send `Authorization: Bearer <admin token | invite token>`;
// browsers hold signed cookies obtained by exchanging a link's token once: `atelier_admin`
// for the admin, and one per role scoped to the session's path, so a browser can hold the
// candidate's and the interviewer's invites of one session in two tabs.

export const ADMIN_COOKIE = 'atelier_admin';
export const inviteCookieName = (role: InviteRole) => `atelier_${role}`;
export const sessionCookiePath = (sessionId: string) => `/api/sessions/${sessionId}`;

export type Caller = { kind: 'admin' } | { kind: 'invite'; invite: InviteRow };

export class Access {
  /** Put in the admin cookie: changing the admin token signs every admin out. */
  readonly adminCookieValue: string;

  constructor(
    private readonly invites: InviteStore,
    private readonly adminToken: string,
    private readonly clock: Clock,
  ) {
    this.adminCookieValue = `admin.${hashToken(adminToken).slice(0, 16)}`;
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
    if (signedCookie(request, ADMIN_COOKIE) === this.adminCookieValue) return { kind: 'admin' };
    return undefined;
  }

  requireAdmin(request: FastifyRequest): void {
    const caller = this.caller(request);
    if (!caller) throw new AtelierError('unauthorized');
    if (caller.kind !== 'admin') throw new AtelierError('forbidden', 'This needs the admin token.');
  }

  /** A participant of this session (or the admin), else 401/403/404. */
  requireParticipant(request: FastifyRequest, sessionId: string, preferredRole?: string): Participant {
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

export function clearCookie(reply: FastifyReply, name: string, path: string): void {
  reply.clearCookie(name, { path });
}
