import type { SessionEvent } from '$shared/events';
import { reduce } from '$shared/reducer';
import { initialState, type SessionState } from '$shared/state';

// The one session state of a view, fed by the shared reducer whether events arrive live
// or, later, from a recording. State is replaced, never mutated, so it is held raw.


export class SessionStore {
  state: SessionState = $state.raw(initialState());

  get headSeq(): number {
    return this.state.headSeq;
  }

  /**
   * Applies an event unless it is already held. Seqs may skip: a candidate never receives
   * staff-only events, so a hole is not an error here.
   */
  apply(event: SessionEvent): boolean {
    if (event.seq <= this.state.headSeq) return false;
    this.state = reduce(this.state, event);
    return true;
  }

  reset(): void {
    this.state = initialState();
  }
}
