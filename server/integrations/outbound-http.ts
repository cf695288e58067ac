import { request as httpRequest, type ClientRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { guardedLookup, refusal, RefusedAddressError, type AddressPolicy } from './address-policy';

// One outbound HTTP request (a webhook delivery, a Greenhouse PATCH), bounded in time from the
// first byte to the last: a receiver that answers slowly, or trickles its body, holds the
// worker for `timeoutMs` at most. Redirects are not followed (a 3xx is a failed attempt), and
// only the status is kept of the answer.

export interface OutboundRequest {
  url: string;
  method: 'POST' | 'PATCH';
  headers: Record<string, string>;
  body: string;
}

export type SendResult =
  | { kind: 'response'; status: number }
  | { kind: 'timeout' }
  | { kind: 'network'; message: string }
  | { kind: 'refused'; message: string }
  | { kind: 'aborted' };

/** How much of an answer's body is read (and dropped) before the connection is closed. */
const MAX_ANSWER_BYTES = 64 * 1024;

export function sendOutbound(
  outbound: OutboundRequest,
  options: { timeoutMs: number; policy: AddressPolicy; signal?: AbortSignal },
): Promise<SendResult> {
  const url = new URL(outbound.url);
  const literal = url.hostname.replace(/^\[|\]$/g, '');
  // An address in the URL is never looked up: check it here.
  const refused = isIP(literal) ? refusal(options.policy, literal) : undefined;
  if (refused) return Promise.resolve({ kind: 'refused', message: refused });
  return new Promise<SendResult>((resolve) => {
    let settled = false;
    let request: ClientRequest | undefined;
    const finish = (result: SendResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      request?.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => finish({ kind: 'timeout' }), options.timeoutMs);
    const onAbort = () => finish({ kind: 'aborted' });
    if (options.signal?.aborted) return onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    request = send(url, {
      method: outbound.method,
      headers: { ...outbound.headers, 'content-length': String(Buffer.byteLength(outbound.body)) },
      lookup: guardedLookup(options.policy) as never,
      agent: false,
    });
    request.on('response', (response) => {
      let read = 0;
      response.on('data', (chunk: Buffer) => {
        read += chunk.length;
        if (read > MAX_ANSWER_BYTES) finish({ kind: 'response', status: response.statusCode ?? 0 });
      });
      response.on('end', () => finish({ kind: 'response', status: response.statusCode ?? 0 }));
      response.on('error', () => finish({ kind: 'response', status: response.statusCode ?? 0 }));
    });
    request.on('error', (error: NodeJS.ErrnoException) => {
      if (error instanceof RefusedAddressError) finish({ kind: 'refused', message: error.message });
      else finish({ kind: 'network', message: error.code ? `${error.code}: ${error.message}` : error.message });
    });
    request.end(outbound.body);
  });
}
