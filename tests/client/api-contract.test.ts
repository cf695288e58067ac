import { readFileSync } from 'node:fs';
import Type, { type TSchema } from 'typebox';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as Exercise from '../../shared/exercise';
import { apiSchemas } from '../helpers/api-schemas';
import { importGraph } from '../helpers/import-graph';

// The client's side of the REST contract is shared/api/, by types only: every endpoint's answer
// is one of its types, and no page or component declares its own copy of one of its shapes.

function parse(path: string, text = readFileSync(path, 'utf8')): ts.SourceFile {
  const script = path.endsWith('.svelte') ? [...text.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n') : text;
  return ts.createSourceFile(path, script, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
}

function walk(node: ts.Node, visit: (node: ts.Node) => void): void {
  visit(node);
  ts.forEachChild(node, (child) => walk(child, visit));
}

/** Names the file imports from shared/api/, and whether every such import is `import type`. */
function sharedApiImports(source: ts.SourceFile): { names: Set<string>; valueImports: string[] } {
  const names = new Set<string>();
  const valueImports: string[] = [];
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    if (!/^(\$shared\/|(\.\.\/)+shared\/)api\//.test(statement.moduleSpecifier.text)) continue;
    const clause = statement.importClause;
    const bindings = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : [];
    for (const binding of bindings) {
      names.add(binding.name.text);
      if (!clause!.isTypeOnly && !binding.isTypeOnly) valueImports.push(binding.name.text);
    }
  }
  return { names, valueImports };
}

const clientFiles = [...importGraph(['client/src']).keys()];

describe('the client side of the REST contract', () => {
  it.each(clientFiles.filter((file) => readFileSync(file, 'utf8').includes('apiRequest<')))(
    '%s: every answer is typed by a shared/api type',
    (file) => {
      const source = parse(file);
      const { names } = sharedApiImports(source);
      const untyped: string[] = [];
      walk(source, (node) => {
        if (!ts.isCallExpression(node) || node.expression.getText(source) !== 'apiRequest' || !node.typeArguments) return;
        const [answer] = node.typeArguments;
        const text = answer!.getText(source);
        const fromContract = ts.isTypeReferenceNode(answer!) && ts.isIdentifier(answer.typeName) && names.has(answer.typeName.text);
        if (!fromContract && text !== 'void' && text !== 'unknown') untyped.push(text);
      });
      expect(untyped, 'apiRequest<…> answers not typed by shared/api').toEqual([]);
    },
  );

  it('imports shared/api only as types, so that the schema library stays out of the bundle', () => {
    const valueImports = clientFiles.flatMap((file) => sharedApiImports(parse(file)).valueImports.map((name) => `${file}: ${name}`));
    expect(valueImports).toEqual([]);
  });

  it('declares no copy of a shared shape (an interface or object type with the fields of a shared/api or exercise schema)', () => {
    const shapes = [
      ...apiSchemas(),
      ...Object.entries(Exercise as Record<string, unknown>).filter(
        (entry): entry is [string, TSchema] => typeof entry[1] === 'object' && Type.IsSchema(entry[1]),
      ),
    ]
      .map(
        ([name, schema]) =>
          [
            name,
            Object.keys((schema as { properties?: object }).properties ?? {})
              .sort()
              .join(','),
          ] as const,
      )
      .filter(([, keys]) => keys.split(',').length >= 3);
    const copies: string[] = [];
    for (const file of clientFiles) {
      const source = parse(file);
      walk(source, (node) => {
        if (!ts.isInterfaceDeclaration(node) && !ts.isTypeLiteralNode(node)) return;
        const keys = node.members
          .filter(ts.isPropertySignature)
          .map((member) => member.name.getText(source))
          .sort()
          .join(',');
        for (const [name, shape] of shapes) if (keys === shape) copies.push(`${file}: { ${keys} } is ${name}`);
      });
    }
    expect(copies).toEqual([]);
  });
});
