import fc from 'fast-check';

// Random values shaped by a JSON schema, for checking one validator against another: values
// that fit (at their bounds too: a string of exactly maxLength astral characters), values with
// a near miss here and there at any depth (a string or a number just past its bound, a required
// key dropped, an unknown key added, a wrong type), and any JSON at all. Knows the keywords our
// schemas use; an unknown type fails loudly.

type Schema = Record<string, unknown>;

/** Longest string built at a length bound: longer bounds are tested with short strings only. */
const LONGEST = 10_000;

export function valuesOf(schema: Schema): fc.Arbitrary<unknown> {
  // Per value, how often (in 100) each part of it misses: 0 gives values that fit throughout.
  return fc.oneof(
    { weight: 2, arbitrary: shaped(schema, 0) },
    ...[1, 3, 10, 30].map((missRate) => ({ weight: 1, arbitrary: shaped(schema, missRate) })),
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  );
}

function shaped(schema: Schema, missRate: number): fc.Arbitrary<unknown> {
  const fit = fitting(schema, missRate);
  return missRate === 0 ? fit : fc.oneof({ weight: 100 - missRate, arbitrary: fit }, { weight: missRate, arbitrary: nearMiss(schema) });
}

function fitting(schema: Schema, missRate: number): fc.Arbitrary<unknown> {
  if (schema.anyOf) return fc.oneof(...(schema.anyOf as Schema[]).map((option) => shaped(option, missRate)));
  if ('const' in schema) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...(schema.enum as unknown[]));
  const type = schema.type;
  if (Array.isArray(type)) return fc.oneof(...type.map((t) => fitting({ ...schema, type: t }, missRate)));
  switch (type) {
    case 'string':
      return strings(schema);
    case 'number':
    case 'integer':
      return numbers(schema, type === 'integer');
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return arrays(schema, missRate);
    case 'object':
      return objects(schema, missRate);
    case undefined:
      return fc.jsonValue({ maxDepth: 2 });
    default:
      throw new Error(`schema-values: unknown type ${String(type)}`);
  }
}

function strings(schema: Schema): fc.Arbitrary<string> {
  const { minLength = 0, maxLength, pattern } = schema as { minLength?: number; maxLength?: number; pattern?: string };
  const fits = (s: string) => {
    const length = [...s].length;
    return length >= minLength && (maxLength === undefined || length <= maxLength);
  };
  if (pattern) return fc.stringMatching(new RegExp(pattern, 'u')).filter(fits);
  const top = Math.min(maxLength ?? 8, minLength + 8);
  const options: fc.Arbitrary<string>[] = [
    fc.string({ minLength, maxLength: top }),
    fc.string({ unit: 'grapheme', minLength, maxLength: top }).filter(fits),
    // At the bounds, in ASCII and in astral characters (two UTF-16 units, one code point each).
    ...[minLength, maxLength]
      .filter((n): n is number => n !== undefined && n <= LONGEST)
      .flatMap((n) => [fc.constant('x'.repeat(n)), fc.constant('😀'.repeat(n))]),
  ];
  return fc.oneof(...options);
}

function numbers(schema: Schema, integer: boolean): fc.Arbitrary<number> {
  const { minimum, maximum, exclusiveMinimum, exclusiveMaximum } = schema as Record<string, number | undefined>;
  const low = minimum ?? (exclusiveMinimum !== undefined ? exclusiveMinimum + 1 : -1_000);
  const high = maximum ?? (exclusiveMaximum !== undefined ? exclusiveMaximum - 1 : 1_000_000);
  const within = integer
    ? fc.integer({ min: Math.ceil(low), max: Math.floor(high) })
    : fc.double({ min: low, max: high, noNaN: true, noDefaultInfinity: true });
  return fc.oneof(
    within,
    fc.constantFrom(low, high).filter((n) => !integer || Number.isInteger(n)),
  );
}

function arrays(schema: Schema, missRate: number): fc.Arbitrary<unknown[]> {
  const { items = {}, minItems = 0, maxItems } = schema as { items?: Schema; minItems?: number; maxItems?: number };
  const item = shaped(items, missRate);
  return fc.array(item, { minLength: minItems, maxLength: Math.max(minItems, Math.min(maxItems ?? 3, 3)) });
}

function objects(schema: Schema, missRate: number): fc.Arbitrary<Record<string, unknown>> {
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const required = new Set((schema.required ?? []) as string[]);
  const patternItems = Object.values((schema.patternProperties ?? {}) as Record<string, Schema>);
  // Optional keys come and go.
  const entries = Object.entries(properties).map(([key, item]) => {
    const present = shaped(item, missRate).map((value) => [key, value] as const);
    return required.has(key) ? present : fc.option(present, { nil: undefined, freq: 3 });
  });
  const more =
    patternItems.length > 0
      ? fc.dictionary(fc.string({ maxLength: 4 }), shaped(patternItems[0]!, missRate), { maxKeys: 3 })
      : fc.constant({});
  return fc.tuple(fc.tuple(...entries), more).map(([pairs, extra]) => {
    const value: Record<string, unknown> = { ...extra };
    for (const pair of pairs) if (pair) value[pair[0]] = pair[1];
    return value;
  });
}

/** Something in the place of a value of this schema that is just not one (or, for anyOf, may still be one). */
function nearMiss(schema: Schema): fc.Arbitrary<unknown> {
  const misses: fc.Arbitrary<unknown>[] = [fc.jsonValue({ maxDepth: 1 })];
  if (schema.anyOf) misses.push(...(schema.anyOf as Schema[]).map(nearMiss));
  if ('const' in schema) misses.push(fc.constant(`${String(schema.const)}!`));
  const { minLength, maxLength, minimum, maximum, exclusiveMinimum, exclusiveMaximum, minItems, maxItems, pattern } = schema as Record<
    string,
    number & string
  >;
  for (const n of [minLength === undefined ? undefined : minLength - 1, maxLength === undefined ? undefined : maxLength + 1]) {
    if (n !== undefined && n >= 0 && n <= LONGEST) misses.push(fc.constant('x'.repeat(n)), fc.constant('😀'.repeat(n)));
  }
  if (pattern) misses.push(fc.constantFrom('', ' ', '-', 'A'));
  for (const bound of [minimum, maximum, exclusiveMinimum, exclusiveMaximum])
    if (bound !== undefined) misses.push(fc.constantFrom(bound - 1, bound, bound + 1, bound + 0.5));
  if (schema.type === 'integer') misses.push(fc.constantFrom(0.5, Number.NaN, Number.POSITIVE_INFINITY));
  if (schema.type === 'number') misses.push(fc.constantFrom(Number.NaN, Number.NEGATIVE_INFINITY, '1'));
  if (schema.type === 'array') {
    const item = fitting((schema.items ?? {}) as Schema, 0);
    if (maxItems !== undefined && maxItems < 30) misses.push(fc.array(item, { minLength: maxItems + 1, maxLength: maxItems + 1 }));
    if (minItems !== undefined && minItems > 0) misses.push(fc.array(item, { minLength: minItems - 1, maxLength: minItems - 1 }));
  }
  if (schema.type === 'object') {
    const required = (schema.required ?? []) as string[];
    const whole = fitting(schema, 0) as fc.Arbitrary<Record<string, unknown>>;
    misses.push(whole.map((value) => ({ ...value, x: 1 })));
    if (required.length > 0)
      misses.push(
        fc
          .tuple(whole, fc.constantFrom(...required))
          .map(([value, key]) => Object.fromEntries(Object.entries(value).filter(([k]) => k !== key))),
      );
  }
  return fc.oneof(...misses);
}
