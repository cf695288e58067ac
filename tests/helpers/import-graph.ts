import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

// The project's own import graph: which file imports which (repository-relative paths) or which
// package, and whether only its types.

const root = fileURLToPath(new URL('../../', import.meta.url));

export interface Import {
  /** A repository-relative path, or a package name. */
  target: string;
  local: boolean;
  /** `import type` / `export type`: gone once compiled. */
  typeOnly: boolean;
}

/** file → what it imports. */
export type ImportGraph = Map<string, Import[]>;

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(root, dir))) {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|svelte)$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

function scriptOf(path: string): string {
  const text = readFileSync(join(root, path), 'utf8');
  if (!path.endsWith('.svelte')) return text;
  return [...text.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n');
}

function resolveImport(from: string, specifier: string): string | undefined {
  const base = specifier.startsWith('$shared/')
    ? join('shared', specifier.slice('$shared/'.length))
    : specifier.startsWith('.')
      ? join(dirname(from), specifier)
      : undefined;
  if (base === undefined) return undefined;
  for (const candidate of [base, `${base}.ts`, join(base, 'index.ts')]) {
    if (existsSync(join(root, candidate)) && statSync(join(root, candidate)).isFile()) return relative(root, join(root, candidate));
  }
  return base;
}

export function importGraph(dirs: string[] = ['shared', 'server', 'client/src']): ImportGraph {
  const graph: ImportGraph = new Map();
  for (const file of dirs.flatMap(sourceFiles)) {
    const source = ts.createSourceFile(file, scriptOf(file), ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
    const imports: Import[] = [];
    const add = (specifier: ts.Expression | undefined, typeOnly: boolean) => {
      if (!specifier || !ts.isStringLiteral(specifier)) return;
      const target = resolveImport(file, specifier.text);
      imports.push(target === undefined ? { target: specifier.text, local: false, typeOnly } : { target, local: true, typeOnly });
    };
    for (const statement of source.statements) {
      if (ts.isImportDeclaration(statement)) {
        const clause = statement.importClause;
        const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : undefined;
        const typeOnly =
          !!clause && (clause.isTypeOnly || (!clause.name && !!named && named.length > 0 && named.every((e) => e.isTypeOnly)));
        add(statement.moduleSpecifier, typeOnly);
      } else if (ts.isExportDeclaration(statement)) {
        const named = statement.exportClause && ts.isNamedExports(statement.exportClause) ? statement.exportClause.elements : undefined;
        add(statement.moduleSpecifier, statement.isTypeOnly || (!!named && named.length > 0 && named.every((e) => e.isTypeOnly)));
      }
    }
    graph.set(file, imports);
  }
  return graph;
}

/** Every cycle a depth-first walk finds through the imports that are kept, each as its files in order. */
export function cyclesOf(graph: ImportGraph, keep: (edge: Import) => boolean = () => true): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const edge of graph.get(file) ?? []) {
      if (!edge.local || !keep(edge)) continue;
      if (state.get(edge.target) === 'open') cycles.push([...stack.slice(stack.indexOf(edge.target)), edge.target]);
      else if (!state.has(edge.target)) visit(edge.target);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return cycles;
}
