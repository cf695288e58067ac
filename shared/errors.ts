// Every error a client can receive, over HTTP or as a WebSocket `error` frame.
// A code is stable API: clients map it to a UI state, docs/protocol.md lists it.

export const ERRORS = {
  // frames and payloads
  bad_frame: { status: 400, message: 'The frame is not valid JSON or not a known frame type.' },
  hello_required: { status: 400, message: 'Send a hello frame first.' },
  protocol_version: { status: 400, message: 'This client speaks another protocol version; reload the page.' },
  unknown_command: { status: 400, message: 'Unknown command.' },
  invalid_payload: { status: 400, message: 'The request does not match its schema.' },
  payload_too_large: { status: 413, message: 'The payload is too large.' },
  // who you are
  unauthorized: { status: 401, message: 'Sign in again: the link or the session is missing, invalid or expired.' },
  forbidden: { status: 403, message: 'Your role may not do this.' },
  bad_origin: { status: 403, message: 'This page is not allowed to connect.' },
  not_found: { status: 404, message: 'Not found.' },
  // session lifecycle
  not_started: { status: 409, message: 'The session has not started yet.' },
  too_early: { status: 409, message: 'The session cannot start yet: it opens a few minutes before its planned start.' },
  already_started: { status: 409, message: 'The session has already started.' },
  session_ended: { status: 409, message: 'The session has ended; its work can no longer change.' },
  time_up: { status: 409, message: 'Time is up.' },
  // what a command was written against
  prompt_changed: {
    status: 409,
    message: 'The prompt on the server is not the one this was written against (an edit had not reached it). Nothing was sent; send again.',
  },
  // generations
  turn_in_progress: { status: 409, message: 'An answer is still being generated in this thread.' },
  turn_not_running: { status: 409, message: 'That answer is not being generated any more.' },
  too_many_turns: { status: 429, message: 'Too many answers are being generated at once; wait for one to finish.' },
  model_not_allowed: { status: 422, message: 'This exercise does not allow that model.' },
  param_out_of_bounds: { status: 422, message: 'A parameter is outside the bounds this exercise allows.' },
  budget_exhausted: { status: 402, message: 'The session has used its token or cost budget.' },
  rate_limited: { status: 429, message: 'Too many requests; slow down a little.' },
  conflict: { status: 409, message: 'That conflicts with the current state.' },
  internal: { status: 500, message: 'Something went wrong on the server.' },
  session_elsewhere: { status: 503, message: 'Another server node runs this session right now; reconnect in a moment.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;

/** A domain error: thrown by services, answered by the one error handler (HTTP) or as an error frame (WS). */
export class AtelierError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  constructor(code: ErrorCode, message?: string, details?: unknown) {
    super(message ?? ERRORS[code].message);
    this.name = 'AtelierError';
    this.code = code;
    this.details = details;
  }
  get status(): number {
    return ERRORS[this.code].status;
  }
}

export function isErrorCode(value: string): value is ErrorCode {
  return Object.hasOwn(ERRORS, value);
}
