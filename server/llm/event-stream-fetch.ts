import { Agent as HttpAgent, request as httpRequest, type IncomingMessage, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { createParser } from 'eventsource-parser';

// A `fetch` for an SDK client whose answers stream as server-sent events, and the reader of
// those events. The SDK still builds the request, authenticates, times out until the headers
// and turns an error status into its typed error; only the event stream's body is read here,
// as a Node stream. Fetch's web streams and the SDK's own SSE decoding cost ~55 µs of CPU per
// chunk against ~30 µs for the adapter over this fetch (bench/provider-read.ts, 50 streams × 200
// chunks; docs/benchmarks.md, "A leaner read of the provider's stream"), and every delta pays it.
//
// An event stream's `Response` has no web body: read it with `eventStreamData`. Any other
// response (an error's JSON, a model list) is buffered and comes back as an ordinary Response.
// Redirects are not followed: an API's POST is not redirected (and fetch would have replayed a
// 301 or 302 as a GET); one comes back as its status, which the SDK reports as an error.

const agents = {
  'http:': new HttpAgent({ keepAlive: true }),
  'https:': new HttpsAgent({ keepAlive: true }),
} as const;

/** The Node stream behind each event-stream Response this fetch returned. */
const eventBodies = new WeakMap<Response, IncomingMessage>();

export const eventStreamFetch: typeof fetch = async (input, init = {}) => {
  const url = new URL(input instanceof Request ? input.url : input);
  const send = url.protocol === 'https:' ? httpsRequest : url.protocol === 'http:' ? httpRequest : undefined;
  if (!send) throw new TypeError(`Cannot fetch ${url.protocol} URLs.`);
  const { signal } = init;
  if (signal?.aborted) throw abortReason(signal);
  const body = init.body;
  if (body !== undefined && body !== null && typeof body !== 'string' && !(body instanceof Uint8Array)) {
    throw new TypeError('This fetch sends only string or byte bodies.');
  }
  const headers = Object.fromEntries(new Headers(init.headers));
  // Node does not decompress: ask for the body as it is.
  delete headers['accept-encoding'];

  return new Promise<Response>((resolve, reject) => {
    const request = send(url, { method: init.method ?? 'GET', headers, agent: agents[url.protocol as keyof typeof agents] });
    // Until the body is read to its end, aborting closes the connection (the provider stops
    // generating): the SDK ties this signal to the caller's for the whole stream.
    const onAbort = () => {
      const reason = abortReason(signal!);
      request.destroy(reason);
      reject(reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    const settle = () => signal?.removeEventListener('abort', onAbort);
    request.on('error', (error) => {
      settle();
      reject(error);
    });
    request.on('response', (message) => {
      const status = message.statusCode ?? 0;
      const responseHeaders = headersOf(message.headers);
      message.on('close', settle);
      // Until a reader iterates it, a reset would be an uncaught 'error'; the reader still sees it.
      message.on('error', () => {});
      const isEventStream = status >= 200 && status < 300 && (responseHeaders.get('content-type') ?? '').startsWith('text/event-stream');
      if (isEventStream) {
        const response = new Response(null, { status, statusText: message.statusMessage, headers: responseHeaders });
        eventBodies.set(response, message);
        resolve(response);
        return;
      }
      const chunks: Buffer[] = [];
      message.on('data', (chunk: Buffer) => chunks.push(chunk));
      message.on('error', reject);
      message.on('end', () => {
        const bytes = Buffer.concat(chunks);
        const empty = status === 204 || status === 304 || bytes.length === 0;
        resolve(new Response(empty ? null : bytes, { status, statusText: message.statusMessage, headers: responseHeaders }));
      });
    });
    request.end(body ?? undefined);
  });
};

/** One server-sent event's `event` name (undefined for plain messages) and `data`. */
export interface ServerSentEvent {
  event?: string | undefined;
  data: string;
}

/**
 * The events of an event-stream response, in order. Leaving the loop early closes the
 * connection. Reads the Node stream behind `eventStreamFetch`'s responses, or the web body of
 * any other fetch's. A connection that breaks mid-stream throws `StreamCutError`.
 */
export async function* eventStreamData(response: Response): AsyncGenerator<ServerSentEvent> {
  const ready: ServerSentEvent[] = [];
  const parser = createParser({ onEvent: (message) => void ready.push(message) });
  const body = eventBodies.get(response);
  let finished = false;
  try {
    for await (const text of body ? utf8(body) : webText(response)) {
      parser.feed(text);
      for (let i = 0; i < ready.length; i++) yield ready[i]!;
      ready.length = 0;
    }
    finished = true;
  } catch (error) {
    throw new StreamCutError(error);
  } finally {
    if (!finished) body?.destroy();
  }
}

/** The provider's connection broke before its event stream ended. */
export class StreamCutError extends Error {
  constructor(cause: unknown) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    super(`The connection to the provider broke mid-answer (${detail}).`, { cause });
    this.name = 'StreamCutError';
  }
}

function utf8(message: IncomingMessage): AsyncIterable<string> {
  // A character split across two packets is decoded whole.
  message.setEncoding('utf8');
  return message;
}

async function* webText(response: Response): AsyncIterable<string> {
  if (!response.body) return;
  const decoder = new TextDecoder();
  for await (const bytes of response.body) yield decoder.decode(bytes, { stream: true });
}

function headersOf(raw: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.set(name, value);
  }
  return headers;
}

function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new DOMException('This operation was aborted', 'AbortError');
}
