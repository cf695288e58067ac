import Type from 'typebox';

// The schemas of the frames a client sends: the server validates every inbound frame against
// them, once, at the socket. protocol.ts derives the frame types from them.

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
