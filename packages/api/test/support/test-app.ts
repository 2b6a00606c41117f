import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApp, type LatchkeyApp } from '../../src/app';
import { loadConfig, type Config } from '../../src/config';
import { ManualClock } from '../../src/shared/clock';
import { createLogger } from '../../src/shared/logger';
import { latestOutboxRecord, type OutboxRecord } from '../../src/delivery/outbox/outbox';
import { rememberSecret, secretsFoundIn } from './secrets-seen';
import { GraphQLClient } from './graphql-client';
import { createScratchPostgres, type ScratchDatabase } from './postgres';

/** Which database this file tests: each project of jest.config.js (sqlite, postgres) names its own. */
export const TEST_DATABASE = (globalThis as { TEST_DATABASE?: string }).TEST_DATABASE === 'postgres' ? 'postgres' : 'sqlite';

/**
 * How long the in-process server keeps an idle connection open: longer than any test. In here the
 * server shares one event loop with the tests' client, and Jest's sandbox makes some synchronous
 * code far slower than Node runs it (qrcode's own PNG encoder took about a second per TOTP set-up
 * on a busy machine; it is no longer used, but other code can stall the loop the same way). When
 * the loop woke, timers ran before sockets were read: the server's 5-second idle timer destroyed
 * connections holding an unread request, and the client saw `fetch failed: read ECONNRESET`.
 * Node's default stays in production.
 */
const IN_PROCESS_KEEP_ALIVE_MS = 10 * 60_000;

export interface TestApp {
  app: LatchkeyApp;
  config: Config;
  /** Stops the app and starts it again on the same database and DATA_DIR, with these settings changed. */
  restart(envChanges: Record<string, string>): Promise<void>;
  clock: ManualClock;
  url: string;
  dataDir: string;
  /** A client without a session; `client.withToken(t)` or `client.withCookies()` for one with. */
  client: GraphQLClient;
  /** Everything the app logged (at debug level), as JSON lines. */
  logs(): string;
  /** The newest message the dev outbox holds for `to`; fails the test when there is none. */
  lastMessageTo(to: string): Promise<OutboxRecord & { code: string }>;
  /** Stops the app, drops its database, and fails if any secret the tests used reached the logs. */
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
  const baseEnv: Record<string, string> = {
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    WEB_DIST_DIR: path.join(dataDir, 'no-panel'),
    LOG_LEVEL: 'silent',
    // Tests register many accounts from 127.0.0.1; the tests of the limit turn it on.
    REGISTER_LIMIT_PER_IP: '0',
    ...(postgres ? { DATABASE_URL: postgres.url } : {}),
    ...env,
  };
  const clock = new ManualClock();
  const logLines: string[] = [];
  const logger = createLogger(env.LOG_LEVEL ?? 'debug', { write: (line: string) => void logLines.push(line) });
  const start = async (settings: Record<string, string>) => {
    // Thousands of passwords and recovery codes are hashed here: a cheap hash, the rest unchanged.
    // Production-mode tests keep the standard cost (the configuration allows no other there).
    const config = loadConfig({ ...(settings.NODE_ENV === 'test' ? { PASSWORD_HASH_COST: 'test' } : {}), ...settings });
    const app = await createApp(config, { clock, logger });
    app.server.keepAliveTimeout = IN_PROCESS_KEEP_ALIVE_MS;
    const url = await app.listen();
    return { config, app, url, client: new GraphQLClient(`${url}/graphql`) };
  };
  const testApp: TestApp = {
    ...(await start(baseEnv)),
    clock,
    dataDir,
    async restart(envChanges) {
      await testApp.app.close();
      Object.assign(testApp, await start({ ...baseEnv, ...envChanges }));
    },
    logs: () => logLines.join(''),
    async lastMessageTo(to) {
      const record = await latestOutboxRecord(testApp.config.delivery.outboxPath, { to });
      if (!record?.code) throw new Error(`no message with a code was sent to ${to}`);
      rememberSecret(record.code);
      return record as OutboxRecord & { code: string };
    },
    async close() {
      await testApp.app.close();
      await postgres?.drop();
      rmSync(dataDir, { recursive: true, force: true });
      const leaked = secretsFoundIn(logLines.join(''));
      if (leaked.length > 0) throw new Error(`secrets reached the logs: ${leaked.length} value(s), e.g. ${leaked[0]!.slice(0, 3)}…`);
    },
  };
  return testApp;
}
