import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Starts the worker thread whose entry is `name` in the directory of the module at `here`
 * (that module's `import.meta.url`). In production the entry is the bundle's sibling file,
 * `name.mjs` (scripts/server-build.mjs bundles each one); from the TypeScript sources (tests,
 * `npm run dev`) it is `name.ts` beside the caller, loaded through tsx's API.
 */
export function startWorker(here: string, name: string): Worker {
  if (!here.endsWith('.ts')) return new Worker(new URL(`./${name}.mjs`, here));
  const tsx = pathToFileURL(join(dirname(createRequire(here).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;
  const entry = new URL(`./${name}.ts`, here).href;
  return new Worker(`import(${JSON.stringify(tsx)}).then((tsx) => tsx.tsImport(${JSON.stringify(entry)}, ${JSON.stringify(here)}))`, {
    eval: true,
  });
}
