import { untrack } from 'svelte';
import { assertNever } from '$shared/assert-never';
import type { CommandData, CommandName } from '$shared/commands';
import type { SessionEvent } from '$shared/events';
import { CLOSE_CODES, PROTOCOL_VERSION, type ClientFrame } from '$shared/protocol';
import type { Role } from '$shared/roles';
import { ApiError } from '../api/http';
import { listSessionModels, readSessionLog } from '../api/endpoints';
import { readLogAfter } from './log-prefetch';
import { parseServerFrame } from './server-frame';
import { SERVER_FRAME_SCHEMA } from './server-frame-schema';
import { backoffDelay } from './backoff';
import { CommandError } from './command-error';
import type { ServerClock } from './server-clock.svelte';
import type { SessionReplica } from './session-replica.svelte';
import { finalCloseReason, finalErrorReason, type ClosedReason, type ConnectionStatus } from './status';

// One participant's live channel: hello with the seq we hold, events through the store,
// commands answered by ack or error, pings, and reconnection with backoff until told to stop.

const PING_EVERY_MS = 20_000;
const PONG_WITHIN_MS = 10_000;
const COMMAND_TIMEOUT_MS = 30_000;
/** If the replay after welcome ends below `headSeq` (staff-only events hidden from us), stop waiting. */
const SYNC_FALLBACK_MS = 750;

interface PendingCommand {
  resolve: (seqs: number[]) => void;
  reject: (error: CommandError) => void;
  timer: ReturnType<typeof setTimeout>;
}

export interface LiveConnectionOptions {
  sessionId: string;
  /** Which of this browser's invites for the session to use. */
  role: Role;
  store: SessionReplica;
  clock: ServerClock;
}

export class LiveSocket {
  status: ConnectionStatus = $state.raw({ kind: 'connecting' });
  participantId: string | null = $state(null);
  /** True once the events missed before the first welcome have been applied: views wait for it. */
  synced = $state(false);

  readonly #options: LiveConnectionOptions;
  #socket: WebSocket | null = null;
  #welcomed = false;
  #attempt = 0;
  #stopped = false;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #pingTimer: ReturnType<typeof setInterval> | undefined;
  #pongTimer: ReturnType<typeof setTimeout> | undefined;
  #syncTarget = 0;
  #syncTimer: ReturnType<typeof setTimeout> | undefined;
  #nextCommandId = 1;
  readonly #pending = new Map<string, PendingCommand>();

  constructor(options: LiveConnectionOptions) {
    this.#options = options;
  }

  get isLive(): boolean {
    return this.status.kind === 'live';
  }

  /** Opens the channel; returns the stop function, so a component can `$effect(() => conn.start())`. */
  start(): () => void {
    this.#stopped = false;
    // Untracked: opening reads the store, and a component's effect calling start() must not
    // restart the connection whenever the store changes.
    untrack(() => this.#open());
    addEventListener('online', this.#retryNow);
    return () => this.stop();
  }

  stop(): void {
    this.#stopped = true;
    removeEventListener('online', this.#retryNow);
    clearTimeout(this.#retryTimer);
    clearTimeout(this.#syncTimer);
    this.#teardownSocket(1000);
    this.#failPending();
  }

  /** Sends a command; resolves with the seqs it appended, rejects with the server's typed error. */
  send<N extends CommandName>(name: N, data: CommandData<N>): Promise<number[]> {
    const socket = this.#socket;
    if (!socket || socket.readyState !== WebSocket.OPEN || !this.#welcomed) {
      return Promise.reject(new CommandError('disconnected', 'not connected'));
    }
    const id = `c${this.#nextCommandId++}`;
    return new Promise<number[]>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new CommandError('disconnected', 'no answer from the server'));
      }, COMMAND_TIMEOUT_MS);
      this.#pending.set(id, { resolve, reject, timer });
      this.#write({ type: 'command', id, name, data });
    });
  }

  #url(): string {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const { sessionId, role } = this.#options;
    return `${scheme}//${location.host}/api/sessions/${encodeURIComponent(sessionId)}/live?role=${encodeURIComponent(role)}`;
  }

  #open(): void {
    if (this.#stopped) return;
    this.#welcomed = false;
    if (this.#attempt > 0) return this.#connect();
    // A first connection (or a resync) may have a long log to catch up on: read it in one
    // request first, then the socket sends only what came after.
    this.status = { kind: 'connecting' };
    void this.#readBacklog().then(() => this.#connect());
  }

  /** Failures are left to the socket: its hello catches up from wherever the store stands. */
  async #readBacklog(): Promise<void> {
    const { sessionId, role, store } = this.#options;
    try {
      const { events, omitted } = await readLogAfter(sessionId, role, store.headSeq);
      store.applyBatch(events, { partial: omitted > 0 });
      // The view can show the log as read; the socket then brings what came after.
      this.#markSynced();
      if (omitted > 0) void this.#readWholeLog();
    } catch (error) {
      reportLogFailure(error);
    }
  }

  /** After a first read without settled deltas: the whole log, for seeking into any answer. */
  async #readWholeLog(): Promise<void> {
    const { sessionId, role, store } = this.#options;
    // Once the view has painted what it has: parsing and reducing the whole log must not hold
    // up its first frame.
    await afterNextPaint();
    try {
      const { events } = await readSessionLog(sessionId, role, 0);
      if (!this.#stopped) store.completeLog(events);
    } catch (error) {
      // The view keeps the log it has: the same head, past answers without their streaming.
      reportLogFailure(error);
    }
  }

  #connect(): void {
    if (this.#stopped || this.#socket) return;
    const socket = new WebSocket(this.#url());
    this.#socket = socket;
    socket.onopen = () => this.#write({ type: 'hello', lastSeq: this.#options.store.headSeq, protocol: PROTOCOL_VERSION });
    socket.onmessage = (message) => this.#receive(message.data);
    socket.onclose = (close) => {
      if (this.#socket !== socket) return;
      void this.#onClosed(close.code);
    };
  }

  #receive(raw: unknown): void {
    const frame = parseServerFrame(raw, SERVER_FRAME_SCHEMA);
    if (!frame) {
      // Never applied: a page that misreads the server must not build state from it.
      console.error('invalid frame from the server', typeof raw === 'string' ? raw.slice(0, 500) : raw);
      this.#close('protocol');
      return;
    }
    this.#armPongTimeout(false);
    switch (frame.type) {
      case 'welcome':
        this.#welcomed = true;
        this.#attempt = 0;
        this.participantId = frame.participantId;
        this.#options.clock.observe(frame.now);
        this.status = { kind: 'live' };
        this.#startPings();
        this.#awaitSync(frame.headSeq);
        return;
      case 'event':
        this.#applyEvents([frame.event]);
        return;
      case 'batch':
        // One commit's events: the same as that many event frames, in order.
        this.#applyEvents(frame.events);
        return;
      case 'ack':
        this.#settle(frame.id, (pending) => pending.resolve(frame.seqs));
        return;
      case 'error': {
        if (frame.id !== undefined) {
          this.#settle(frame.id, (pending) => pending.reject(new CommandError(frame.code, frame.message, frame.problems ?? [])));
          return;
        }
        const reason = finalErrorReason(frame.code);
        if (reason) this.#close(reason);
        return;
      }
      case 'pong':
        this.#options.clock.observe(frame.now);
        return;
      default:
        assertNever(frame);
    }
  }

  #applyEvents(events: readonly SessionEvent[]): void {
    for (const event of events) {
      try {
        this.#options.store.apply(event);
      } catch (error) {
        // An event this build's reducer cannot read: the page is older than the server.
        console.error('cannot apply event', event.seq, error);
        this.#close('protocol');
        return;
      }
    }
    if ((!this.synced || this.#options.store.rebuilding) && this.#options.store.headSeq >= this.#syncTarget) this.#markSynced();
  }

  #awaitSync(headSeq: number): void {
    if (this.synced && !this.#options.store.rebuilding) return;
    this.#syncTarget = headSeq;
    if (this.#options.store.headSeq >= headSeq) return this.#markSynced();
    clearTimeout(this.#syncTimer);
    this.#syncTimer = setTimeout(() => this.#markSynced(), SYNC_FALLBACK_MS);
  }

  #markSynced(): void {
    clearTimeout(this.#syncTimer);
    this.#options.store.finishRebuild();
    this.synced = true;
  }

  async #onClosed(code: number): Promise<void> {
    const wasWelcomed = this.#welcomed;
    this.#socket = null;
    this.#welcomed = false;
    this.#stopPings();
    this.#failPending();
    if (this.#stopped) return;
    if (code === CLOSE_CODES.resync.code) {
      // What we may see of the past changed: read the log again from its first event, now.
      this.#options.store.beginRebuild();
      this.#attempt = 0;
      return this.#open();
    }
    const reason = finalCloseReason(code);
    if (reason) return this.#close(reason);
    // A refused handshake looks like a plain drop (1006) to a browser: ask over HTTP why.
    if (!wasWelcomed) {
      const refused = await this.#probeAccess();
      if (refused) return this.#close(refused);
    }
    this.#scheduleRetry();
  }

  async #probeAccess(): Promise<ClosedReason | null> {
    try {
      await listSessionModels(this.#options.sessionId);
      return null;
    } catch (error) {
      return error instanceof ApiError && error.code !== 'network' && error.code !== 'unexpected' ? finalErrorReason(error.code) : null;
    }
  }

  #scheduleRetry(): void {
    if (this.#stopped) return;
    const delay = backoffDelay(this.#attempt);
    this.#attempt += 1;
    this.status = { kind: 'reconnecting', attempt: this.#attempt, retryAt: Date.now() + delay };
    clearTimeout(this.#retryTimer);
    this.#retryTimer = setTimeout(() => this.#open(), delay);
  }

  /** The browser says the network is back: skip the rest of the wait. */
  #retryNow = () => {
    if (this.status.kind !== 'reconnecting' || this.#socket) return;
    clearTimeout(this.#retryTimer);
    this.#open();
  };

  #close(reason: ClosedReason): void {
    this.#stopped = true;
    clearTimeout(this.#retryTimer);
    this.#teardownSocket(1000);
    this.status = { kind: 'closed', reason };
  }

  /** Closes the current socket for good (stop, or a final reason): no reconnect follows. */
  #teardownSocket(code: number): void {
    const socket = this.#socket;
    if (!socket) return;
    this.#socket = null;
    this.#stopPings();
    socket.onclose = null;
    socket.onmessage = null;
    socket.close(code);
  }

  /** Gives up on a socket that stopped answering, without waiting for its close handshake. */
  #abandonSocket(): void {
    const socket = this.#socket;
    if (!socket) return;
    socket.onclose = null;
    socket.onmessage = null;
    socket.close(4000);
    void this.#onClosed(4000);
  }

  #write(frame: ClientFrame): void {
    this.#socket?.send(JSON.stringify(frame));
  }

  #settle(id: string, settle: (pending: PendingCommand) => void): void {
    const pending = this.#pending.get(id);
    if (!pending) return;
    this.#pending.delete(id);
    clearTimeout(pending.timer);
    settle(pending);
  }

  #failPending(): void {
    for (const [id, pending] of this.#pending) {
      clearTimeout(pending.timer);
      pending.reject(new CommandError('disconnected', 'connection lost'));
      this.#pending.delete(id);
    }
  }

  #startPings(): void {
    this.#stopPings();
    this.#pingTimer = setInterval(() => {
      this.#write({ type: 'ping' });
      this.#armPongTimeout(true);
    }, PING_EVERY_MS);
  }

  /** After a ping, any frame proves the socket alive; silence means a dead link to drop. */
  #armPongTimeout(arm: boolean): void {
    clearTimeout(this.#pongTimer);
    if (arm) this.#pongTimer = setTimeout(() => this.#abandonSocket(), PONG_WITHIN_MS);
  }

  #stopPings(): void {
    clearInterval(this.#pingTimer);
    clearTimeout(this.#pongTimer);
  }
}

/** A refused or failed read is the socket's to report; anything else is a bug worth a console line. */
function reportLogFailure(error: unknown): void {
  if (!(error instanceof ApiError)) console.error('cannot apply the session log', error);
}

/** Resolves in the task after the next frame is rendered. */
function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}
