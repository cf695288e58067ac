import { Compile } from 'typebox/compile';
import { COMMAND_DATA, type Command, type CommandName } from '../../shared/commands';
import { AtelierError } from '../../shared/errors';
import type { SchemaError } from '../../shared/problems';
import { refinedProblems } from '../exercises/expectation-problems';

// Command payloads are parsed once, here, against the schemas in shared/commands.ts.

const validators = Object.fromEntries(Object.entries(COMMAND_DATA).map(([name, schema]) => [name, Compile(schema)])) as {
  [N in CommandName]: ReturnType<typeof Compile<(typeof COMMAND_DATA)[N]>>;
};

export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(COMMAND_DATA, name);
}

export function parseCommand(name: string, data: unknown): Command {
  if (!isCommandName(name)) throw new AtelierError('unknown_command', `Unknown command "${name.slice(0, 64)}".`);
  const validator = validators[name];
  if (!validator.Check(data)) {
    const errors = validator.Errors(data);
    // Each field's problem, so that an editor can say it under the field, in its own language.
    const problems = refinedProblems(errors as SchemaError[], data).slice(0, 10);
    const first = problems[0];
    const where = first && first.path !== '/' ? ` at ${first.path}` : '';
    throw new AtelierError(
      'invalid_payload',
      `Invalid "${name}" data${where}: ${first?.message ?? 'does not match the schema'}.`,
      problems,
    );
  }
  return { name, data } as Command;
}
