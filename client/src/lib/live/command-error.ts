import type { ErrorCode } from '$shared/errors';
import type { FieldProblem } from '$shared/problems';

/** A rejected command: the server's typed error, or `disconnected` when no answer can come. */
export class CommandError extends Error {
  readonly code: ErrorCode | 'disconnected';
  /** What is wrong with which field of the command's data, when the server said. */
  readonly problems: FieldProblem[];
  constructor(code: ErrorCode | 'disconnected', message: string, problems: FieldProblem[] = []) {
    super(message);
    this.name = 'CommandError';
    this.code = code;
    this.problems = problems;
  }
}
