// Projects: `unit` (jsdom components, pure functions and the codegen staleness check), `e2e` (a
// real Chromium against the built API and SPA; also the bundle budget) and `screenshots` (the
// README's pictures, written to /docs/screenshots). `pnpm test` runs unit and e2e;
// `pnpm screenshots` runs the last.

/** ts-jest only transpiles here (isolatedModules); `pnpm typecheck` does the type checking. */
const transform = { '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.node.json' }] };

/** @type {import('jest').Config} */
export default {
  // Jest reads the test timeout from the top level, not from a project: 15 s, above the longest
  // wait for a page in the unit tests (test/setup.ts); the browser tests set their own.
  testTimeout: 15_000,
  // Two files at a time, whatever Jest's default (one fewer than the cores): the browser tests
  // spend much of their time waiting (for Chromium, for the API, for the next TOTP step), and on
  // two cores a second file fills those waits. Each file has its own API process and browser.
  maxWorkers: 2,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'jsdom',
      roots: ['<rootDir>/src', '<rootDir>/test'],
      testMatch: ['**/*.test.ts', '**/*.test.tsx'],
      setupFiles: ['<rootDir>/test/jsdomGaps.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
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
