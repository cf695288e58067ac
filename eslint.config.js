// The linter: the rules the compiler cannot state. Type-aware, so that every `switch` over a
// union ends by handling each member (a new command, event or frame type fails here until it
// is handled everywhere), and the import graph stays one-way: client → shared, server → shared.
import tseslint from 'typescript-eslint';

const restrict = (patterns) => ['error', { patterns: patterns.map(([group, message]) => ({ group, message })) }];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'client/dist/**', 'test-artifacts/**', 'bench/results/**'] },
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: false },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        [['**/server/**', '**/client/**'], 'shared/ is pure: it imports nothing from server/ or client/.'],
        [
          ['node:*', 'fs', 'path', 'drizzle-orm', 'drizzle-orm/*', 'better-sqlite3'],
          'shared/ runs in the browser too: no Node or database module.',
        ],
      ]),
    },
  },
  {
    files: ['client/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        [['**/server/**'], 'The client never imports server code: only shared/ (types from shared/api).'],
      ]),
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: { 'no-restricted-imports': restrict([[['**/client/**'], 'The server never imports client code.']]) },
  },
);
