import Type from 'typebox';
import { ErrorCodeSchema, FieldProblem } from './api/errors';
import { Role, SessionEvent } from './events';

// The schemas of the live channel's frames; protocol.ts derives the frame types from them.
// The server validates every frame a client sends against the client frames, once, at the
// socket. The client checks every frame the server sends against ServerFrame, by its JSON
// (shared/json-schema-check.ts, put in the bundle by vite.config.ts), not with TypeBox.

// Client frames are closed: an unknown field is refused at the edge.

export const HelloFrame = Type.Object(
  {
    type: Type.Literal('hello'),
    /** The last seq the client holds; 0 for none. */
    lastSeq: Type.Integer({ minimum: 0 }),
    /** Absent means the current version. */
    protocol: Type.Optional(Type.Integer()),
  },
  { additionalProperties: false },
);

export const CommandFrame = Type.Object(
  {
    type: Type.Literal('command'),
    /** The client's own id, echoed in the ack or error. */
    id: Type.String({ minLength: 1, maxLength: 64 }),
    name: Type.String({ maxLength: 64 }),
    data: Type.Unknown(),
  },
  { additionalProperties: false },
);

export const PingFrame = Type.Object({ type: Type.Literal('ping') }, { additionalProperties: false });

// Server frames are open: a page may meet a newer server's extra field and ignore it.

export const WelcomeFrame = Type.Object({
  type: Type.Literal('welcome'),
  protocol: Type.Integer(),
  sessionId: Type.String(),
  role: Role,
  participantId: Type.String(),
  /** The newest seq this role may see when the missed events start flowing; those follow at once. */
  headSeq: Type.Integer({ minimum: 0 }),
  /** The server clock, so the client can correct its countdown. */
  now: Type.Number(),
});

export const EventFrame = Type.Object({ type: Type.Literal('event'), event: SessionEvent });

/** All the events one commit carries for this socket, in seq order: applied exactly as that many event frames. */
export const BatchFrame = Type.Object({ type: Type.Literal('batch'), events: Type.Array(SessionEvent, { minItems: 1 }) });

export const AckFrame = Type.Object({ type: Type.Literal('ack'), id: Type.String(), seqs: Type.Array(Type.Integer()) });

export const ErrorFrame = Type.Object({
  type: Type.Literal('error'),
  /** The command's id when the error answers a command. */
  id: Type.Optional(Type.String()),
  code: ErrorCodeSchema,
  message: Type.String(),
  /** With `invalid_payload`: what is wrong with which field of the command's data (a JSON pointer into it). */
  problems: Type.Optional(Type.Array(FieldProblem)),
});

export const PongFrame = Type.Object({ type: Type.Literal('pong'), now: Type.Number() });

export const ServerFrame = Type.Union([WelcomeFrame, EventFrame, BatchFrame, AckFrame, ErrorFrame, PongFrame]);
