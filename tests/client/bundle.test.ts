import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ServerFrame } from '../../shared/protocol-schemas';
import { sharedPartsModule } from '../../vite.config';

// What reaches the browser, read from the built client (`npm run build` first; `npm test` does
// it): no schema library, and the live channel's frame schema written in by the build.

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
    expect(code).not.toContain('virtual:server-frame-schema');
    expect(code).toMatch(/const:\s*["'`]turn\.delta["'`]/);
  });

  it('writes the frame schema whole, the event union once for the event and batch frames', async () => {
    const schema: unknown = JSON.parse(JSON.stringify(ServerFrame));
    const source = sharedPartsModule(schema);
    const written = ((await import(`data:text/javascript,${encodeURIComponent(source)}`)) as { default: unknown }).default;
    expect(written).toEqual(schema);
    expect(source.length).toBeLessThan(JSON.stringify(schema).length * 0.6);
  });
});
