import { ApolloServer, HeaderMap, type HTTPGraphQLResponse } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Config } from '../config';
import { clientInfoReader } from '../http/client-info';
import { authCookie, readCookie, readSessionToken } from '../http/cookies';
import { corsForOrigins } from '../http/cors';
import { readJsonBody } from '../http/json-body';
import { assignRequestId } from '../http/request-id';
import { setSecurityHeaders } from '../http/security-headers';
import type { Metrics } from '../observability/metrics';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import { apiTokenScopeStep } from './api-token-scope.step';
import { codeCheckLimitStep, type RefusedCodeChecks } from './code-check-limit.step';
import type { ApiTokenAuthenticator, Caller, CallerUser, RequestContext, ResolverClass } from './context';
import { documentLimitRules } from './document-limit-rules';
import { DOCUMENT_PARSE_OPTIONS } from './document-limits';
import { maskUnexpectedErrors, withoutSchemaSuggestions } from './format-error';
import { nulInputStep } from './nul-input.step';
import { nullArgumentStep } from './null-argument.step';
import { requestErrors } from './request-errors.handler';
import { requestLogStep } from './request-log.step';
import { requestStepsPlugin } from './request-steps.plugin';
import { retryAfterStep } from './retry-after.step';
import { buildLatchkeySchema } from './schema';

/** The largest JSON body `/graphql` reads, after any content encoding is undone: 100 KiB. */
const JSON_BODY_LIMIT_BYTES = 100 * 1024;

/** What a session token opens: a live session and its user, or nothing. */
export type SessionLookup<User extends CallerUser, Session> = { status: 'valid'; session: Session; user: User } | { status: 'dead' };

export interface GraphQLEndpointDeps<User extends CallerUser, Session> {
  config: Config;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  sessions: { lookup(token: string): Promise<SessionLookup<User, Session>> };
  /** API tokens (`Authorization: Bearer lk_…`), which integrators' scripts send instead of a session token. */
  apiTokens: ApiTokenAuthenticator<User>;
  /** Whether a signed-in user must turn 2FA on before anything else. */
  twoFactorRequirement: { overdue(user: User): Promise<boolean> };
  /** Charges the code checks of a request refused for naming several. */
  refusedCodeChecks: RefusedCodeChecks;
  httpServer: Server;
  /** The schema's resolver classes, and one instance of each (type-graphql asks the context for them). */
  resolverClasses: readonly ResolverClass[];
  resolvers: readonly object[];
}

/**
 * The `/graphql` endpoint: Apollo Server with the schema, the production switches (no introspection, no hints, masked errors), and
 * a context that knows the caller from the bearer token (a session's or an API token) or the session cookie.
 *
 * It answers on node's own request and response, not through Express: on the hottest path Express's
 * router, request and response wrappers and ETag cost more than everything they give it here. It
 * does what the Express chain did: request id, security headers, CORS, the JSON body (100 KiB at
 * most), and a JSON error for a body it cannot read.
 */
export async function createGraphQLEndpoint<User extends CallerUser, Session>(
  deps: GraphQLEndpointDeps<User, Session>,
): Promise<{
  handle: (req: IncomingMessage, res: ServerResponse) => void;
  stop: () => Promise<void>;
}> {
  const { config, sessions, clock } = deps;
  const production = config.nodeEnv === 'production';
  const resolvers = instancesByClass(deps.resolverClasses, deps.resolvers);
  const apollo = new ApolloServer<RequestContext>({
    schema: await buildLatchkeySchema(deps.resolverClasses),
    introspection: !production,
    // Suggestions are taken out by formatError below, not by Apollo's plugin (see withoutSchemaSuggestions).
    hideSchemaDetailsFromClientErrors: false,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    // main.ts owns SIGTERM and SIGINT: Apollo's own handling would stop the server and re-raise the
    // signal (exit 143) before the app drains requests and closes the database and the limit store.
    stopOnTerminationSignals: false,
    formatError: production ? withoutSchemaSuggestions(maskUnexpectedErrors) : maskUnexpectedErrors,
    // Documents too large, deep, aliased or costly are refused before anything runs.
    parseOptions: DOCUMENT_PARSE_OPTIONS,
    validationRules: documentLimitRules,
    plugins: [
      requestStepsPlugin([
        apiTokenScopeStep,
        codeCheckLimitStep(deps.refusedCodeChecks, deps.logger),
        nulInputStep,
        nullArgumentStep,
        requestLogStep(deps.metrics, deps.logger),
        retryAfterStep,
      ]),
      ApolloServerPluginDrainHttpServer({ httpServer: deps.httpServer }),
      // Apollo's default cache-control plugin wraps every field's resolver to gather cache hints;
      // nothing here gives any (no answer may be cached), so it only costs time on every field.
      ApolloServerPluginCacheControlDisabled(),
      // Apollo adds a plugin that asks on every request whether the schema is a federation subgraph, to trace it for a gateway.
      // This one never is.
      ApolloServerPluginInlineTraceDisabled(),
      ...(production ? [ApolloServerPluginLandingPageDisabled()] : []),
    ],
  });
  await apollo.start();

  const cookie = authCookie({ name: config.session.cookieName, secure: config.session.secureCookie, path: '/' });
  const remembered = authCookie({
    name: config.session.rememberedBrowserCookieName,
    secure: config.session.secureCookie,
    path: '/graphql',
  });
  const device = authCookie({ name: config.session.deviceCookieName, secure: config.session.secureCookie, path: '/graphql' });
  const maxAgeUntil = (end: Date) => end.getTime() - clock.now().getTime();
  const clientInfo = clientInfoReader({ trustProxy: config.trustProxy });
  const cors = corsForOrigins(config.corsOrigins);
  const answerError = requestErrors(deps.logger);

  const contextFor = async (req: IncomingMessage, res: ServerResponse, requestId: string): Promise<RequestContext> => {
    const token = readSessionToken(req, cookie.name);
    const bearer = req.headers.authorization !== undefined;
    let caller: Caller<User, Session> = { kind: 'anonymous' };
    if (token !== undefined && bearer && deps.apiTokens.isApiToken(token)) {
      // Only in the Authorization header: the panel's cookie is always a session.
      caller = await deps.apiTokens.authenticate(token);
    } else if (token !== undefined) {
      const found = token ? await sessions.lookup(token) : { status: 'dead' as const };
      caller = found.status === 'valid' ? { kind: 'session', session: found.session, user: found.user } : { kind: 'dead-session' };
      // A dead cookie would fail every request until the browser drops it: drop it now.
      if (caller.kind === 'dead-session' && !bearer) cookie.clear(res);
    }
    let overdue: Promise<boolean> | undefined;
    const signedInUser = caller.kind === 'session' || caller.kind === 'api-token' ? caller.user : null;
    return {
      caller,
      // Made when asked (a password reset), not for every request: it holds a listener on the answer.
      answered: () => new Promise<void>((resolve) => (res.closed ? resolve() : res.once('close', () => resolve()))),
      twoFactorOverdue: () => (overdue ??= signedInUser ? deps.twoFactorRequirement.overdue(signedInUser) : Promise.resolve(false)),
      client: clientInfo(req),
      requestId,
      setSessionCookie: (value, expiresAt) => cookie.set(res, value, maxAgeUntil(expiresAt)),
      clearSessionCookie: () => cookie.clear(res),
      rememberedBrowser: readCookie(req, remembered.name),
      setRememberedBrowserCookie: (value, expiresAt) => remembered.set(res, value, maxAgeUntil(expiresAt)),
      clearRememberedBrowserCookie: () => remembered.clear(res),
      deviceCookie: readCookie(req, device.name),
      setDeviceCookie: (value, expiresAt) => device.set(res, value, maxAgeUntil(expiresAt)),
      resolvers,
    };
  };

  const answer = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const requestId = assignRequestId(req, res);
    setSecurityHeaders(res, { production });
    // Answers carry session tokens, TOTP secrets and recovery codes: no browser or proxy keeps one.
    res.setHeader('Cache-Control', 'no-store');
    if (cors(req, res)) return;
    const body = await readJsonBody(req, JSON_BODY_LIMIT_BYTES);
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const url = req.url ?? '';
    const query = url.indexOf('?');
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: (req.method ?? 'GET').toUpperCase(), headers, search: query < 0 ? '' : url.slice(query), body },
      context: () => contextFor(req, res, requestId),
    });
    await writeResponse(res, response);
  };
  return {
    handle: (req, res) => {
      answer(req, res).catch((error: unknown) => answerError(error, req, res));
    },
    stop: () => apollo.stop(),
  };
}

async function writeResponse(res: ServerResponse, response: HTTPGraphQLResponse): Promise<void> {
  for (const [key, value] of response.headers) res.setHeader(key, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') {
    res.setHeader('Content-Length', Buffer.byteLength(response.body.string));
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

/** Whether a request is for `/graphql` (or below it), in any letter case, as Express's mount matched it. */
export function isGraphQLPath(url: string | undefined): boolean {
  const path = (url ?? '').split('?', 1)[0]!.toLowerCase();
  return path === '/graphql' || path.startsWith('/graphql/');
}

/** One instance for each class of the schema, and none besides: a module wired wrongly stops the start. */
function instancesByClass(classes: readonly ResolverClass[], instances: readonly object[]): ReadonlyMap<ResolverClass, object> {
  const byClass = new Map<ResolverClass, object>();
  for (const instance of instances) {
    const type = instance.constructor as ResolverClass;
    if (!classes.includes(type)) throw new Error(`resolver ${type.name} is not among the schema's resolver classes`);
    if (byClass.has(type)) throw new Error(`resolver ${type.name} is wired twice`);
    byClass.set(type, instance);
  }
  const missing = classes.filter((type) => !byClass.has(type));
  if (missing.length > 0) throw new Error(`no instance wired for resolver ${missing.map((type) => type.name).join(', ')}`);
  return byClass;
}
