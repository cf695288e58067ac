import type { PatternIssue } from '$shared/pattern-issue';
import { LazyModule } from './lazy-module.svelte';

// The regex engine (re2js, ~46 kB gzipped, shared/pattern.ts) is its own chunk, fetched the
// first time a page checks a pattern or opens an editor of checks, not with the page: most
// screens never show one. Until it arrives the browser says nothing about a pattern (no false
// error), and the server, which compiles every pattern it is sent, still refuses a bad one.

const engine = new LazyModule(() => import('$shared/pattern'));

/** Starts fetching the engine (once); resolves when it is in, or when the fetch failed (a later check tries again). */
export function loadPatternChecker(): Promise<void> {
  return engine.load();
}

/**
 * Why `pattern` cannot run, null when it can or while the engine is still on its way. Read in
 * a `$derived`, the verdict updates by itself once the engine has loaded.
 */
export function browserPatternIssue(pattern: string, flags = ''): PatternIssue | null {
  if (!engine.current) {
    void engine.load();
    return null;
  }
  return engine.current.patternIssue(pattern, flags);
}
