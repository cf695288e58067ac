import type { InviteRole } from '$shared/roles';
import { eraseSession, getSession, issueInvite, resendInvite, revokeInvite } from '../api/admin-endpoints';
import type { IssuedInvite, ResentInvite } from '$shared/api/invites';
import type { SessionDetail } from '$shared/api/sessions';
import { AdminPageState, type OnUnauthorized } from './page-state.svelte';

// One session's admin page: its summary and invites, revoking, re-sending, issuing and erasing.

export class SessionDetailPage extends AdminPageState {
  readonly sessionId: string;
  session: SessionDetail | null = $state.raw(null);
  /** The invite just issued: its link is shown this once. */
  issued: IssuedInvite | null = $state.raw(null);
  /** The invite just re-sent: the new link, shown this once, and whether it was emailed. */
  resent: ResentInvite | null = $state.raw(null);
  erased = $state(false);

  constructor(sessionId: string, onUnauthorized: OnUnauthorized) {
    super(onUnauthorized);
    this.sessionId = sessionId;
  }

  load(): Promise<boolean> {
    return this.run(async () => {
      this.session = await getSession(this.sessionId);
    });
  }

  revoke(inviteId: string): Promise<boolean> {
    return this.run(async () => {
      await revokeInvite(inviteId);
      this.session = await getSession(this.sessionId);
    });
  }

  /** A new link for the same person and role; the old one stops working. */
  resend(inviteId: string): Promise<boolean> {
    return this.run(async () => {
      this.issued = null;
      this.resent = await resendInvite(inviteId);
      this.session = await getSession(this.sessionId);
    });
  }

  issue(input: { role: InviteRole; name: string; ttlHours: number | null }): Promise<boolean> {
    return this.run(async () => {
      const name = input.name.trim();
      this.resent = null;
      this.issued = await issueInvite(this.sessionId, {
        role: input.role,
        ...(name ? { name } : {}),
        ...(input.ttlHours ? { ttlHours: input.ttlHours } : {}),
      });
      this.session = await getSession(this.sessionId);
    });
  }

  erase(): Promise<boolean> {
    return this.run(async () => {
      await eraseSession(this.sessionId);
      this.erased = true;
      this.session = null;
    });
  }
}
