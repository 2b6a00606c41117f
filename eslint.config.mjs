// Lint for the whole monorepo: typescript-eslint with type information, React's hooks rules for the
// panel, and eslint-config-prettier last so that formatting is Prettier's alone.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/',
      '**/dist/',
      // The build bench:compare measures against (docs/benchmarks.md).
      'packages/api/dist-baseline/',
      '**/coverage/',
      'data/',
      'packages/web/src/generated/',
      'packages/web/src/**/*.generated.ts',
      'examples/*/src/generated/',
      'packages/*/data/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        // The widest config of each package: sources, tests, scripts and browser tests.
        project: [
          'packages/api/tsconfig.json',
          'packages/web/tsconfig.node.json',
          'examples/typescript/tsconfig.json',
          'bench/tsconfig.json',
        ],
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.node },
    },
    rules: {
      // Unused parameters named with a leading underscore say "required by the shape, unused here".
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      // An async function that happens not to await (an in-memory store behind an async interface) is fine.
      '@typescript-eslint/require-await': 'off',
      // React's event props take async handlers; their promises are handled inside.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // Tests read GraphQL answers as untyped JSON by path; a wrong path fails the assertion anyway.
    files: ['packages/*/test/**', 'packages/*/e2e/**', 'packages/**/*.test.{ts,tsx}', 'bench/test/**'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['packages/web/src/**/*.{ts,tsx}', 'packages/web/test/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Plain JavaScript files (configs, small scripts) are not part of a TypeScript project.
    files: ['**/*.{js,mjs,cjs}'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // CommonJS by necessity (pnpm loads .pnpmfile.cjs with require).
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
