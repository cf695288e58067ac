import { LIMITS } from '../../shared/limits';
import { jsonDepthExceeds } from '../json-depth';

/**
 * Why a value cannot be a JSON Schema before any compiling: its kind, size and depth. Cheap and
 * free of the schema compiler, so the event loop may ask; compiling happens on the check worker.
 */
export function schemaBoundsIssue(schema: unknown): string | null {
  if (typeof schema !== 'boolean' && (typeof schema !== 'object' || schema === null || Array.isArray(schema)))
    return 'A JSON Schema is an object (or true / false).';
  const text = JSON.stringify(schema);
  if (text.length > LIMITS.maxSchemaChars) return `The schema is too large (${text.length} characters; at most ${LIMITS.maxSchemaChars}).`;
  if (jsonDepthExceeds(text, LIMITS.maxSchemaDepth)) return `The schema nests too deeply (at most ${LIMITS.maxSchemaDepth} levels).`;
  return null;
}
