/** API tests: unit and HTTP integration, on the database named by TEST_DATABASE (sqlite | postgres). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
    // otplib's crypto and base32 plugins (@noble, @scure) ship only as ES modules; Jest needs CommonJS.
    '^.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs', target: 'ES2022', isolatedModules: true } }],
  },
  transformIgnorePatterns: ['node_modules/(?!(\\.pnpm/[^/]+/node_modules/)?(@scure|@noble)/)'],
  setupFiles: ['reflect-metadata'],
  testTimeout: 30_000,
  // Each file gets its own database, so files may run in parallel on both cores.
  maxWorkers: 2,
};
