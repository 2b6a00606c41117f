import 'reflect-metadata';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { DataSource } from 'typeorm';
import type { Config } from './config';
import { loggableError, openDatabase } from './db/data-source';
import type { ResolverClass } from './graphql/context';
import { createGraphQLEndpoint } from './graphql/graphql-endpoint';
import { corsForOrigins } from './http/cors';
import { metricsAccess } from './http/metrics-access';
import { requestId } from './http/request-id';
import { panelContentSecurityPolicy, securityHeaders } from './http/security-headers';
import { serveSinglePageApp } from './http/spa';
import { AuthResolver } from './modules/auth/auth.resolver';
import type { Metrics } from './observability/metrics';
import { createServices, type ServiceOverrides, type Services } from './services';
import { systemClock, type Clock } from './shared/clock';
import { createLogger, type Logger } from './shared/logger';

export interface AppOverrides extends ServiceOverrides {
  clock?: Clock;
  logger?: Logger;
}

export interface LatchkeyApp {
  readonly server: Server;
  readonly dataSource: DataSource;
  readonly services: Pick<Services, 'accounts' | 'sessions' | 'twoFactor'>;
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** Listens on config.port (0 = any free port) and answers the base URL. */
  listen(): Promise<string>;
  /** Stops accepting, lets requests in flight finish, then closes the database. */
  close(): Promise<void>;
}

/** Builds the whole app from its configuration: database, services, GraphQL and the panel. */
export async function createApp(config: Config, overrides: AppOverrides = {}): Promise<LatchkeyApp> {
  const clock = overrides.clock ?? systemClock;
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const dataSource = await openDatabase(config.database, { migrate: config.runMigrations });
  const { metrics, counterStore, sessions, twoFactor, accounts } = createServices(config, dataSource, { clock, logger }, overrides);
  const resolverInstances: object[] = [new AuthResolver(accounts, sessions), ...twoFactor.resolvers];

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  const server = createServer(app);
  const graphql = await createGraphQLEndpoint({
    config,
    clock,
    logger,
    metrics,
    sessions,
    twoFactorRequirement: twoFactor.twoFactor.requirement,
    refusedCodeChecks: twoFactor.refusedCodeChecks,
    httpServer: server,
    resolvers: new Map(resolverInstances.map((instance) => [instance.constructor as ResolverClass, instance])),
  });

  // Once shutting down, a request that reaches us on a kept-alive connection is refused cleanly
  // (503, connection closed) before any work: only requests already in flight are finished.
  let stopping = false;
  app.use((_req, res, next) => {
    if (!stopping) return next();
    res.setHeader('Connection', 'close');
    res.setHeader('Retry-After', '1');
    res.status(503).json({ errors: [{ message: 'The server is restarting. Try again.', extensions: { code: 'SERVICE_UNAVAILABLE' } }] });
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
  app.use('/graphql', corsForOrigins(config.corsOrigins), ...graphql.handler);
  app.use(panelContentSecurityPolicy);
  serveSinglePageApp(app, config.webDistDir, logger);

  return {
    server,
    dataSource,
    services: { accounts, sessions, twoFactor },
    logger,
    metrics,
    listen: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.port, config.host, () => {
          const { port } = server.address() as AddressInfo;
          const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
          resolve(`http://${host}:${port}`);
        });
      }),
    close: async () => {
      stopping = true;
      await graphql.stop(); // the drain plugin stops accepting and waits for requests in flight
      if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
      await dataSource.destroy();
      await counterStore.close();
    },
  };
}
