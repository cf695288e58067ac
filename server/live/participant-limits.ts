import { LIMITS } from '../../shared/limits';
import type { Member } from '../rooms/member';

// Flood limits of the live channel, per participant rather than per socket: opening another
// socket (or reconnecting) does not bring a fresh budget. Counted in fixed one-minute windows.
// This is one process's store; with REDIS_URL, ./shared-participant-limits.ts counts the same
// budgets across every node behind the same calls.

export interface LiveRates {
  /** Frames a participant may send per minute, all its sockets together. */
  framesPerMinute: number;
  /** Characters of frame text a participant may send per minute (drafts carry the whole text). */
  frameCharsPerMinute: number;
  /** WebSocket handshakes a participant may make per minute. */
  handshakesPerMinute: number;
}

/** Why a frame was refused, if it was. */
export type FrameRefusal = 'frames' | 'chars';

export interface ParticipantBudgets {
  /** Counts one frame of `chars` characters; says why it is refused, or null when it may go on. */
  hitFrame(participantKey: string, chars: number, now: number): FrameRefusal | null;
  /** Counts one handshake; false when this participant has opened too many sockets this minute. */
  hitHandshake(participantKey: string, now: number): boolean | Promise<boolean>;
  /**
   * Takes one of the participant's live-socket slots (`socketKey`: see socketKey below), held
   * until `release`; null when the participant holds its `socketsPerParticipant` already.
   */
  openSocket(socketKey: string): Promise<SocketSlot | null>;
}

export interface SocketSlot {
  release(): void;
}

/** The key a participant's open sockets are counted under: the room's own count is per participant id. */
export function socketKey(sessionId: string, participant: Member): string {
  return `${participant.participantId}@${sessionId}`;
}

/** The key a participant's budgets are counted under: its invite, or the admin in this session. */
export function participantKey(sessionId: string, participant: Member): string {
  return participant.inviteId ?? `${participant.participantId}@${sessionId}`;
}

const WINDOW_MS = 60_000;

interface Window {
  startedAt: number;
  count: number;
  chars: number;
}

/** One process's budgets, in memory; idle participants are forgotten once their window ends. */
export class ParticipantLimits implements ParticipantBudgets {
  private readonly frames = new Map<string, Window>();
  private readonly handshakes = new Map<string, Window>();
  private readonly sockets = new Map<string, number>();
  private sweptAt = 0;

  constructor(
    private readonly rates: LiveRates,
    private readonly socketsPerParticipant: number = LIMITS.socketsPerParticipant,
  ) {}

  async openSocket(key: string): Promise<SocketSlot | null> {
    const held = this.sockets.get(key) ?? 0;
    if (held >= this.socketsPerParticipant) return null;
    this.sockets.set(key, held + 1);
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        const left = (this.sockets.get(key) ?? 1) - 1;
        if (left > 0) this.sockets.set(key, left);
        else this.sockets.delete(key);
      },
    };
  }

  hitFrame(participantKey: string, chars: number, now: number): FrameRefusal | null {
    const window = this.windowOf(this.frames, participantKey, now);
    if (window.count >= this.rates.framesPerMinute) return 'frames';
    if (window.chars + chars > this.rates.frameCharsPerMinute) return 'chars';
    window.count += 1;
    window.chars += chars;
    return null;
  }

  hitHandshake(participantKey: string, now: number): boolean {
    const window = this.windowOf(this.handshakes, participantKey, now);
    if (window.count >= this.rates.handshakesPerMinute) return false;
    window.count += 1;
    return true;
  }

  /** Participants currently remembered (for tests: memory stays bounded). */
  get size(): number {
    return this.frames.size + this.handshakes.size + this.sockets.size;
  }

  private windowOf(windows: Map<string, Window>, key: string, now: number): Window {
    this.sweep(now);
    let window = windows.get(key);
    if (!window || now - window.startedAt >= WINDOW_MS) {
      window = { startedAt: now, count: 0, chars: 0 };
      windows.set(key, window);
    }
    return window;
  }

  /** At most once a window: drop every window that has ended. */
  private sweep(now: number): void {
    if (now - this.sweptAt < WINDOW_MS) return;
    this.sweptAt = now;
    for (const windows of [this.frames, this.handshakes]) {
      for (const [key, window] of windows) if (now - window.startedAt >= WINDOW_MS) windows.delete(key);
    }
  }
}
