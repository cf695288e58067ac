import type { FastifySchema, FastifySchemaCompiler, FastifySchemaValidationError } from 'fastify';
import type { TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { Value } from 'typebox/value';

/**
 * Validates with TypeBox instead of Ajv. Ajv's type coercion rewrites JSON bodies inside
 * nullable unions (`{"maxTokens": null}` becomes `0`, a zero budget); here a body is checked
 * as sent, and only the URL's strings (params, querystring) are converted to their types.
 */
export const strictValidatorCompiler: FastifySchemaCompiler<FastifySchema> = ({ schema, httpPart }) => {
  const validator = Compile(schema as TSchema);
  return (data: unknown) => {
    const value = httpPart === 'body' ? data : Value.Convert(schema as TSchema, data);
    if (validator.Check(value)) return { value };
    const errors: FastifySchemaValidationError[] = validator.Errors(value).map((e) => ({
      keyword: e.keyword,
      instancePath: e.instancePath,
      schemaPath: e.schemaPath,
      params: e.params as Record<string, unknown>,
      message: e.message,
    }));
    return { error: errors as unknown as Error };
  };
};
