import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApp, type LatchkeyApp } from '../../src/app';
import { loadConfig, type Config } from '../../src/config';
import { ManualClock } from '../../src/shared/clock';
import { createLogger } from '../../src/shared/logger';
import { GraphQLClient } from './graphql-client';
import { createScratchPostgres, type ScratchDatabase } from './postgres';

/** Which database this run tests: the package's `test:sqlite` and `test:postgres` scripts set it. */
export const TEST_DATABASE = process.env.TEST_DATABASE === 'postgres' ? 'postgres' : 'sqlite';

export interface TestApp {
  app: LatchkeyApp;
  config: Config;
  clock: ManualClock;
  url: string;
  dataDir: string;
  /** A client without a session; `client.withToken(t)` or `client.withCookies()` for one with. */
  client: GraphQLClient;
  close(): Promise<void>;
}

/**
 * The whole API on a free port, on a fresh, migrated database (a new SQLite file or a new
 * PostgreSQL database) with a clock the test moves. close() drops the database.
 */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'latchkey-test-'));
  let postgres: ScratchDatabase | undefined;
  if (TEST_DATABASE === 'postgres') postgres = await createScratchPostgres('test');
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    WEB_DIST_DIR: path.join(dataDir, 'no-panel'),
    LOG_LEVEL: 'silent',
    ...(postgres ? { DATABASE_URL: postgres.url } : {}),
    ...env,
  });
  const clock = new ManualClock();
  const app = await createApp(config, { clock, logger: createLogger(config.logLevel) });
  const url = await app.listen();
  return {
    app,
    config,
    clock,
    url,
    dataDir,
    client: new GraphQLClient(`${url}/graphql`),
    close: async () => {
      await app.close();
      await postgres?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
