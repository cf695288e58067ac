import type { CommandData, CommandName } from '$shared/commands';
import type { FieldProblem } from '$shared/problems';
import type { I18n } from './i18n/i18n.svelte';
import { CommandError } from './live/command-error';
import type { LiveSocket } from './live/live-socket.svelte';

// Sends commands for a view and remembers the last failure, so it can be shown inline.

export interface CommandOptions {
  /** No inline error for this one (a debounced draft). */
  quiet?: boolean;
  /** The server named what is wrong with which field: the form shows each under its field. */
  onProblems?: (problems: FieldProblem[]) => void;
}

export class CommandRunner {
  readonly #connection: LiveSocket;
  /** Commands in flight, by name, so buttons can show progress. */
  busy: Partial<Record<CommandName, boolean>> = $state({});
  error: CommandError | null = $state.raw(null);

  constructor(connection: LiveSocket) {
    this.#connection = connection;
  }

  /** Runs a command; resolves true on ack, false (with `error` set) on a typed error. */
  async run<N extends CommandName>(name: N, data: CommandData<N>, options: CommandOptions = {}): Promise<boolean> {
    this.busy[name] = true;
    if (!options.quiet) this.error = null;
    try {
      await this.#connection.send(name, data);
      return true;
    } catch (error) {
      const failure = error instanceof CommandError ? error : new CommandError('internal', String(error));
      // Problems a form shows under their fields need no banner on top.
      const shownByForm = options.onProblems !== undefined && failure.problems.length > 0;
      if (!options.quiet && !shownByForm) this.error = failure;
      if (shownByForm) options.onProblems?.(failure.problems);
      return false;
    } finally {
      this.busy[name] = false;
    }
  }

  dismiss(): void {
    this.error = null;
  }
}

export function describeCommandError(i18n: I18n, error: CommandError): string {
  return error.code === 'disconnected' ? i18n.t('error.disconnected') : i18n.error(error.code);
}
