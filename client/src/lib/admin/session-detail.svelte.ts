import type { InviteRole } from '$shared/roles';
import { eraseSession, getSession, issueInvite, revokeInvite } from '../api/admin-endpoints';
import type { IssuedInvite } from '$shared/api/invites';
import type { SessionDetail } from '$shared/api/sessions';
import { AdminPageState, type OnUnauthorized } from './page-state.svelte';

// One session's admin page: its summary and invites, revoking, issuing and erasing.

export class SessionDetailPage extends AdminPageState {
  readonly sessionId: string;
  session: SessionDetail | null = $state.raw(null);
  /** The invite just issued: its link is shown this once. */
  issued: IssuedInvite | null = $state.raw(null);
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

  issue(input: { role: InviteRole; name: string; ttlHours: number | null }): Promise<boolean> {
    return this.run(async () => {
      const name = input.name.trim();
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
