import { createContext } from 'svelte';
import type { InviteRole } from '$shared/roles';
import { LiveConnection } from './live-connection.svelte';
import { ServerClock } from './server-clock.svelte';
import { SessionStore } from './session-store.svelte';

// Everything a session view needs, created once per view and handed down by context.

export class LiveSession {
  readonly store = new SessionStore();
  readonly clock = new ServerClock();
  readonly connection: LiveConnection;
  readonly sessionId: string;
  readonly role: InviteRole;

  constructor(sessionId: string, role: InviteRole) {
    this.sessionId = sessionId;
    this.role = role;
    this.connection = new LiveConnection({ sessionId, role, store: this.store, clock: this.clock });
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

const [getLiveSessionContext, setLiveSessionContext] = createContext<LiveSession>();
export { getLiveSessionContext, setLiveSessionContext };
