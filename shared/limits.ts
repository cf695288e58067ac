// Sizes the server enforces and the client respects, so that a user is told before sending.
export const LIMITS = {
  /** Largest WebSocket frame the server reads (bytes); far below ws's 100 MiB default. */
  maxFrameBytes: 256 * 1024,
  maxMessageChars: 20_000,
  maxPromptChars: 60_000,
  maxNoteChars: 10_000,
  maxLabelChars: 120,
  maxRationaleChars: 5_000,
  maxHintChars: 2_000,
  maxNameChars: 120,
  maxTags: 10,
  maxTagChars: 40,
  /** Frames one participant may send per minute, all its sockets together (the client debounces; ~10/s is generous). */
  framesPerMinute: 600,
  /** Characters of frame text one participant may send per minute: ~65 full-size prompt drafts. */
  frameCharsPerMinute: 4_000_000,
  /** WebSocket handshakes one participant may make per minute (reconnects back off from 0.5 s to 15 s). */
  handshakesPerMinute: 30,
  /** Live sockets one participant may hold at once (tabs, a reconnect overlapping the old socket). */
  socketsPerParticipant: 5,
  /** Nesting depth of any JSON a client sends (frames and bodies); checked before it is parsed. */
  maxJsonDepth: 32,
  /** Characters of one event's data in the log: bigger is refused when the command is handled. */
  maxEventChars: 4_000_000,
  /** Failed sign-ins and handshakes one address may make per rolling minute (token guessing). */
  failedJoinsPerMinute: 20,
  /** API requests one address may make per minute (a page load makes a handful; a NAT'd office shares one address). */
  requestsPerMinute: 1200,
  /** `view.changed` events one session may record per rolling minute (tab and branch switches; the client debounces). */
  viewChangesPerMinute: 60,
  /** Answers per case in a stability run (`testrun.start.repeat`). */
  maxRepeat: 10,
  /** A JSON Schema expectation, serialized: bounded before it is ever compiled. */
  maxSchemaChars: 20_000,
  maxSchemaDepth: 16,
  /** Requests to /api/auth/* one address may make per minute, failed or not. */
  signInsPerMinute: 30,
} as const;
