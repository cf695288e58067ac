import fc from 'fast-check';
import type { TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { describe, expect, it } from 'vitest';
import { COMMAND_DATA } from '../../shared/commands';
import { EVENT_DATA } from '../../shared/events';
import { matchesSchema, unsupportedKeywords, type JsonSchema } from '../../shared/json-schema-check';
import * as Frames from '../../shared/protocol-schemas';
import { apiSchemas } from '../helpers/api-schemas';
import { valuesOf } from '../helpers/schema-values';

// The browser's checker must say what TypeBox says, on the schemas it is given (as the build
// gives them: serialized to JSON) and on values that fit them, nearly fit, or do not at all.

const asJson = (schema: TSchema) => JSON.parse(JSON.stringify(schema)) as JsonSchema;

/** Asserts agreement on random values, and that both answers came up often enough to mean something. */
function agreesWithTypeBox(schema: TSchema, numRuns: number): void {
  const json = asJson(schema);
  const typebox = Compile(schema);
  let fits = 0;
  fc.assert(
    fc.property(valuesOf(json), (value) => {
      const expected = typebox.Check(value);
      if (expected) fits++;
      expect(matchesSchema(json, value), JSON.stringify(value)).toBe(expected);
    }),
    { numRuns },
  );
  expect(fits, 'values that fit').toBeGreaterThan(numRuns * 0.05);
  expect(fits, 'values that do not').toBeLessThan(numRuns * 0.95);
}

describe('matchesSchema', () => {
  it('agrees with TypeBox on every server frame', () => agreesWithTypeBox(Frames.ServerFrame, 2_000));

  it.each(Object.entries(EVENT_DATA))('agrees with TypeBox on the data of %s', (_type, schema) => agreesWithTypeBox(schema, 150));

  it.each(Object.entries(COMMAND_DATA))('agrees with TypeBox on the data of %s', (_name, schema) => agreesWithTypeBox(schema, 150));

  it.each(['HelloFrame', 'CommandFrame', 'PingFrame'] as const)('agrees with TypeBox on the client frame %s', (name) =>
    agreesWithTypeBox(Frames[name], 1_000),
  );

  // More shapes for the checker, from the REST contract: those that constrain anything, with no keyword it refuses.
  const restShapes = apiSchemas().filter(
    ([, schema]) => ('type' in schema || 'anyOf' in schema) && unsupportedKeywords(asJson(schema)).length === 0,
  );
  it.each(restShapes)('agrees with TypeBox on %s', (_name, schema) => agreesWithTypeBox(schema, 100));

  it('knows every keyword of the server frames (an unknown one would make the page refuse every frame)', () => {
    expect(unsupportedKeywords(asJson(Frames.ServerFrame))).toEqual([]);
  });

  it('refuses a keyword it does not know rather than ignore it', () => {
    expect(unsupportedKeywords({ type: 'object', properties: { a: { type: 'string', format: 'email' } } })).toEqual(['format']);
    expect(() => matchesSchema({ type: 'string', format: 'email' }, 'x')).toThrow(/format/);
  });

  it('wants a required key present even when any value would do', () => {
    const schema = { type: 'object', required: ['data'], properties: { data: {} } };
    expect(matchesSchema(schema, { data: null })).toBe(true);
    expect(matchesSchema(schema, {})).toBe(false);
  });

  it('counts lengths in code points, as JSON Schema does', () => {
    expect(matchesSchema({ type: 'string', maxLength: 2 }, '😀😀')).toBe(true);
    expect(matchesSchema({ type: 'string', maxLength: 2 }, '😀😀😀')).toBe(false);
  });
});
