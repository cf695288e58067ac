// Checks a value against a schema given as plain JSON Schema (a TypeBox schema serialized), so
// that the browser can validate what it receives by the same schemas without loading the schema
// library. It knows the keywords our schemas use, with TypeBox's meaning of each (finite numbers,
// lengths in code points, `u` regular expressions); any other keyword is refused, never ignored.
// tests/shared/json-schema-check.test.ts checks it against TypeBox on random values.

export type JsonSchema = { readonly [keyword: string]: unknown };

/** Keywords that describe and never constrain. */
const ANNOTATIONS = new Set([
  '$id',
  '$schema',
  '$comment',
  'title',
  'description',
  'default',
  'examples',
  'deprecated',
  'readOnly',
  'writeOnly',
]);

const CHECKED = new Set([
  'type',
  'const',
  'enum',
  'anyOf',
  'properties',
  'required',
  'additionalProperties',
  'patternProperties',
  'items',
  'minItems',
  'maxItems',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'pattern',
]);

/** Every keyword of the schema, at any depth, that matchesSchema does not know (it would throw on it). */
export function unsupportedKeywords(schema: JsonSchema): string[] {
  const found = new Set<string>();
  const walk = (node: JsonSchema) => {
    for (const [keyword, value] of Object.entries(node)) {
      if (!CHECKED.has(keyword) && !ANNOTATIONS.has(keyword)) found.add(keyword);
      if (keyword === 'anyOf') (value as JsonSchema[]).forEach(walk);
      else if (keyword === 'properties' || keyword === 'patternProperties')
        Object.values(value as Record<string, JsonSchema>).forEach(walk);
      else if ((keyword === 'items' || keyword === 'additionalProperties') && typeof value === 'object' && value !== null)
        walk(value as JsonSchema);
    }
  };
  walk(schema);
  return [...found].sort();
}

export function matchesSchema(schema: JsonSchema, value: unknown): boolean {
  for (const keyword in schema) {
    if (!CHECKED.has(keyword)) {
      if (ANNOTATIONS.has(keyword)) continue;
      throw new Error(`json-schema-check: unsupported keyword "${keyword}"`);
    }
  }
  if (schema.type !== undefined && !matchesType(schema.type as string | string[], value)) return false;
  if ('const' in schema && !sameValue(schema.const, value)) return false;
  if (schema.enum !== undefined && !(schema.enum as unknown[]).some((option) => sameValue(option, value))) return false;
  if (schema.anyOf !== undefined && !(schema.anyOf as JsonSchema[]).some((option) => matchesSchema(option, value))) return false;
  if (typeof value === 'string') return matchesString(schema, value);
  if (typeof value === 'number') return matchesNumber(schema, value);
  if (Array.isArray(value)) return matchesArray(schema, value);
  if (typeof value === 'object' && value !== null) return matchesObject(schema, value as Record<string, unknown>);
  return true;
}

function matchesType(type: string | string[], value: unknown): boolean {
  return Array.isArray(type) ? type.some((t) => isOfType(t, value)) : isOfType(type, value);
}

function isOfType(type: string, value: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return Number.isFinite(value);
    case 'integer':
      return Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'null':
      return value === null;
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    default:
      throw new Error(`json-schema-check: unknown type "${type}"`);
  }
}

function matchesString(schema: JsonSchema, value: string): boolean {
  const { minLength, maxLength, pattern } = schema as { minLength?: number; maxLength?: number; pattern?: string };
  if (minLength !== undefined || maxLength !== undefined) {
    // JSON Schema counts code points, not UTF-16 units.
    const length = [...value].length;
    if (minLength !== undefined && length < minLength) return false;
    if (maxLength !== undefined && length > maxLength) return false;
  }
  return pattern === undefined || regex(pattern).test(value);
}

function matchesNumber(schema: JsonSchema, value: number): boolean {
  const { minimum, maximum, exclusiveMinimum, exclusiveMaximum } = schema as Record<string, number | undefined>;
  if (minimum !== undefined && !(value >= minimum)) return false;
  if (maximum !== undefined && !(value <= maximum)) return false;
  if (exclusiveMinimum !== undefined && !(value > exclusiveMinimum)) return false;
  return exclusiveMaximum === undefined || value < exclusiveMaximum;
}

function matchesArray(schema: JsonSchema, value: unknown[]): boolean {
  const { items, minItems, maxItems } = schema as { items?: JsonSchema; minItems?: number; maxItems?: number };
  if (minItems !== undefined && value.length < minItems) return false;
  if (maxItems !== undefined && value.length > maxItems) return false;
  return items === undefined || value.every((item) => matchesSchema(items, item));
}

function matchesObject(schema: JsonSchema, value: Record<string, unknown>): boolean {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = (schema.required ?? []) as string[];
  const patterns = Object.entries((schema.patternProperties ?? {}) as Record<string, JsonSchema>).map(
    ([pattern, item]) => [regex(pattern), item] as const,
  );
  const additional = schema.additionalProperties as boolean | JsonSchema | undefined;
  if (!required.every((key) => key in value)) return false;
  for (const [key, item] of Object.entries(properties)) {
    // As TypeBox reads it: an optional property may be absent or undefined.
    if (!required.includes(key) && (!(key in value) || value[key] === undefined)) continue;
    if (!matchesSchema(item, value[key])) return false;
  }
  for (const [key, item] of Object.entries(value)) {
    for (const [pattern, itemSchema] of patterns) if (pattern.test(key) && !matchesSchema(itemSchema, item)) return false;
  }
  if (additional === undefined || additional === true) return true;
  return Object.getOwnPropertyNames(value).every((key) => {
    if (Object.hasOwn(properties, key) || patterns.some(([pattern]) => pattern.test(key))) return true;
    return additional !== false && matchesSchema(additional, value[key]);
  });
}

function sameValue(expected: unknown, value: unknown): boolean {
  if (expected === value) return true;
  if (typeof expected !== 'object' || expected === null || typeof value !== 'object' || value === null) return false;
  if (Array.isArray(expected) !== Array.isArray(value)) return false;
  const keys = Object.keys(expected);
  return (
    keys.length === Object.keys(value).length &&
    keys.every(
      (key) => Object.hasOwn(value, key) && sameValue((expected as Record<string, unknown>)[key], (value as Record<string, unknown>)[key]),
    )
  );
}

const regexes = new Map<string, RegExp>();

function regex(pattern: string): RegExp {
  let compiled = regexes.get(pattern);
  if (!compiled) regexes.set(pattern, (compiled = new RegExp(pattern, 'u')));
  return compiled;
}
