/**
 * Counts events in a rolling window: `hit` records one and says whether the count is still
 * within `max`. Memory stays bounded: old timestamps are dropped on every call.
 */
export class RateWindow {
  private readonly hits: number[] = [];

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  hit(now: number): boolean {
    this.prune(now);
    if (this.hits.length >= this.max) return false;
    this.hits.push(now);
    return true;
  }

  isFull(now: number): boolean {
    this.prune(now);
    return this.hits.length >= this.max;
  }

  get empty(): boolean {
    return this.hits.length === 0;
  }

  private prune(now: number): void {
    while (this.hits.length > 0 && this.hits[0]! <= now - this.windowMs) this.hits.shift();
  }
}
