import type { ErrorCode } from '$shared/errors';

/** A rejected command: the server's typed error, or `disconnected` when no answer can come. */
export class CommandError extends Error {
  readonly code: ErrorCode | 'disconnected';
  constructor(code: ErrorCode | 'disconnected', message: string) {
    super(message);
    this.name = 'CommandError';
    this.code = code;
  }
}
