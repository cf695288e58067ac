import type { Static } from 'typebox';
import type { ErrorCode } from './errors';
import type * as Schemas from './protocol-schemas';
import type { SessionEvent } from './events';
import type { Role } from './roles';

// The live channel, one WebSocket per participant at /api/sessions/:id/live, JSON text frames.
// Client frames are validated at the socket against the schemas in protocol-schemas.ts (kept
// apart so the browser bundle never loads the schema library); server frames are typed here
// and only built by the server, so they carry no runtime schema.

export const PROTOCOL_VERSION = 1;

export type HelloFrame = Static<typeof Schemas.HelloFrame>;
export type CommandFrame = Static<typeof Schemas.CommandFrame>;
export type PingFrame = Static<typeof Schemas.PingFrame>;
export type ClientFrame = HelloFrame | CommandFrame | PingFrame;

export interface WelcomeFrame {
  type: 'welcome';
  protocol: number;
  sessionId: string;
  role: Role;
  participantId: string;
  /** The newest seq this role may see when the missed events start flowing; those follow at once. */
  headSeq: number;
  /** The server clock, so the client can correct its countdown. */
  now: number;
}
export interface EventFrame {
  type: 'event';
  event: SessionEvent;
}
export interface AckFrame {
  type: 'ack';
  id: string;
  seqs: number[];
}
export interface ErrorFrame {
  type: 'error';
  /** The command's id when the error answers a command. */
  id?: string;
  code: ErrorCode;
  message: string;
}
export interface PongFrame {
  type: 'pong';
  now: number;
}
export type ServerFrame = WelcomeFrame | EventFrame | AckFrame | ErrorFrame | PongFrame;

/** WebSocket close codes the server uses; the client maps each to a UI state. */
export const CLOSE_CODES = {
  normal: { code: 1000, reason: 'closing' },
  goingAway: { code: 1001, reason: 'server shutting down' },
  frameTooLarge: { code: 1009, reason: 'frame too large' },
  internalError: { code: 1011, reason: 'server error; reconnect' },
  unauthorized: { code: 4001, reason: 'access revoked or expired' },
  sessionErased: { code: 4004, reason: 'session erased' },
  protocolError: { code: 4002, reason: 'protocol error' },
  /** What this participant may see changed (their review is submitted): drop local state, reconnect from seq 0. */
  resync: { code: 4010, reason: 'resync from the start' },
  tooManySockets: { code: 4029, reason: 'too many connections for this invite' },
} as const;
