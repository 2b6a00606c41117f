/** API tests: unit and HTTP integration, on the database named by TEST_DATABASE (sqlite | postgres). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  setupFiles: ['reflect-metadata'],
  testTimeout: 30_000,
  // Each file gets its own database, so files may run in parallel on both cores.
  maxWorkers: 2,
};
