import type { ProviderConfig } from '../config';
import type { LlmRequest, StreamPart } from '../provider';

// What the main thread and a provider thread say to each other (provider-threads.ts and
// provider-worker.ts). Everything is plain data: it crosses by structured clone.

export type ToProviderThread =
  /** Open a stream: the thread builds the provider from its config and key (once) and reads it. */
  | { type: 'start'; id: number; config: ProviderConfig; key: string | undefined; request: LlmRequest }
  /** The caller stopped (abort, or its loop broke): close the upstream connection. */
  | { type: 'abort'; id: number };

/**
 * The parts the thread read since its last message, each with its stream's id, in order; `null`
 * ends that stream. One message carries every stream's parts of a turn of the thread's loop,
 * so that the main thread pays one message, not one per part, when many streams are busy.
 */
export type FromProviderThread = Array<[id: number, part: StreamPart | null]>;
