import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { GraphQLError } from 'graphql';
import { SCENARIOS } from '../scenarios';
import { bearerToken, clientOf, openHotPaths, setResponseHeaders, setSessionCookie, settingsFromEnv } from './http';
import type { HotPaths } from './hot-paths';

/**
 * Contender 1: a bare node:http server with better-sqlite3. It knows the bench's three documents by
 * their text (no GraphQL parsing or validation) and writes the answer JSON by hand: the floor of
 * what the same SQL, hashing and writes cost over HTTP on this machine. It keeps CSRF prevention
 * (only JSON bodies, which a plain HTML form cannot send) and Latchkey's headers.
 */

const BODY_LIMIT_BYTES = 100 * 1024;

type Variables = Record<string, unknown>;
type Operation = (hot: HotPaths, req: IncomingMessage, res: ServerResponse, variables: Variables) => Promise<unknown>;

const text = (variables: Variables, name: string) => (typeof variables[name] === 'string' ? variables[name] : '');

const OPERATIONS = new Map<string, { field: string; run: Operation }>([
  [
    SCENARIOS.S1.query,
    {
      field: 'twoFactorSettings',
      run: async (hot, req) => {
        const token = bearerToken(req);
        const signedIn = token ? hot.lookupSession(token) : null;
        if (!signedIn) {
          throw token === undefined
            ? new GraphQLError('You are not signed in.', { extensions: { code: 'UNAUTHENTICATED' } })
            : new GraphQLError('Your session has ended. Please sign in again.', {
                extensions: { code: 'UNAUTHENTICATED', reason: 'SESSION_ENDED' },
              });
        }
        const settings = hot.twoFactorSettings(signedIn);
        return { enabled: settings.enabled, method: settings.method };
      },
    },
  ],
  [
    SCENARIOS.S2.query,
    {
      field: 'verifyLoginChallenge',
      run: async (hot, req, res, variables) => {
        const issued = hot.verifyLoginChallenge(text(variables, 'challengeId'), text(variables, 'code'), clientOf(req));
        setSessionCookie(res, issued);
        return { token: issued.token };
      },
    },
  ],
  [
    SCENARIOS.S3.query,
    {
      field: 'login',
      run: async (hot, req, res, variables) => {
        const issued = await hot.login(text(variables, 'email'), text(variables, 'password'), clientOf(req));
        setSessionCookie(res, issued);
        return { __typename: 'AuthPayload', token: issued.token };
      },
    },
  ],
]);

function send(res: ServerResponse, status: number, body: unknown): void {
  // Apollo ends its JSON with a newline; so does this, for the same bytes.
  const json = `${JSON.stringify(body)}\n`;
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}

const requestError = (res: ServerResponse, status: number, message: string, code = 'BAD_REQUEST') =>
  send(res, status, { errors: [{ message, extensions: { code } }] });

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= BODY_LIMIT_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > BODY_LIMIT_BYTES ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function handle(hot: HotPaths, req: IncomingMessage, res: ServerResponse): Promise<void> {
  setResponseHeaders(req, res);
  if (req.url === '/healthz') return send(res, 200, { status: 'ok' });
  if (req.url !== '/graphql' || req.method !== 'POST') return requestError(res, 404, 'Not found.');
  // Apollo's CSRF prevention, reduced to what this server accepts: a JSON body.
  if ((req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase() !== 'application/json') {
    return requestError(res, 400, 'This operation has been blocked as a potential Cross-Site Request Forgery (CSRF).');
  }
  const raw = await readBody(req);
  if (raw === null) return requestError(res, 413, 'The request body is too large.');
  let body: { query?: unknown; variables?: unknown };
  try {
    body = JSON.parse(raw) as typeof body;
  } catch {
    return requestError(res, 400, 'The request body is not valid JSON.');
  }
  const operation = typeof body.query === 'string' ? OPERATIONS.get(body.query) : undefined;
  if (!operation) return requestError(res, 400, 'This contender answers only the bench operations.', 'GRAPHQL_VALIDATION_FAILED');
  const variables = (typeof body.variables === 'object' && body.variables !== null ? body.variables : {}) as Variables;
  try {
    send(res, 200, { data: { [operation.field]: await operation.run(hot, req, res, variables) } });
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    send(res, 200, { errors: [{ message: error.message, path: [operation.field], extensions: error.extensions }], data: null });
  }
}

function main(): void {
  const settings = settingsFromEnv();
  const hot = openHotPaths(settings);
  const server = createServer((req, res) => {
    handle(hot, req, res).catch((error: unknown) => {
      console.error(error);
      if (!res.headersSent) requestError(res, 500, 'Unexpected error.', 'INTERNAL_SERVER_ERROR');
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 5000;
  server.listen(settings.port, settings.host, () => console.log(`bare node:http contender on ${settings.host}:${settings.port}`));
  process.once('SIGTERM', () => server.close(() => (hot.close(), process.exit(0))));
}

main();
