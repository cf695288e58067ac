import { describe, expect, it } from 'vitest';
import { checkJsonSchema, compileSchema, jsonOfAnswer, schemaBoundsIssue, schemaIssue } from '../../../server/checks/json-schema';

// JSON Schema checks: what a candidate's schema may do (nothing slow, nothing remote) and what
// an answer's detail says when it breaks the schema.

const TICKET = {
  type: 'object',
  required: ['intent', 'customer_id'],
  additionalProperties: false,
  properties: {
    intent: { enum: ['outage', 'billing'] },
    customer_id: { type: ['string', 'null'], pattern: '^BW-\\d{5}$' },
  },
};

describe('json_schema checks', () => {
  it('passes JSON that matches, alone or in the first fenced block', () => {
    expect(checkJsonSchema('{"intent":"outage","customer_id":"BW-48213"}', TICKET)).toEqual({ passed: true });
    expect(checkJsonSchema('Here it is:\n```json\n{"intent":"billing","customer_id":null}\n```\nThanks', TICKET)).toEqual({ passed: true });
  });

  it('names the first violations by path', () => {
    const result = checkJsonSchema('{"intent":"refund","customer_id":"48213","extra":1}', TICKET);
    expect(result.passed).toBe(false);
    expect(result.violations?.map((v) => [v.path, v.keyword])).toEqual(
      expect.arrayContaining([
        ['', 'additionalProperties'],
        ['/intent', 'enum'],
        ['/customer_id', 'pattern'],
      ]),
    );
    expect(checkJsonSchema('{"intent":"outage"}', TICKET).violations?.[0]).toMatchObject({
      path: '',
      keyword: 'required',
      params: { missingProperty: 'customer_id' },
    });
  });

  it('fails an answer that is not JSON, saying so', () => {
    const result = checkJsonSchema('Sure! The intent is outage.', TICKET);
    expect(result).toMatchObject({ passed: false, violations: [{ keyword: 'json' }] });
    expect(
      jsonOfAnswer('[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]'.padEnd(200, ']')),
    ).toMatchObject({ ok: false });
  });

  it('refuses what is not a valid 2020-12 schema: wrong types, unknown keywords', () => {
    expect(schemaIssue({ type: 'strin' })).toMatch(/type must be equal to one of the allowed values/);
    expect(schemaIssue({ type: 'object', requird: ['a'] })).toMatch(/unknown keyword/);
    expect(schemaIssue([1, 2])).toMatch(/object/);
    expect(schemaIssue(true)).toBeNull();
    // What plain JSON Schema allows stays allowed: keywords without a type, required names not listed in properties.
    expect(schemaIssue({ required: ['code'], properties: {} })).toBeNull();
    expect(schemaIssue({ properties: { a: { minLength: 1 } } })).toBeNull();
  });

  it('never fetches a remote $ref, and one schema cannot reach another’s $id', () => {
    expect(schemaIssue({ $ref: 'http://127.0.0.1:1/schema.json' })).toMatch(/resolve reference/);
    expect(schemaIssue({ $id: 'https://example.test/a', $defs: { b: { $id: 'https://example.test/b', type: 'number' } } })).toBeNull();
    expect(schemaIssue({ $ref: 'https://example.test/b' })).toMatch(/resolve reference/);
    // Local references work.
    expect(checkJsonSchema('{"a":1}', { $defs: { n: { type: 'number' } }, properties: { a: { $ref: '#/$defs/n' } } })).toEqual({
      passed: true,
    });
  });

  it('runs patterns in the linear-time engine: a backtracking bomb is fast, lookahead is refused', () => {
    const bomb = { type: 'string', pattern: '^(a+)+$' };
    const started = performance.now();
    expect(checkJsonSchema(JSON.stringify('a'.repeat(5_000) + 'b'), bomb).passed).toBe(false);
    expect(
      checkJsonSchema(JSON.stringify({ ['a'.repeat(3_000) + '!']: 1 }), { patternProperties: { '^(a|aa)+$': { type: 'string' } } }).passed,
    ).toBe(true);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(schemaIssue({ type: 'string', pattern: '(?=a)a' })).toMatch(/cannot run/);
  });

  it('treats format as an annotation: no format regex runs', () => {
    expect(checkJsonSchema('"not an email"', { type: 'string', format: 'email' })).toEqual({ passed: true });
  });

  it('bounds a schema before compiling it, and keeps a bounded number compiled', () => {
    expect(schemaBoundsIssue({ description: 'x'.repeat(30_000) })).toMatch(/too large/);
    let deep: unknown = { type: 'object' };
    for (let i = 0; i < 20; i++) deep = { properties: { a: deep } };
    expect(schemaBoundsIssue(deep)).toMatch(/nests too deeply/);
    for (let i = 0; i < 200; i++) expect(compileSchema({ type: 'string', minLength: i }).ok).toBe(true);
  });
});
