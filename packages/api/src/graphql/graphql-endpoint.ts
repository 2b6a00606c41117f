import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import type { Server } from 'node:http';
import type { Config } from '../config';
import { clientInfo } from '../http/client-info';
import { clearAuthCookie, readCookie, readSessionToken, setAuthCookie, type AuthCookieOptions } from '../http/cookies';
import { requestIdOf } from '../http/request-id';
import type { SessionService } from '../modules/auth/session.service';
import type { TwoFactorRequirement } from '../modules/two-factor/two-factor-requirement';
import type { Metrics } from '../observability/metrics';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import { codeCheckLimitPlugin, type RefusedCodeChecks } from './code-check-limit.plugin';
import type { Caller, RequestContext, ResolverClass } from './context';
import { documentLimitRules } from './document-limit-rules';
import { DOCUMENT_PARSE_OPTIONS } from './document-limits';
import { maskUnexpectedErrors } from './format-error';
import { nulInputPlugin } from './nul-input.plugin';
import { requestErrors } from './request-errors.handler';
import { requestLogPlugin } from './request-log.plugin';
import { retryAfterPlugin } from './retry-after.plugin';
import { buildLatchkeySchema } from './schema';

const JSON_BODY_LIMIT = '100kb';

export interface GraphQLEndpointDeps {
  config: Config;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  sessions: SessionService;
  twoFactorRequirement: Pick<TwoFactorRequirement, 'overdue'>;
  /** Charges the code checks of a request refused for naming several. */
  refusedCodeChecks: RefusedCodeChecks;
  httpServer: Server;
  /** Resolver instances by class (type-graphql asks the context for them). */
  resolvers: ReadonlyMap<ResolverClass, object>;
}

/**
 * The `/graphql` endpoint: Apollo Server with the schema, the production switches of SPEC §3, and
 * a context that knows the caller from the bearer token or the session cookie.
 */
export async function createGraphQLEndpoint(deps: GraphQLEndpointDeps): Promise<{
  handler: Array<RequestHandler | ErrorRequestHandler>;
  stop(): Promise<void>;
}> {
  const { config, sessions, clock } = deps;
  const production = config.nodeEnv === 'production';
  const apollo = new ApolloServer<RequestContext>({
    schema: await buildLatchkeySchema(),
    introspection: !production,
    hideSchemaDetailsFromClientErrors: production,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    // main.ts owns SIGTERM and SIGINT: Apollo's own handling would stop the server and re-raise the
    // signal (exit 143) before the app drains requests and closes the database and the limit store.
    stopOnTerminationSignals: false,
    formatError: maskUnexpectedErrors,
    // Documents too large, deep, aliased or costly are refused before anything runs.
    parseOptions: DOCUMENT_PARSE_OPTIONS,
    validationRules: documentLimitRules,
    plugins: [
      codeCheckLimitPlugin(deps.refusedCodeChecks),
      nulInputPlugin,
      requestLogPlugin(deps.metrics),
      retryAfterPlugin,
      ApolloServerPluginDrainHttpServer({ httpServer: deps.httpServer }),
      ...(production ? [ApolloServerPluginLandingPageDisabled()] : []),
    ],
  });
  await apollo.start();

  const cookie: AuthCookieOptions = { name: config.session.cookieName, secure: config.session.secureCookie, path: '/' };
  const remembered: AuthCookieOptions = {
    name: config.session.rememberedBrowserCookieName,
    secure: config.session.secureCookie,
    path: '/graphql',
  };
  const maxAgeUntil = (end: Date) => end.getTime() - clock.now().getTime();
  const middleware = expressMiddleware(apollo, {
    context: async ({ req, res }): Promise<RequestContext> => {
      const token = readSessionToken(req, cookie.name);
      let caller: Caller = { kind: 'anonymous' };
      if (token !== undefined) {
        const found = token ? await sessions.lookup(token) : { status: 'dead' as const };
        caller = found.status === 'valid' ? { kind: 'session', session: found.session, user: found.user } : { kind: 'dead-session' };
        // A dead cookie would fail every request until the browser drops it: drop it now.
        if (caller.kind === 'dead-session' && !req.headers.authorization) clearAuthCookie(res, cookie);
      }
      let overdue: Promise<boolean> | undefined;
      const signedInUser = caller.kind === 'session' ? caller.user : null;
      return {
        caller,
        twoFactorOverdue: () => (overdue ??= signedInUser ? deps.twoFactorRequirement.overdue(signedInUser) : Promise.resolve(false)),
        client: clientInfo(req),
        logger: deps.logger.child({ requestId: requestIdOf(req) }),
        setSessionCookie: (value, expiresAt) => setAuthCookie(res, cookie, value, maxAgeUntil(expiresAt)),
        clearSessionCookie: () => clearAuthCookie(res, cookie),
        rememberedBrowser: readCookie(req, remembered.name),
        setRememberedBrowserCookie: (value, expiresAt) => setAuthCookie(res, remembered, value, maxAgeUntil(expiresAt)),
        clearRememberedBrowserCookie: () => clearAuthCookie(res, remembered),
        resolvers: deps.resolvers,
      };
    },
  });
  return {
    handler: [express.json({ limit: JSON_BODY_LIMIT }), middleware, requestErrors(deps.logger)],
    stop: () => apollo.stop(),
  };
}
