import type { JsonSchema } from '$shared/json-schema-check';

// shared/protocol-schemas.ts's ServerFrame as plain JSON Schema, written into the bundle at build
// time (vite.config.ts `define`): the page checks frames by the schema without loading TypeBox.
declare const __SERVER_FRAME_SCHEMA__: JsonSchema;

export const SERVER_FRAME_SCHEMA: JsonSchema = __SERVER_FRAME_SCHEMA__;
