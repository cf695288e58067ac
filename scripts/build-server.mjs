// Bundles the server into dist/server/server.mjs: one file of our code (dependencies stay in
// node_modules), so `npm start` and the crash tests start in a fraction of a second instead
// of compiling TypeScript on the fly.
import { build } from 'esbuild';

await build({
  entryPoints: ['server/server.ts'],
  outfile: 'dist/server/server.mjs',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
