import type { Static } from 'typebox';
import type * as Schemas from './protocol-schemas';

// The live channel, one WebSocket per participant at /api/sessions/:id/live, JSON text frames.
// Every frame type is derived from its schema in protocol-schemas.ts, kept apart so that the
// browser bundle, which imports this file, never loads the schema library.

/** 2: the `batch` frame (one frame per socket per commit). A page of version 1 is told to reload. */
export const PROTOCOL_VERSION = 2;

export type HelloFrame = Static<typeof Schemas.HelloFrame>;
export type CommandFrame = Static<typeof Schemas.CommandFrame>;
export type PingFrame = Static<typeof Schemas.PingFrame>;
export type ClientFrame = HelloFrame | CommandFrame | PingFrame;

export type WelcomeFrame = Static<typeof Schemas.WelcomeFrame>;
export type EventFrame = Static<typeof Schemas.EventFrame>;
export type BatchFrame = Static<typeof Schemas.BatchFrame>;
export type AckFrame = Static<typeof Schemas.AckFrame>;
export type ErrorFrame = Static<typeof Schemas.ErrorFrame>;
export type PongFrame = Static<typeof Schemas.PongFrame>;
export type ServerFrame = Static<typeof Schemas.ServerFrame>;

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
  /** The node relaying this socket lost the session's writer (it died, moved the session, or Redis is away): reconnect. */
  writerUnreachable: { code: 4503, reason: 'session writer unreachable; reconnect' },
} as const;
