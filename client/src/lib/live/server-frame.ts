import { isErrorCode } from '../../../../shared/errors';
import { matchesSchema, type JsonSchema } from '../../../../shared/json-schema-check';
import type { ServerFrame } from '../../../../shared/protocol';

// The client's edge: a frame from the server is applied only once it matches the schema its
// type is derived from (shared/protocol-schemas.ts's ServerFrame, as JSON: server-frame-schema.ts).

/** The frame, or null when it is not one the server sends: the caller reports it and stops. */
export function parseServerFrame(raw: unknown, schema: JsonSchema): ServerFrame | null {
  if (typeof raw !== 'string') return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  // A newer server's error code reads as `internal`: the frame still settles its command.
  if (
    typeof value === 'object' &&
    value !== null &&
    (value as { type?: unknown }).type === 'error' &&
    !isErrorCode(String((value as { code?: unknown }).code))
  ) {
    value = { ...value, code: 'internal' };
  }
  try {
    return matchesSchema(schema, value) ? (value as ServerFrame) : null;
  } catch (error) {
    // A keyword the checker does not know (tests/shared/json-schema-check.test.ts keeps them out).
    console.error(error);
    return null;
  }
}
