import { CLOSE_CODES } from '../../shared/protocol';
import type { GroupCommit } from '../db/group-commit';
import type { SessionStore } from '../db/session-store';
import { LiveSession, type LiveSessionDeps } from './live-session';
import type { Connection } from './room';

// The rooms open on this node. A room opens on first use and stays open while anyone is
// connected, an answer is streaming, or the session is live (its deadline must fire).
// Scaling out replaces this with a router and a pub/sub adapter; the room itself stays.

type RoomsDeps = Omit<LiveSessionDeps, 'onBroken'> & { sessions: SessionStore; commits: GroupCommit; reportError?: (error: unknown, sessionId: string) => void };

export class SessionRooms {
  private readonly open = new Map<string, LiveSession>();
  private readonly deps: LiveSessionDeps & { sessions: SessionStore };

  constructor(private readonly roomsDeps: RoomsDeps) {
    this.deps = { ...roomsDeps, onBroken: (sessionId, error) => this.evict(sessionId, error) };
  }

  /** The open session, loading it from the log first; undefined when no such session exists. */
  get(sessionId: string): LiveSession | undefined {
    const existing = this.open.get(sessionId);
    if (existing) return existing;
    if (!this.deps.sessions.get(sessionId)) return undefined;
    const session = new LiveSession(sessionId, this.deps);
    this.open.set(sessionId, session);
    session.room.onAppend(() => this.releaseIfIdle(session));
    return session;
  }

  /** The session if its room is open on this node, without opening it. */
  peek(sessionId: string): LiveSession | undefined {
    return this.open.get(sessionId);
  }

  /** Reopens sessions that were live when the server stopped: closes their cut answers, re-arms deadlines. */
  resumeLive(): void {
    for (const id of this.deps.sessions.liveIds()) this.get(id);
  }

  leave(session: LiveSession, connection: Connection): void {
    session.room.leave(connection);
    this.releaseIfIdle(session);
  }

  /** Closes every socket of a session (erasure) or of one invite (revocation). */
  disconnect(sessionId: string, predicate: (c: Connection) => boolean, close: { code: number; reason: string }): void {
    this.open.get(sessionId)?.room.disconnect(predicate, close.code, close.reason);
  }

  /**
   * Takes a session off this node for good (erasure): closes its sockets with `close`, forgets
   * the room so that nothing appends to it any more, then stops its running answers.
   */
  async forget(sessionId: string, close: { code: number; reason: string }): Promise<void> {
    const session = this.open.get(sessionId);
    if (!session) return;
    this.open.delete(sessionId);
    session.room.disconnect(() => true, close.code, close.reason);
    await session.close();
  }

  /** Commits everything appended so far (shutdown, erasure, tests). */
  flush(): void {
    this.roomsDeps.commits.flush();
  }

  async closeAll(): Promise<void> {
    const sessions = [...this.open.values()];
    await Promise.all(sessions.map((s) => s.close()));
    this.flush();
    for (const s of sessions) s.room.disconnect(() => true, CLOSE_CODES.goingAway.code, CLOSE_CODES.goingAway.reason);
    this.open.clear();
  }

  get size(): number {
    return this.open.size;
  }

  /**
   * A commit failed (disk full, I/O error): the room's state is ahead of its log. Close its
   * sockets and forget it; the next connection reloads it from what is durable.
   */
  private evict(sessionId: string, error: unknown): void {
    const session = this.open.get(sessionId);
    if (!session) return;
    this.open.delete(sessionId);
    (this.roomsDeps.reportError ?? ((e) => console.error('commit failed', e)))(error, sessionId);
    session.room.disconnect(() => true, CLOSE_CODES.internalError.code, CLOSE_CODES.internalError.reason);
    void session.close().catch(() => undefined);
  }

  private releaseIfIdle(session: LiveSession): void {
    const idle = session.room.connectionCount === 0 && session.turns.activeCount === 0 && session.room.state.status !== 'live';
    if (idle && this.open.get(session.sessionId) === session) {
      this.open.delete(session.sessionId);
      void session.close();
    }
  }
}
