// Test helper: drains a provider stream into its text and its parts.
import type { StreamPart } from '../../../server/llm/provider';

export interface Collected {
  parts: StreamPart[];
  text: string;
  finish?: Extract<StreamPart, { type: 'finish' }>;
  error?: Extract<StreamPart, { type: 'error' }>['error'];
  metadata?: Extract<StreamPart, { type: 'response-metadata' }>;
}

export async function collect(stream: AsyncIterable<StreamPart>, onPart?: (part: StreamPart) => void): Promise<Collected> {
  const result: Collected = { parts: [], text: '' };
  for await (const part of stream) {
    result.parts.push(part);
    onPart?.(part);
    if (part.type === 'text-delta') result.text += part.text;
    else if (part.type === 'finish') result.finish = part;
    else if (part.type === 'error') result.error = part.error;
    else if (part.type === 'response-metadata') result.metadata = part;
  }
  return result;
}

/** Reads the stream `open` gives and aborts its signal at the first text, as a Stop does. */
export function abortAtFirstText(open: (signal: AbortSignal) => AsyncIterable<StreamPart>): Promise<Collected> {
  const controller = new AbortController();
  return collect(open(controller.signal), (part) => {
    if (part.type === 'text-delta') controller.abort();
  });
}
