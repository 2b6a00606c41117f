import 'reflect-metadata';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { DataSource } from 'typeorm';
import type { Config } from './config';
import { openDatabase } from './db/data-source';
import type { Caller, RequestContext } from './graphql/context';
import { codeCheckCountPlugin } from './graphql/code-check-count.plugin';
import { createErrorFormatter } from './graphql/format-error';
import { requestLogPlugin } from './graphql/request-log.plugin';
import { buildLatchkeySchema } from './graphql/schema';
import { clientInfo } from './http/client-info';
import { clearSessionCookie, readSessionToken, setSessionCookie, type SessionCookieOptions } from './http/cookies';
import { serveSinglePageApp } from './http/spa';
import { MemoryCounterStore, type CounterStore } from './limits/counter-store';
import { AccountService } from './modules/auth/account.service';
import { AuthResolver } from './modules/auth/auth.resolver';
import { LoginThrottle } from './modules/auth/login-throttle';
import { SessionService } from './modules/auth/session.service';
import { createTwoFactorModule } from './modules/two-factor/two-factor.module';
import { createSenders } from './delivery/senders';
import type { EmailSender, SmsSender } from './delivery/delivery.types';
import { SecretBox } from './shared/secret-box';
import { systemClock, type Clock } from './shared/clock';
import { createLogger, type Logger } from './shared/logger';

export interface AppOverrides {
  clock?: Clock;
  logger?: Logger;
  counters?: CounterStore;
  /** Mail and SMS senders; by default the configured providers. */
  senders?: { email: EmailSender; sms: SmsSender };
}

export interface LatchkeyApp {
  readonly server: Server;
  readonly dataSource: DataSource;
  readonly services: { accounts: AccountService; sessions: SessionService; twoFactor: ReturnType<typeof createTwoFactorModule> };
  readonly logger: Logger;
  /** Listens on config.port (0 = any free port) and answers the base URL. */
  listen(): Promise<string>;
  close(): Promise<void>;
}

const JSON_BODY_LIMIT = '100kb';

/** Builds the whole app from its configuration: database, services, GraphQL and the panel. */
export async function createApp(config: Config, overrides: AppOverrides = {}): Promise<LatchkeyApp> {
  const clock = overrides.clock ?? systemClock;
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const dataSource = await openDatabase(config.database, { migrate: config.runMigrations });

  const counters = overrides.counters ?? new MemoryCounterStore();
  const sessions = new SessionService(dataSource, clock, config.session);
  const twoFactor = createTwoFactorModule({
    dataSource,
    clock,
    logger,
    secrets: new SecretBox(config.encryptionKey),
    senders: overrides.senders ?? createSenders(config.delivery, { clock, logger }),
    counters,
    sessions,
    issuerName: config.issuerName,
  });
  const throttle = new LoginThrottle(counters, clock);
  const accounts = new AccountService(
    dataSource,
    clock,
    sessions,
    throttle,
    { registrationEnabled: config.registrationEnabled },
    twoFactor.gate,
  );
  const resolverInstances: object[] = [new AuthResolver(accounts, sessions), ...twoFactor.resolvers];
  const resolvers = new Map<Function, object>(resolverInstances.map((instance) => [instance.constructor, instance]));

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  const server = createServer(app);
  const production = config.nodeEnv === 'production';

  const apollo = new ApolloServer<RequestContext>({
    schema: await buildLatchkeySchema(),
    introspection: !production,
    hideSchemaDetailsFromClientErrors: production,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    formatError: createErrorFormatter(logger),
    plugins: [
      codeCheckCountPlugin,
      requestLogPlugin(logger),
      ApolloServerPluginDrainHttpServer({ httpServer: server }),
      ...(production ? [ApolloServerPluginLandingPageDisabled()] : []),
    ],
  });
  await apollo.start();

  const cookie: SessionCookieOptions = { name: config.session.cookieName, secure: config.session.secureCookie };

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.use(
    '/graphql',
    express.json({ limit: JSON_BODY_LIMIT }),
    expressMiddleware(apollo, {
      context: async ({ req, res }): Promise<RequestContext> => {
        const token = readSessionToken(req, cookie.name);
        let caller: Caller = { kind: 'anonymous' };
        if (token !== undefined) {
          const found = token ? await sessions.lookup(token) : { status: 'dead' as const };
          caller = found.status === 'valid' ? { kind: 'session', session: found.session, user: found.user } : { kind: 'dead-session' };
          // A dead cookie would fail every request until the browser drops it: drop it now.
          if (caller.kind === 'dead-session' && !req.headers.authorization) clearSessionCookie(res, cookie);
        }
        return {
          caller,
          client: clientInfo(req),
          setSessionCookie: (value, expiresAt) =>
            setSessionCookie(res, cookie, value, expiresAt.getTime() - clock.now().getTime()),
          clearSessionCookie: () => clearSessionCookie(res, cookie),
          resolvers,
          codeChecksInRequest: 1,
        };
      },
    }),
  );
  serveSinglePageApp(app, config.webDistDir, logger);

  return {
    server,
    dataSource,
    services: { accounts, sessions, twoFactor },
    logger,
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
      await apollo.stop(); // stops accepting, lets in-flight requests finish, closes the HTTP server
      if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
      await dataSource.destroy();
    },
  };
}
