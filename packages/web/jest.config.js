// Projects: `unit` (jsdom components, pure functions and the codegen staleness check), `e2e` (a
// real Chromium against the built API and SPA; also the bundle budget) and `screenshots` (the
// README's pictures, written to /docs/screenshots). `pnpm test` runs unit and e2e;
// `pnpm screenshots` runs the last.

/** ts-jest only transpiles here (isolatedModules); `pnpm typecheck` does the type checking. */
const transform = { '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.node.json' }] };

/** @type {import('jest').Config} */
export default {
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'jsdom',
      roots: ['<rootDir>/src', '<rootDir>/test'],
      testMatch: ['**/*.test.ts', '**/*.test.tsx'],
      setupFiles: ['<rootDir>/test/jsdomGaps.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
      // Above the longest wait for the page (test/setup.ts), so a slow page fails as such.
      testTimeout: 15_000,
      moduleNameMapper: { '\\.css$': '<rootDir>/test/styleStub.ts' },
      transform,
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      roots: ['<rootDir>/e2e'],
      testMatch: ['**/*.e2e.test.ts'],
      // One build of the panel for every browser test file.
      globalSetup: '<rootDir>/e2e/globalSetup.ts',
      transform,
    },
    {
      displayName: 'screenshots',
      testEnvironment: 'node',
      roots: ['<rootDir>/e2e'],
      testMatch: ['**/*.screenshots.ts'],
      globalSetup: '<rootDir>/e2e/globalSetup.ts',
      transform,
    },
  ],
};
