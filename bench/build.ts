import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

// `npm run bench` on a fresh clone must not need a build first: the replay row opens the built
// client in Chromium, and `npm start`'s server bundle is what users run. This builds both
// (`npm run build`) when dist/ is missing or older than the sources it is built from.

/** What dist/ is built from: a change in any of these makes the build stale. */
export const BUILD_SOURCES = ['client', 'shared', 'server', 'vite.config.ts', 'package-lock.json', 'scripts'];

/** The built files whose age tells whether the build is stale. */
export const BUILD_OUTPUTS = ['dist/client/index.html', 'dist/server/server.mjs'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/** Why the build must run again (an output missing, or a source newer than it), or null when it is current. */
export function staleBuild(root: string, sources = BUILD_SOURCES, outputs = BUILD_OUTPUTS): string | null {
  const missing = outputs.find((output) => !existsSync(join(root, output)));
  if (missing) return `${missing} is missing`;
  const built = Math.min(...outputs.map((output) => statSync(join(root, output)).mtimeMs));
  const newer = sources.find((source) => newestMtime(join(root, source)) > built);
  return newer ? `${newer} changed since the last build` : null;
}

/** Runs `npm run build` when the build is stale; throws when the build fails (nothing could be measured right). */
export function ensureBuilt(root: string, log: (line: string) => void): void {
  const why = staleBuild(root);
  if (!why) return;
  log(`▶ build (${why}): npm run build`);
  const result = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) throw new Error(`npm run build failed (exit ${result.status ?? result.signal}).`);
}
