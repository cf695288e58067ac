import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { entryScript, staticClosure } from '../../bench/client-weight';
import { AREA_LOADERS, AREAS } from '../../client/src/lib/i18n/areas';

// What a candidate's page fetches before its first paint, read from the built client (`npm run
// build` first; `npm test` does it) the way bench/client-weight.ts (row 8) measures it: the entry
// script and every script it and the candidate's view import statically. The regex engine and
// the dictionary come by `import()`: the engine when a pattern is checked, and of the dictionary
// only the areas the view shows (row 8 counts those), in the language the page shows.

const dist = fileURLToPath(new URL('../../dist/client/', import.meta.url));
const scripts = readdirSync(`${dist}assets`).filter((name) => name.endsWith('.js'));
const read = (file: string) => readFileSync(`${dist}${file}`, 'utf8');

function firstLoad(view: string): string[] {
  const chunk = scripts.find((name) => name.startsWith(`${view}-`));
  if (!chunk) throw new Error(`no ${view} chunk in dist/client/assets`);
  return [...new Set([...staticClosure(dist, entryScript(dist)), ...staticClosure(dist, `assets/${chunk}`)])];
}

/**
 * The files (among `files`) that hold a language's dictionary: most of its longer messages, as
 * the bundle writes them (a few are also the server's English, in shared code).
 */
function dictionaryFiles(messages: Record<string, string>, other: Record<string, string>, files: string[]): string[] {
  const samples = Object.entries(messages)
    .filter(([key, text]) => text.length >= 40 && text !== other[key] && !/[\n\\`"'$]/.test(text))
    .map(([, text]) => text);
  expect(samples.length).toBeGreaterThan(0);
  return files.filter((file) => {
    const code = read(file);
    return samples.filter((text) => code.includes(text)).length > samples.length / 2;
  });
}

const ENGINE_MARKER = 'RE2JSSyntaxException'; // a class name re2js keeps through minification

describe("the candidate's first load", () => {
  const files = firstLoad('CandidateView');
  const all = scripts.map((name) => `assets/${name}`);

  it('leaves out the regex engine, which is in the build for later', () => {
    expect(all.filter((file) => read(file).includes(ENGINE_MARKER))).toHaveLength(1);
    expect(files.filter((file) => read(file).includes(ENGINE_MARKER))).toEqual([]);
  });

  it('carries no dictionary: each area of each language is a file of its own, fetched for the page that shows it', async () => {
    for (const area of AREAS) {
      const [en, fr] = await Promise.all([AREA_LOADERS.en[area](), AREA_LOADERS.fr[area]()]);
      const english = dictionaryFiles(en, fr, all);
      const french = dictionaryFiles(fr, en, all);
      expect(english, area).toHaveLength(1);
      expect(french, area).toHaveLength(1);
      expect(english, area).not.toEqual(french);
      expect(files).not.toContain(english[0]);
      expect(files).not.toContain(french[0]);
    }
  });
});
