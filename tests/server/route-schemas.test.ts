import { readdirSync, readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// The server's side of the REST contract: a route names its request and response schemas,
// each imported from shared/ (shared/api/ for the REST shapes), and builds none of its own.

const routesDir = new URL('../../server/routes/', import.meta.url);
const routeFiles = readdirSync(routesDir).filter((name) => name.endsWith('.ts'));
const PARTS = ['body', 'querystring', 'params', 'headers'];

function check(name: string): string[] {
  const source = ts.createSourceFile(name, readFileSync(new URL(name, routesDir), 'utf8'), ts.ScriptTarget.Latest, true);
  const fromShared = new Set<string>();
  const problems: string[] = [];
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const from = statement.moduleSpecifier.text;
    // The schema builder (its types, and typebox/compile or /value to validate, are fine).
    if (from === 'typebox' && !statement.importClause?.isTypeOnly) problems.push(`builds schemas with typebox: they belong in shared/api/`);
    const bindings = statement.importClause?.namedBindings;
    if (from.startsWith('../../shared/') && bindings && ts.isNamedImports(bindings))
      for (const b of bindings.elements) fromShared.add(b.name.text);
  }
  const isShared = (node: ts.Expression) => ts.isIdentifier(node) && fromShared.has(node.text);
  const isErrors = (node: ts.Node) => ts.isCallExpression(node) && node.expression.getText(source) === 'errors';
  const visit = (node: ts.Node) => {
    if (ts.isPropertyAssignment(node) && node.name.getText(source) === 'schema' && ts.isObjectLiteralExpression(node.initializer)) {
      for (const part of node.initializer.properties) {
        if (!ts.isPropertyAssignment(part)) continue;
        const key = part.name.getText(source);
        const line = source.getLineAndCharacterOfPosition(part.getStart()).line + 1;
        if (PARTS.includes(key) && !isShared(part.initializer)) problems.push(`line ${line}: ${key} is not a schema from shared/`);
        if (key === 'response') {
          const response = part.initializer;
          const fine =
            isErrors(response) ||
            (ts.isObjectLiteralExpression(response) &&
              response.properties.every(
                (p) => (ts.isSpreadAssignment(p) && isErrors(p.expression)) || (ts.isPropertyAssignment(p) && isShared(p.initializer)),
              ));
          if (!fine) problems.push(`line ${line}: a response is not a schema from shared/`);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return problems;
}

describe('route schemas', () => {
  it.each(routeFiles)('%s takes every request and response schema from shared/', (name) => {
    expect(check(name)).toEqual([]);
  });
});
