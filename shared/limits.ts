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
} as const;
