/**
 * API tests: unit and HTTP integration, once on SQLite and once on PostgreSQL (with Redis), as two
 * projects of one run; files that open no database run once, in the SQLite project.
 * `TEST_DATABASE=sqlite` (or `postgres`) runs one of them alone.
 */
const DATABASES = ['sqlite', 'postgres'];
const only = process.env.TEST_DATABASE;
// A misspelt name would leave no project, and Jest would then run every file without its transform.
if (only && !DATABASES.includes(only)) throw new Error(`TEST_DATABASE must be sqlite or postgres (got ${only})`);
const databases = DATABASES.filter((database) => !only || only === database);

const project = (database) => ({
  displayName: database,
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // `*.postgres.test.ts` need a server database (dropped connections, several API processes);
  // `*.no-db.test.ts` open no database at all, so running them twice would prove nothing more.
  testPathIgnorePatterns: ['/node_modules/', database === 'postgres' ? '\\.no-db\\.test\\.ts$' : '\\.postgres\\.test\\.ts$'],
  // Read by test/support/test-app.ts: the database every app of this project's files runs on.
  globals: { TEST_DATABASE: database },
  // TypeScript, and the dependencies that ship only as ES modules (otplib's @noble and @scure
  // plugins, the uuid under @vonage/server-sdk: Node 20 loads them, Jest on Node 20 needs them in
  // CommonJS), compiled with one cache for both projects (test/support/compile-for-jest.cjs).
  transform: { '^.+\\.[jt]s$': '<rootDir>/test/support/compile-for-jest.cjs' },
  transformIgnorePatterns: ['node_modules/(?!(\\.pnpm/[^/]+/node_modules/)?(@scure|@noble|uuid)/)'],
  setupFiles: ['reflect-metadata'],
});

module.exports = {
  projects: databases.map(project),
  // One temporary folder per run, under which every test's folders go, removed at the end.
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  testTimeout: 30_000,
  // Each file gets its own database, so files run in parallel. Four workers on two cores: a
  // PostgreSQL file spends much of its time waiting on the server, and a SQLite file fills it.
  maxWorkers: 4,
  // By the last file each worker holds about 1 GB, and four of them exiting at once on two cores
  // take about 2 s to give it back. Jest's default 500 ms would kill them and call it a leak.
  workerGracefulExitTimeout: 5_000,
};
