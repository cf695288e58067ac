import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { tsImport } from 'tsx/esm/api';
import { defineConfig, type Plugin } from 'vite';

// The client lives in client/; it imports the pure code in shared/ through the $shared alias.
const apiPort = process.env.PORT ?? '3000';

/**
 * `schema` (plain JSON) as a module's default export, each part that recurs at length written once
 * and shared: the event union is in both the event frame and the batch frame, and written twice
 * it is twice the gzip, each copy past the other's compression window.
 */
export function sharedPartsModule(schema: unknown): string {
  const counts = new Map<string, number>();
  const count = (node: unknown) => {
    if (typeof node !== 'object' || node === null) return;
    const json = JSON.stringify(node);
    counts.set(json, (counts.get(json) ?? 0) + 1);
    Object.values(node).forEach(count);
  };
  count(schema);
  const names = new Map<string, string>();
  const parts: string[] = [];
  const write = (node: unknown): string => {
    const json = JSON.stringify(node);
    if (typeof node !== 'object' || node === null) return json;
    const named = names.get(json);
    if (named) return named;
    const code = Array.isArray(node)
      ? `[${node.map(write).join(',')}]`
      : `{${Object.entries(node)
          .map(([key, value]) => `${JSON.stringify(key)}:${write(value)}`)
          .join(',')}}`;
    if ((counts.get(json) ?? 0) < 2 || json.length < 1000) return code;
    const name = `part${parts.length}`;
    parts.push(`const ${name} = ${code};`);
    names.set(json, name);
    return name;
  };
  const root = write(schema);
  return `${parts.join('\n')}\nexport default ${root};\n`;
}

export default defineConfig(async () => {
  // The live channel's frame schema, as plain JSON: the page checks every frame by it
  // (client/src/lib/live/server-frame-schema.ts) and never loads TypeBox, which runs only here.
  const { ServerFrame } = (await tsImport('./shared/protocol-schemas.ts', import.meta.url)) as typeof import('./shared/protocol-schemas');
  const schemaId = 'virtual:server-frame-schema';
  const frameSchema: Plugin = {
    name: 'server-frame-schema',
    resolveId: (id) => (id === schemaId ? `\0${schemaId}` : undefined),
    load: (id) => (id === `\0${schemaId}` ? sharedPartsModule(JSON.parse(JSON.stringify(ServerFrame))) : undefined),
  };
  return {
    root: fileURLToPath(new URL('./client', import.meta.url)),
    plugins: [svelte({ configFile: false }), frameSchema],
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
