import { CLOSE_CODES } from '../../shared/protocol';
import type { GroupCommit } from '../db/group-commit';
import type { SessionLeases } from '../db/leases';
import { AtelierError } from '../../shared/errors';
import type { SessionStore } from '../db/session-store';
import { LiveSession, type LiveSessionDeps } from './live-session';
import type { Connection } from './room';

// The rooms open on this node, at most one per session. Only sockets and commands open a room
// (reads go through the log reader); a room is released once nobody is connected and nothing
// runs in it. Release is synchronous — the room is closed, its pending commits are flushed,
// then it is forgotten — so the next room of that session always loads the whole log and no
// two rooms can ever number the same session's events.
// Deadlines live here, not in rooms: a live session nobody is in still ends on time.
// With several nodes, a socket whose session another node writes is relayed there (live/relay.ts).

type Close = { code: number; reason: string };

/**
 * Sockets to close on every node (relayed ones are closed on their writer, which tells their
 * relay): the revocations and erasures a node performs reach the others through `tellPeers`.
 */
export type PeerOrder =
  | { kind: 'invite'; sessionId: string; inviteId: string; close: Close }
  | { kind: 'account'; accountId: string; close: Close }
  | { kind: 'erase'; sessionId: string; close: Close };

type RoomsDeps = Omit<LiveSessionDeps, 'onBroken'> & { sessions: SessionStore; commits: GroupCommit; leases: SessionLeases };

export class SessionRooms {
  private readonly open = new Map<string, LiveSession>();
  private readonly deadlines = new Map<string, { at: number; timer: { cancel(): void } }>();
  private readonly releaseChecks = new Set<string>();
  private readonly deps: LiveSessionDeps & { sessions: SessionStore };
  private peers: ((order: PeerOrder) => void) | undefined;

  constructor(private readonly roomsDeps: RoomsDeps) {
    this.deps = { ...roomsDeps, onBroken: (sessionId, error) => this.evict(sessionId, error) };
    // Another node took the session over (this one paused past its lease): stop writing at once.
    roomsDeps.leases.onLost((sessionId) => this.evict(sessionId, new Error(`lost the lease of session ${sessionId}`)));
  }

  /**
   * The open session, loading it from the log first; undefined when no such session exists.
   * For sockets and commands: a caller that holds no socket uses `withSession`.
   */
  get(sessionId: string): LiveSession | undefined {
    const existing = this.open.get(sessionId);
    if (existing) return existing;
    if (!this.deps.sessions.get(sessionId)) return undefined;
    // One writer per session: with several nodes, only the lease holder opens a room.
    if (!this.roomsDeps.leases.acquire(sessionId)) throw new AtelierError('session_elsewhere');
    const session = new LiveSession(sessionId, this.deps);
    this.open.set(sessionId, session);
    session.room.onAppend((_events, state) => {
      if (state.status === 'live' && state.deadline !== null) this.armDeadline(sessionId, state.deadline);
      else this.disarmDeadline(sessionId);
    });
    session.onSettled(() => this.scheduleRelease(sessionId));
    this.scheduleRelease(sessionId);
    return session;
  }

  /** Opens the session for one write that holds no socket (a REST write, a timer), then lets it go when idle. */
  withSession<T>(sessionId: string, fn: (session: LiveSession) => T): T | undefined {
    const session = this.get(sessionId);
    if (!session) return undefined;
    try {
      return fn(session);
    } finally {
      this.scheduleRelease(sessionId);
    }
  }

  /** This node's name in leases (the relay's address of it). */
  get nodeId(): string {
    return this.roomsDeps.leases.nodeId;
  }

  /** The node writing the session right now (the holder of its lease, read from the store), or null. */
  writerOf(sessionId: string): string | null {
    return this.roomsDeps.leases.holderOf(sessionId);
  }

  /** The session if its room is open on this node, without opening it. */
  peek(sessionId: string): LiveSession | undefined {
    return this.open.get(sessionId);
  }

  /**
   * After a start: opens the sessions that were live, which closes their cut answers and
   * stale presence, and arms their deadlines; each is released again once idle.
   */
  resumeLive(): void {
    for (const id of this.deps.sessions.liveIds()) {
      // Another node serves it (it arms the deadline there); ours waits in case it comes back.
      const session = this.getUnlessElsewhere(id);
      if (session === 'elsewhere') {
        this.retryDeadlineLater(id);
        continue;
      }
      const { status, deadline } = session?.room.state ?? {};
      if (status === 'live' && deadline != null) this.armDeadline(id, deadline);
    }
  }

  leave(session: LiveSession, connection: Connection): void {
    session.room.leave(connection);
    this.scheduleRelease(session.sessionId);
  }

  /** Closes every socket of a session that matches (revocation). */
  disconnect(sessionId: string, predicate: (c: Connection) => boolean, close: { code: number; reason: string }): void {
    const session = this.open.get(sessionId);
    if (!session) return;
    session.room.disconnect(predicate, close.code, close.reason);
    this.scheduleRelease(sessionId);
  }

  /** Other nodes hear of every revocation and erasure of this one (live/relay.ts). */
  tellPeers(peers: (order: PeerOrder) => void): void {
    this.peers = peers;
  }

  /** Closes the sockets of a revoked invite, on this node and on the others. */
  closeInvite(sessionId: string, inviteId: string, close: Close): void {
    this.peers?.({ kind: 'invite', sessionId, inviteId, close });
    this.disconnect(sessionId, (c) => c.participant.inviteId === inviteId, close);
  }

  /** Closes the sockets of an account (deactivated, roles changed), on this node and on the others. */
  closeAccount(accountId: string, close: Close): void {
    this.peers?.({ kind: 'account', accountId, close });
    this.disconnectEverywhere((c) => c.participant.accountId === accountId, close);
  }

  /** What another node asked (see PeerOrder), done here only. */
  applyPeerOrder(order: PeerOrder): void {
    if (order.kind === 'invite') this.disconnect(order.sessionId, (c) => c.participant.inviteId === order.inviteId, order.close);
    else if (order.kind === 'account') this.disconnectEverywhere((c) => c.participant.accountId === order.accountId, order.close);
    else void this.forgetHere(order.sessionId, order.close);
  }

  /** Closes every socket of every open session that matches (an account deactivated). */
  disconnectEverywhere(predicate: (c: Connection) => boolean, close: { code: number; reason: string }): void {
    for (const sessionId of [...this.open.keys()]) this.disconnect(sessionId, predicate, close);
  }

  /**
   * Takes a session off this node for good (erasure): closes its room so that nothing appends
   * to it any more, closes its sockets with `close`, then stops its running answers.
   */
  async forget(sessionId: string, close: Close): Promise<void> {
    this.peers?.({ kind: 'erase', sessionId, close });
    await this.forgetHere(sessionId, close);
  }

  private async forgetHere(sessionId: string, close: Close): Promise<void> {
    this.disarmDeadline(sessionId);
    const session = this.open.get(sessionId);
    if (!session) return;
    this.drop(session);
    session.room.disconnect(() => true, close.code, close.reason);
    await session.close();
  }

  /** Commits everything appended so far (shutdown, erasure, tests). */
  flush(): void {
    this.roomsDeps.commits.flush();
  }

  async closeAll(): Promise<void> {
    for (const { timer } of this.deadlines.values()) timer.cancel();
    this.deadlines.clear();
    const sessions = [...this.open.values()];
    await Promise.all(sessions.map((s) => s.close()));
    // Presence is recorded as it is: everyone connected leaves with the server.
    for (const s of sessions) s.room.disconnect(() => true, CLOSE_CODES.goingAway.code, CLOSE_CODES.goingAway.reason);
    for (const s of sessions) this.drop(s);
    this.open.clear();
  }

  get size(): number {
    return this.open.size;
  }

  /**
   * A commit failed (disk full, I/O error, data the database refused): the room's state is ahead
   * of its log. Close it for good, close its sockets and forget it; the next connection reloads
   * the session from what is durable. Other sessions' rooms are not touched.
   */
  private evict(sessionId: string, error: unknown): void {
    const session = this.open.get(sessionId);
    if (!session) return;
    (this.roomsDeps.reportError ?? ((e) => console.error('commit failed', e)))(error, sessionId);
    session.room.close();
    this.open.delete(sessionId);
    this.roomsDeps.leases.release(sessionId);
    session.room.disconnect(() => true, CLOSE_CODES.internalError.code, CLOSE_CODES.internalError.reason);
    void session.close().catch(() => undefined);
  }

  /** Closes the room, makes what it appended durable, and forgets it: the next `get` loads afresh. */
  private drop(session: LiveSession): void {
    session.room.close();
    if (this.open.get(session.sessionId) === session) this.open.delete(session.sessionId);
    this.flush();
    // After the flush: what the room appended is durable before another node may take over.
    if (!this.open.has(session.sessionId)) this.roomsDeps.leases.release(session.sessionId);
  }

  /** Releases the session's room on the next turn of the loop if it is idle then. */
  private scheduleRelease(sessionId: string): void {
    if (this.releaseChecks.has(sessionId)) return;
    this.releaseChecks.add(sessionId);
    setImmediate(() => {
      this.releaseChecks.delete(sessionId);
      const session = this.open.get(sessionId);
      if (session && session.room.connectionCount === 0 && !session.busy) this.drop(session);
    });
  }

  private armDeadline(sessionId: string, at: number): void {
    if (this.deadlines.get(sessionId)?.at === at) return;
    this.disarmDeadline(sessionId);
    const timer = this.deps.clock.setTimeout(
      () => {
        this.deadlines.delete(sessionId);
        // The clock may fire early or late: the session re-arms itself if it is still live.
        try {
          this.withSession(sessionId, (session) => {
            session.enforceDeadline();
            const { status, deadline } = session.room.state;
            if (status === 'live' && deadline !== null) this.armDeadline(sessionId, deadline);
          });
        } catch (error) {
          if (!isElsewhere(error)) throw error;
          this.retryDeadlineLater(sessionId);
        }
      },
      Math.max(0, at - this.deps.clock.now()),
    );
    this.deadlines.set(sessionId, { at, timer });
  }

  /** The session if this node may open it, or 'elsewhere' while another node holds its lease. */
  private getUnlessElsewhere(sessionId: string): LiveSession | undefined | 'elsewhere' {
    try {
      return this.get(sessionId);
    } catch (error) {
      if (isElsewhere(error)) return 'elsewhere';
      throw error;
    }
  }

  /**
   * Another node serves the session and enforces its deadline while it does; should that node
   * die, ours takes over: it checks again a little later (the lease's own time to live scale).
   */
  private retryDeadlineLater(sessionId: string): void {
    this.armDeadline(sessionId, this.deps.clock.now() + ELSEWHERE_RETRY_MS);
  }

  private disarmDeadline(sessionId: string): void {
    this.deadlines.get(sessionId)?.timer.cancel();
    this.deadlines.delete(sessionId);
  }
}

const ELSEWHERE_RETRY_MS = 5_000;

function isElsewhere(error: unknown): boolean {
  return error instanceof AtelierError && error.code === 'session_elsewhere';
}
