import type { StreamPart } from '../../server/llm/provider';

/**
 * A provider stream fed part by part by its caller (tests, bench/room-path.ts): what a turn
 * runner reads when the parts' timing must be the caller's, not a provider's. Ends after `finish`.
 */
export function fedStream() {
  const queue: StreamPart[] = [];
  let wake: (() => void) | null = null;
  async function* parts(): AsyncGenerator<StreamPart> {
    for (;;) {
      while (queue.length > 0) {
        const part = queue.shift()!;
        yield part;
        if (part.type === 'finish') return;
      }
      await new Promise<void>((resolve) => (wake = resolve));
    }
  }
  return {
    parts: parts(),
    push(part: StreamPart) {
      queue.push(part);
      wake?.();
      wake = null;
    },
  };
}
