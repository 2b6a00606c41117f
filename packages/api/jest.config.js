/** API tests: unit and HTTP integration, on the database named by TEST_DATABASE (sqlite | postgres). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // `*.postgres.test.ts` need a server database (dropped connections, several API processes).
  testPathIgnorePatterns: process.env.TEST_DATABASE === 'postgres' ? ['/node_modules/'] : ['/node_modules/', '\\.postgres\\.test\\.ts$'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
    // Some dependencies ship only as ES modules (otplib's @noble and @scure plugins, the uuid under
    // @vonage/server-sdk). Node 20 loads them; Jest on Node 20 needs them compiled to CommonJS.
    '^.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs', target: 'ES2022', isolatedModules: true } }],
  },
  transformIgnorePatterns: ['node_modules/(?!(\\.pnpm/[^/]+/node_modules/)?(@scure|@noble|uuid)/)'],
  setupFiles: ['reflect-metadata'],
  testTimeout: 30_000,
  // Each file gets its own database, so files may run in parallel on both cores.
  maxWorkers: 2,
};
