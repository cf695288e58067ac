import { Compile } from 'typebox/compile';
import WebSocket from 'ws';
import type { SessionEvent } from '../../shared/events';
import type { ServerFrame, WelcomeFrame } from '../../shared/protocol';
import { ServerFrame as ServerFrameSchema } from '../../shared/protocol-schemas';
import { reduceAll } from '../../shared/reducer';
import type { SessionState } from '../../shared/state';
import { eventsOf } from './test-socket';

// A real WebSocket client speaking the live protocol, for integration tests. Like the page, it
// holds every frame to ServerFrame's schema: a test waiting on a client that got one that fails
// it fails (the page would drop the connection).

const serverFrame = Compile(ServerFrameSchema);

export interface LiveClient {
  ws: WebSocket;
  frames: ServerFrame[];
  events: SessionEvent[];
  welcome: WelcomeFrame | undefined;
  state(): SessionState;
  hello(lastSeq?: number): Promise<WelcomeFrame>;
  command(
    name: string,
    data?: unknown,
    timeoutMs?: number,
  ): Promise<{ type: 'ack'; seqs: number[] } | { type: 'error'; code: string; message: string }>;
  sendRaw(text: string | Buffer): void;
  waitFor<T>(find: (client: LiveClient) => T | undefined | false, timeoutMs?: number): Promise<T>;
  nextFrame(predicate?: (frame: ServerFrame) => boolean, timeoutMs?: number): Promise<ServerFrame>;
  closed: Promise<{ code: number; reason: string }>;
  /** How the socket closed, once it has (a `waitFor` is checked again then). */
  closedWith: { code: number; reason: string } | undefined;
  close(): Promise<void>;
}

let commandCounter = 0;

export async function connectLive(
  wsUrl: string,
  sessionId: string,
  auth: { token?: string; cookie?: string; origin?: string; role?: string },
): Promise<LiveClient> {
  const headers: Record<string, string> = {};
  if (auth.token) headers.authorization = `Bearer ${auth.token}`;
  if (auth.cookie) headers.cookie = auth.cookie;
  if (auth.origin) headers.origin = auth.origin;
  const query = auth.role ? `?role=${auth.role}` : '';
  const ws = new WebSocket(`${wsUrl}/api/sessions/${sessionId}/live${query}`, { headers });
  const listeners = new Set<() => void>();
  let invalidFrame: Error | undefined;
  const client: LiveClient = {
    ws,
    frames: [],
    events: [],
    welcome: undefined,
    closedWith: undefined,
    state: () => reduceAll(client.events),
    async hello(lastSeq = 0) {
      ws.send(JSON.stringify({ type: 'hello', lastSeq }));
      return client.waitFor((c) => c.welcome);
    },
    async command(name, data = {}, timeoutMs = 5000) {
      const id = `c${++commandCounter}`;
      ws.send(JSON.stringify({ type: 'command', id, name, data }));
      const frame = await client.nextFrame((f) => (f.type === 'ack' || f.type === 'error') && f.id === id, timeoutMs);
      return frame as never;
    },
    sendRaw(text) {
      ws.send(text);
    },
    waitFor(find, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (invalidFrame) {
            listeners.delete(check);
            clearTimeout(timer);
            reject(invalidFrame);
            return;
          }
          const found = find(client);
          if (found !== undefined && found !== false) {
            listeners.delete(check);
            clearTimeout(timer);
            resolve(found as never);
          }
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`waitFor timed out; last frames: ${JSON.stringify(client.frames.slice(-3))}`));
        }, timeoutMs);
        listeners.add(check);
        check();
      });
    },
    nextFrame(predicate = () => true, timeoutMs = 5000) {
      const start = client.frames.length;
      return client.waitFor((c) => c.frames.slice(start).find(predicate), timeoutMs);
    },
    closed: new Promise((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }))),
    async close() {
      if (ws.readyState === WebSocket.OPEN || ws.readyState === WebSocket.CONNECTING) ws.close();
      await client.closed;
    },
  };
  ws.on('close', (code, reason) => {
    client.closedWith = { code, reason: reason.toString() };
    for (const listener of [...listeners]) listener();
  });
  ws.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as ServerFrame;
    if (!serverFrame.Check(frame))
      invalidFrame ??= new Error(`the server sent a frame that fails its schema: ${data.toString().slice(0, 500)}`);
    client.frames.push(frame);
    if (frame.type === 'welcome') client.welcome = frame;
    client.events.push(...eventsOf(frame));
    for (const listener of [...listeners]) listener();
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => reject(new Error(`handshake refused: ${res.statusCode}`)));
    ws.once('error', reject);
  });
  return client;
}

/** The HTTP status a refused handshake answered with. */
export function handshakeStatus(wsUrl: string, sessionId: string, headers: Record<string, string>, query = ''): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${wsUrl}/api/sessions/${sessionId}/live${query}`, { headers });
    ws.once('open', () => {
      ws.close();
      resolve(101);
    });
    ws.once('unexpected-response', (req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
      req.destroy();
    });
    ws.once('error', (error) => {
      if (!(error as Error).message.includes('Unexpected server response')) reject(error);
    });
  });
}

/** The answers in the chat's main thread, in start order (seeded and test-run turns left out). */
export function chatTurns(client: LiveClient) {
  const state = client.state();
  return state.turnOrder.map((id) => state.turns[id]!).filter((t) => t.threadId === 'main');
}
