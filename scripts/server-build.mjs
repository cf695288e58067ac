// How the server is bundled: one file of our code (dependencies stay in node_modules) and,
// beside it, the worker threads' entries (server/worker-thread.ts looks for them there).
// `outdir` must sit two levels under the repository: the bundle finds migrations/ at ../../.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const source = (path) => fileURLToPath(new URL(`../${path}`, import.meta.url));

export async function buildServer(outdir) {
  await build({
    entryPoints: {
      server: source('server/server.ts'),
      'check-worker': source('server/checks/check-worker.ts'),
      'provider-worker': source('server/llm/threads/provider-worker.ts'),
    },
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
  return `${outdir}/server.mjs`;
}
