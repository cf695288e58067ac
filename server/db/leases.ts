// Which node may append to a session. With SQLite there is one process per database file, so
// the answer is always "this one"; with PostgreSQL several nodes share the log, and a node
// appends to a session only while it holds that session's lease (pg/pg-leases.ts). The rooms
// take a lease when they open a session and give it back when they release it; the event
// store refuses an append whose session's lease this node does not hold (the fence).

export interface SessionLeases {
  /** This node's name in leases and logs. */
  readonly nodeId: string;
  /** Takes (or keeps) this node's lease on the session; false while another node holds a live one. */
  acquire(sessionId: string): boolean;
  /** Gives the lease back (the room was released): another node may take it at once. */
  release(sessionId: string): void;
  /** Whether this node holds the session's lease (as far as it knows: the fence is the store's). */
  holds(sessionId: string): boolean;
  /** The node holding a live lease on the session right now (read from the store), or null. */
  holderOf(sessionId: string): string | null;
  /** `listener` hears of every lease this node lost (not renewed in time, taken over). */
  onLost(listener: (sessionId: string) => void): void;
  /** Stops renewing; gives back every lease held. */
  close(): void;
}

/** One process, one writer: every lease is this node's. */
export class LocalLeases implements SessionLeases {
  readonly nodeId = 'local';
  acquire(): boolean {
    return true;
  }
  release(): void {}
  holds(): boolean {
    return true;
  }
  holderOf(): string | null {
    return this.nodeId;
  }
  onLost(): void {}
  close(): void {}
}

/** An append reached a session whose lease this node does not hold (any more). Nothing was written. */
export class FencedError extends Error {
  constructor(readonly sessionId: string) {
    super(`This node does not hold the lease of session ${sessionId}: another node writes to it.`);
    this.name = 'FencedError';
  }
}
