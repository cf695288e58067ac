import { Compile } from 'typebox/compile';
import { COMMAND_DATA, type Command, type CommandName } from '../../shared/commands';
import { AtelierError } from '../../shared/errors';

// Command payloads are parsed once, here, against the schemas in shared/commands.ts.

const validators = Object.fromEntries(
  Object.entries(COMMAND_DATA).map(([name, schema]) => [name, Compile(schema)]),
) as { [N in CommandName]: ReturnType<typeof Compile<(typeof COMMAND_DATA)[N]>> };

export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(COMMAND_DATA, name);
}

export function parseCommand(name: string, data: unknown): Command {
  if (!isCommandName(name)) throw new AtelierError('unknown_command', `Unknown command "${name.slice(0, 64)}".`);
  const validator = validators[name];
  if (!validator.Check(data)) {
    const first = validator.Errors(data)[0];
    const where = first?.instancePath ? ` at ${first.instancePath}` : '';
    throw new AtelierError('invalid_payload', `Invalid "${name}" data${where}: ${first?.message ?? 'does not match the schema'}.`);
  }
  return { name, data } as Command;
}
