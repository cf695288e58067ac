import { createContext } from 'svelte';
import type { InviteRole } from '$shared/roles';
import { LiveSocket } from './live-socket.svelte';
import { ServerClock } from './server-clock.svelte';
import { SessionReplica } from './session-replica.svelte';

// Everything a session view needs, created once per view and handed down by context.

export class SessionFeed {
  readonly store = new SessionReplica();
  readonly clock = new ServerClock();
  readonly connection: LiveSocket;
  readonly sessionId: string;
  readonly role: InviteRole;

  constructor(sessionId: string, role: InviteRole) {
    this.sessionId = sessionId;
    this.role = role;
    this.connection = new LiveSocket({ sessionId, role, store: this.store, clock: this.clock });
  }

  get state() {
    return this.store.state;
  }

  /**
   * Milliseconds left before the deadline by the server's clock; null before the start.
   * The server's now is at least the time of the last event it sent (the clock ticks once a second).
   */
  remainingMs: number | null = $derived(
    this.store.state.deadline === null ? null : this.store.state.deadline - Math.max(this.clock.now, this.store.state.at),
  );
}

const [getSessionFeedContext, setSessionFeedContext] = createContext<SessionFeed>();
export { getSessionFeedContext, setSessionFeedContext };
