import type { JsonSchema } from '$shared/json-schema-check';
import schema from 'virtual:server-frame-schema';

// shared/protocol-schemas.ts's ServerFrame as plain JSON Schema, written into the bundle at build
// time (vite.config.ts's server-frame-schema module, its repeated parts shared): the page checks
// frames by the schema without loading TypeBox.
export const SERVER_FRAME_SCHEMA: JsonSchema = schema;
