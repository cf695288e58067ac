import { describe, expect, it } from 'vitest';
import { problemsOfSchemaError } from '../../shared/problems';

// Validator errors → field problems a client can translate. Fastify's ajv names one field per
// error; TypeBox lists them: both must land on the field itself.

describe('problemsOfSchemaError', () => {
  it('puts a missing or unknown field on the field, from ajv and from TypeBox alike', () => {
    expect(problemsOfSchemaError({ instancePath: '/rubric/0', keyword: 'required', params: { missingProperty: 'title' } })).toEqual([
      { path: '/rubric/0/title', rule: 'required', message: 'is required' },
    ]);
    expect(
      problemsOfSchemaError({ instancePath: '', keyword: 'required', params: { requiredProperties: ['brief', 'title'] } }, '/content'),
    ).toEqual([
      { path: '/content/brief', rule: 'required', message: 'is required' },
      { path: '/content/title', rule: 'required', message: 'is required' },
    ]);
    expect(problemsOfSchemaError({ instancePath: '', keyword: 'additionalProperties', params: { additionalProperty: 'titel' } })).toEqual([
      { path: '/titel', rule: 'unknown_field', message: 'is not a known field' },
    ]);
  });

  it('keeps the limit of a bound, and names the expected type', () => {
    expect(
      problemsOfSchemaError({
        instancePath: '/timeLimitMinutes',
        keyword: 'minimum',
        params: { limit: 1, comparison: '>=' },
        message: 'must be >= 1',
      }),
    ).toEqual([{ path: '/timeLimitMinutes', rule: 'too_small', params: { limit: 1 }, message: 'must be >= 1' }]);
    expect(
      problemsOfSchemaError({ instancePath: '/title', keyword: 'maxLength', params: { limit: 200 }, message: 'too long' })[0],
    ).toMatchObject({ rule: 'too_long', params: { limit: 200 } });
    expect(problemsOfSchemaError({ instancePath: '/questions', keyword: 'maxItems', params: { limit: 50 } })[0]).toMatchObject({
      rule: 'too_many',
      params: { limit: 50 },
    });
    expect(problemsOfSchemaError({ instancePath: '/x', keyword: 'type', params: { type: 'integer' } })[0]).toMatchObject({
      rule: 'type',
      params: { type: 'integer' },
    });
  });

  it('says "not allowed" for a value outside a union, and "invalid" for a keyword it does not know', () => {
    expect(problemsOfSchemaError({ instancePath: '/role', keyword: 'anyOf', params: {} })[0]).toMatchObject({
      path: '/role',
      rule: 'not_allowed',
    });
    expect(problemsOfSchemaError({ instancePath: '', keyword: 'dependentRequired', params: {}, message: 'needs b' })).toEqual([
      { path: '/', rule: 'invalid', message: 'needs b' },
    ]);
  });
});
