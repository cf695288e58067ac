// The server's clock as seen from here: the local clock plus the offset learnt from
// `welcome.now` and `pong.now`, ticking once a second for countdowns.

export class ServerClock {
  offsetMs = $state(0);
  #localNow = $state(Date.now());
  now: number = $derived(this.#localNow + this.offsetMs);

  /** Records the server time a frame carried; half the round trip is not worth the noise here. */
  observe(serverNow: number): void {
    this.offsetMs = serverNow - Date.now();
    this.#localNow = Date.now();
  }

  /** Ticks while something displays the clock; returns the stop function for an $effect. */
  tick(intervalMs = 1000): () => void {
    const timer = setInterval(() => {
      this.#localNow = Date.now();
    }, intervalMs);
    return () => clearInterval(timer);
  }
}
