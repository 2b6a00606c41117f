// First: it sizes the thread pool, which must happen before anything starts the pool.
import './thread-pool';
import './v8-flags';
import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { createApp } from './app';
import { ConfigError, loadConfig } from './config';
import { createLogger, serverLogDestination } from './shared/logger';

async function main(): Promise<void> {
  // A .env file in the working directory, when there is one, fills in unset variables.
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = loadConfig();
  const logger = createLogger(config.logLevel, serverLogDestination());
  const app = await createApp(config, { logger });
  const url = await app.listen();
  logger.info(
    { url, database: config.database.type, limits: config.redisUrl ? 'redis' : 'memory' },
    `Latchkey is listening: panel ${url}/ and API ${url}/graphql`,
  );

  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error('Latchkey failed to start:', error instanceof Error ? error.message : error);
  }
  process.exit(1);
});
