import 'reflect-metadata';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { DataSource } from 'typeorm';
import type { Config } from './config';
import { composeModules, openAppDatabase, RESOLVER_CLASSES, type ModuleOverrides, type Modules } from './composition-root';
import { loggableError } from './db/data-source';
import { answerFor, httpStatusOf } from './errors/answer';
import { createGraphQLEndpoint, isGraphQLPath } from './graphql/graphql-endpoint';
import { metricsAccess } from './http/metrics-access';
import { requestId } from './http/request-id';
import { sendJson } from './http/send-json';
import { panelContentSecurityPolicy, securityHeaders } from './http/security-headers';
import { serveSinglePageApp } from './http/spa';
import type { Metrics } from './observability/metrics';
import { systemClock, type Clock } from './shared/clock';
import { OffsetFileClock } from './shared/offset-file-clock';
import { createLogger, type Logger } from './shared/logger';

export interface AppOverrides extends ModuleOverrides {
  clock?: Clock;
  logger?: Logger;
}

export interface LatchkeyApp {
  readonly server: Server;
  readonly dataSource: DataSource;
  /** Every module as the composition root built it (tests reach services through it). */
  readonly modules: Modules;
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** Listens on config.port (0 = any free port) and answers the base URL. */
  listen(): Promise<string>;
  /** Stops accepting, lets requests in flight finish, then closes the database. */
  close(): Promise<void>;
}

/** Builds the whole app from its configuration: database, services, GraphQL and the panel. */
export async function createApp(config: Config, overrides: AppOverrides = {}): Promise<LatchkeyApp> {
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const clock = overrides.clock ?? clockOf(config, logger);
  const dataSource = await openAppDatabase(config, { migrate: config.runMigrations });
  const { metrics, counterStore, modules, resolvers } = composeModules(config, dataSource, { clock, logger }, overrides);

  const app = express();
  app.disable('x-powered-by');
  // Once shutting down, a request that reaches us on a kept-alive connection is refused cleanly
  // (503, connection closed) before any work: only requests already in flight are finished.
  let stopping = false;
  const server = createServer();
  const graphql = await createGraphQLEndpoint({
    config,
    clock,
    logger,
    metrics,
    sessions: modules.auth.sessions,
    apiTokens: modules.apiTokens.tokens,
    twoFactorRequirement: modules.twoFactor.twoFactor.requirement,
    refusedCodeChecks: modules.twoFactor.refusedCodeChecks,
    httpServer: server,
    resolverClasses: RESOLVER_CLASSES,
    resolvers,
  });
  // `/graphql` goes straight to its endpoint; Express serves the rest (the panel, health, metrics).
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (stopping) {
      res.setHeader('Connection', 'close');
      res.setHeader('Retry-After', '1');
      sendJson(res, httpStatusOf('SERVER_STOPPING'), { errors: [answerFor('SERVER_STOPPING')] });
    } else if (isGraphQLPath(req.url)) {
      graphql.handle(req, res);
    } else {
      app(req, res);
    }
  });

  app.use(requestId, securityHeaders({ production: config.nodeEnv === 'production' }));
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const checks = { database: () => dataSource.query('SELECT 1'), limits: () => counterStore.ready() };
    const failing: string[] = [];
    await Promise.all(
      Object.entries(checks).map(([name, check]) =>
        check().catch((error: unknown) => {
          logger.warn({ err: loggableError(error), check: name }, 'not ready');
          failing.push(name);
        }),
      ),
    );
    if (failing.length === 0) res.json({ status: 'ready' });
    else res.status(503).json({ status: 'unavailable', failing: failing.sort() });
  });
  app.get('/metrics', metricsAccess({ token: config.metricsToken, production: config.nodeEnv === 'production' }), async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  app.use(panelContentSecurityPolicy);
  serveSinglePageApp(app, config.webDistDir, logger);
  // Approved recoveries complete on time even when nobody signs in (the CLI, sharing the modules, never starts it).
  modules.recovery.completion.start();

  return {
    server,
    dataSource,
    modules,
    logger,
    metrics,
    listen: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.port, config.host, () => {
          const { port } = server.address() as AddressInfo;
          const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
          // A serving process sends webhooks too: every process's dispatcher takes from the one queue.
          modules.webhooks.dispatcher.start();
          resolve(`http://${host}:${port}`);
        });
      }),
    close: async () => {
      stopping = true;
      await graphql.stop(); // the drain plugin stops accepting and waits for requests in flight
      if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
      // Work answered requests left running (a reset link being sent) finishes before the database closes.
      await modules.account.background.settled();
      // Attempts in flight are cut short and given back to the queue, for another process or the next start.
      await modules.webhooks.dispatcher.stop();
      await modules.recovery.completion.stop();
      await dataSource.destroy();
      await counterStore.close();
    },
  };
}

/** The system clock, or outside production the test clock TEST_CLOCK_FILE names (config refuses it in production). */
function clockOf(config: Config, logger: Logger): Clock {
  if (!config.testClockFile) return systemClock;
  logger.warn({ file: config.testClockFile }, 'TEST_CLOCK_FILE is set: the server time is moved by the offset that file holds');
  return new OffsetFileClock(config.testClockFile);
}
