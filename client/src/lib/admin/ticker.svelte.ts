// A clock that ticks once a second while something listens, for countdowns on the dashboard.

export class Ticker {
  now = $state(Date.now());

  /** Starts ticking; returns the stop function for an $effect. */
  start(intervalMs = 1000): () => void {
    const timer = setInterval(() => (this.now = Date.now()), intervalMs);
    return () => clearInterval(timer);
  }
}
