import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { tsImport } from 'tsx/esm/api';
import { defineConfig } from 'vite';

// The client lives in client/; it imports the pure code in shared/ through the $shared alias.
const apiPort = process.env.PORT ?? '3000';

export default defineConfig(async () => {
  // The live channel's frame schema, as plain JSON: the page checks every frame by it
  // (client/src/lib/live/server-frame-schema.ts) and never loads TypeBox, which runs only here.
  const { ServerFrame } = (await tsImport('./shared/protocol-schemas.ts', import.meta.url)) as typeof import('./shared/protocol-schemas');
  return {
    root: fileURLToPath(new URL('./client', import.meta.url)),
    plugins: [svelte({ configFile: false })],
    define: { __SERVER_FRAME_SCHEMA__: JSON.stringify(ServerFrame) },
    resolve: {
      alias: { $shared: fileURLToPath(new URL('./shared', import.meta.url)) },
    },
    build: {
      outDir: fileURLToPath(new URL('./dist/client', import.meta.url)),
      emptyOutDir: true,
      sourcemap: true,
      rolldownOptions: {
        // The regex engine (re2js, ~150 kB) in a chunk of its own: cached across app releases, and
        // loaded only by the views that check patterns (workspace, admin), never by the sign-in page.
        output: { codeSplitting: { groups: [{ name: 're2js', test: /node_modules[\\/]re2js/ }] } },
      },
    },
    server: {
      port: Number(process.env.VITE_PORT ?? 5173),
      proxy: {
        '/api': { target: `http://127.0.0.1:${apiPort}`, ws: true, changeOrigin: false },
      },
    },
  };
});
