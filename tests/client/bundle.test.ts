import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// What reaches the browser, read from the built client (`npm run build` first; `npm test` does
// it): no schema library, and the live channel's frame schema put in as JSON by the build.

const assets = new URL('../../dist/client/assets/', import.meta.url);

function scripts(): [string, string][] {
  if (!existsSync(assets)) throw new Error('dist/client is missing: run `npm run build` first');
  return readdirSync(assets)
    .filter((name) => name.endsWith('.js'))
    .map((name) => [name, readFileSync(new URL(name, assets), 'utf8')]);
}

describe('the browser bundle', () => {
  it('carries no TypeBox code', () => {
    // '~kind' and '~optional' are the keys TypeBox marks its schemas with; its name is in its errors.
    const found = scripts().flatMap(([name, code]) =>
      ['~kind', '~optional', 'typebox', 'TypeBox'].filter((marker) => code.includes(marker)).map((marker) => `${name}: ${marker}`),
    );
    expect(found).toEqual([]);
  });

  it('has the server frame schema written in, not left as a name to look up', () => {
    const code = scripts()
      .map(([, text]) => text)
      .join('\n');
    expect(code).not.toContain('__SERVER_FRAME_SCHEMA__');
    expect(code).toMatch(/const:\s*["'`]turn\.delta["'`]/);
  });
});
