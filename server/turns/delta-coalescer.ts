// Provider deltas arrive a token at a time; the log records them in batches. The first
// delta goes out at once (time to first token is what users feel), later ones on a time or
// size threshold, so a turn writes a few dozen events rather than thousands.

export interface CoalescerOptions {
  intervalMs: number;
  maxChars: number;
}

export class DeltaCoalescer {
  private buffer = '';
  private timer: ReturnType<typeof setTimeout> | null = null;
  private flushedOnce = false;

  constructor(
    private readonly options: CoalescerOptions,
    /** `first`: the answer's first text, which goes out ahead of everything else of its commit. */
    private readonly emit: (text: string, first: boolean) => void,
  ) {}

  push(text: string): void {
    if (!text) return;
    this.buffer += text;
    if (!this.flushedOnce || this.buffer.length >= this.options.maxChars || this.options.intervalMs <= 0) {
      this.flush();
    } else if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), this.options.intervalMs);
    }
  }

  /** Emits whatever is buffered; call before recording the end of the turn. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.buffer) return;
    const text = this.buffer;
    const first = !this.flushedOnce;
    this.buffer = '';
    this.flushedOnce = true;
    this.emit(text, first);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
