import type { FastifySchemaValidationError } from 'fastify';

/**
 * Validation messages that name the field, e.g. `body/candidateEmail must match format "email"`
 * or `body/titel is not a known field` (Ajv's own message for an unknown field names none).
 */
export function namedFieldErrors(errors: FastifySchemaValidationError[], dataVar: string): Error {
  const parts = errors.flatMap((error) => {
    const path = `${dataVar}${error.instancePath}`;
    // Ajv names one field per error; TypeBox (strict-validator.ts) lists them.
    const params = error.params as {
      additionalProperty?: string;
      missingProperty?: string;
      additionalProperties?: string[];
      requiredProperties?: string[];
    };
    if (error.keyword === 'boolean') return []; // TypeBox's echo of an unknown field, named below
    if (error.keyword === 'additionalProperties') {
      const names = params.additionalProperties ?? (params.additionalProperty ? [params.additionalProperty] : []);
      return names.map((name) => `${path}/${name} is not a known field`);
    }
    if (error.keyword === 'required') {
      const names = params.requiredProperties ?? (params.missingProperty ? [params.missingProperty] : []);
      return names.map((name) => `${path}/${name} is required`);
    }
    return [`${path} ${error.message ?? 'is invalid'}`];
  });
  return new Error([...new Set(parts)].slice(0, 10).join('; '));
}
