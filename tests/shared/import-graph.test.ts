import { describe, expect, it } from 'vitest';
import { cyclesOf, importGraph, type Import } from '../helpers/import-graph';

// The house rules: client → shared, server → shared, never shared → server
// or client, never client ↔ server; no cycle; and the browser never loads the schema library.

const graph = importGraph();
const arrows = (from: string, to: (edge: Import) => boolean) =>
  [...graph].flatMap(([file, imports]) => (file.startsWith(from) ? imports.filter(to).map((edge) => `${file} → ${edge.target}`) : []));

describe('the import graph', () => {
  it('has no cycle of runtime imports', () => {
    expect(cyclesOf(graph, (edge) => !edge.typeOnly)).toEqual([]);
  });

  it('has no arrow from shared/ to server/ or client/, nor between server/ and client/', () => {
    expect(arrows('shared/', (edge) => edge.local && !edge.target.startsWith('shared/'))).toEqual([]);
    expect(arrows('server/', (edge) => edge.local && edge.target.startsWith('client/'))).toEqual([]);
    expect(arrows('client/', (edge) => edge.local && edge.target.startsWith('server/'))).toEqual([]);
  });

  // The schema library (server-side schemas), the linear-time regex engine and the word diff
  // (pure JavaScript, run by the server and every browser alike): nothing with Node, the DOM or a database.
  const SHARED_PACKAGES = new Set(['typebox', 're2js', 'diff']);
  it('keeps shared/ pure: its only packages are the schema library, the regex engine and the diff', () => {
    // A package's own module counts as the package (shared/diff.ts imports diff's word module alone).
    const packageOf = (target: string) => target.split('/')[0]!;
    expect(arrows('shared/', (edge) => !edge.local && !SHARED_PACKAGES.has(packageOf(edge.target)))).toEqual([]);
  });

  it('never brings the schema library into the browser: nothing the client loads at run time imports it', () => {
    const loaded = new Set<string>();
    const load = (file: string) => {
      if (loaded.has(file)) return;
      loaded.add(file);
      for (const edge of graph.get(file) ?? []) if (edge.local && !edge.typeOnly) load(edge.target);
    };
    for (const file of graph.keys()) if (file.startsWith('client/')) load(file);
    const schemaLibrary = [...loaded].filter((file) =>
      graph.get(file)?.some((edge) => !edge.local && !edge.typeOnly && edge.target.startsWith('typebox')),
    );
    expect(schemaLibrary).toEqual([]);
  });
});
