import { afterEach, describe, expect, it, vi } from 'vitest';
import { DeltaCoalescer } from '../../../server/turns/delta-coalescer';

// Streamed text reaches the log in batches: the first delta at once, then on a time or size threshold.

afterEach(() => vi.useRealTimers());

describe('DeltaCoalescer', () => {
  it('emits the first delta at once, then batches the rest until the interval', () => {
    vi.useFakeTimers();
    const emitted: string[] = [];
    const coalescer = new DeltaCoalescer({ intervalMs: 50, maxChars: 1000 }, (text) => emitted.push(text));
    coalescer.push('Hel');
    expect(emitted).toEqual(['Hel']);
    coalescer.push('lo');
    coalescer.push(', world');
    expect(emitted).toEqual(['Hel']);
    vi.advanceTimersByTime(50);
    expect(emitted).toEqual(['Hel', 'lo, world']);
  });

  it('flushes early past maxChars, and on flush() before the end is recorded', () => {
    vi.useFakeTimers();
    const emitted: string[] = [];
    const coalescer = new DeltaCoalescer({ intervalMs: 1000, maxChars: 5 }, (text) => emitted.push(text));
    coalescer.push('a');
    coalescer.push('bcdef');
    coalescer.push('g');
    expect(emitted).toEqual(['a', 'bcdef']);
    coalescer.flush();
    expect(emitted).toEqual(['a', 'bcdef', 'g']);
    coalescer.flush();
    expect(emitted).toHaveLength(3);
  });

  it('emits nothing after dispose, and ignores empty deltas', () => {
    vi.useFakeTimers();
    const emitted: string[] = [];
    const coalescer = new DeltaCoalescer({ intervalMs: 50, maxChars: 1000 }, (text) => emitted.push(text));
    coalescer.push('');
    expect(emitted).toEqual([]);
    coalescer.push('x');
    coalescer.push('y');
    coalescer.dispose();
    vi.advanceTimersByTime(100);
    expect(emitted).toEqual(['x']);
  });
});
