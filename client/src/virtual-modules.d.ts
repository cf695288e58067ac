// Modules the build writes (vite.config.ts).
declare module 'virtual:server-frame-schema' {
  const schema: import('$shared/json-schema-check').JsonSchema;
  export default schema;
}
