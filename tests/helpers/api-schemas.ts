import { readdirSync } from 'node:fs';
import Type, { type TSchema } from 'typebox';

// Every schema shared/api/ exports, named `file.Export`: the REST contract as tests walk it.

const dir = new URL('../../shared/api/', import.meta.url);

export const apiModules: Record<string, Record<string, unknown>> = Object.fromEntries(
  await Promise.all(
    readdirSync(dir)
      .filter((file) => file.endsWith('.ts'))
      .map(async (file) => [file.replace(/\.ts$/, ''), (await import(new URL(file, dir).href)) as Record<string, unknown>] as const),
  ),
);

export function apiSchemas(): [string, TSchema][] {
  return Object.entries(apiModules).flatMap(([file, exports]) =>
    Object.entries(exports)
      .filter((entry): entry is [string, TSchema] => typeof entry[1] === 'object' && entry[1] !== null && Type.IsSchema(entry[1]))
      .map(([name, schema]): [string, TSchema] => [`${file}.${name}`, schema]),
  );
}
