import type { ServerResponse } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { fail } from '@latchkey/api/src/errors/app-error';
import { bearerToken, clientOf, openHotPaths, setResponseHeaders, setSessionCookie, settingsFromEnv } from './http';
import type { Client, SignedIn } from './hot-paths';

/**
 * Contender 2: a plain Apollo Server 5 (its standalone HTTP server, no Express) with a hand-written
 * schema and resolvers over the same hot paths: what a straightforward GraphQL server costs. It
 * has Latchkey's production switches (CSRF prevention, no introspection, no landing page, no
 * batching, no stack traces) and headers. The schema holds the fields the bench asks for.
 */

const typeDefs = /* GraphQL */ `
  enum TwoFactorMethod {
    TOTP
    EMAIL
    SMS
  }

  type TwoFactorSettings {
    enabled: Boolean!
    method: TwoFactorMethod
    recoveryCodesRemaining: Int!
    promptToEnable: Boolean!
    required: Boolean!
    availableMethods: [TwoFactorMethod!]!
  }

  type AuthPayload {
    token: String!
  }

  type TwoFactorChallenge {
    challengeId: ID!
  }

  union LoginResult = AuthPayload | TwoFactorChallenge

  type Query {
    twoFactorSettings: TwoFactorSettings!
  }

  type Mutation {
    login(email: String!, password: String!): LoginResult!
    verifyLoginChallenge(challengeId: ID!, code: String!, rememberBrowser: Boolean = false): AuthPayload!
  }
`;

interface Context {
  caller: SignedIn | null;
  /** Whether a bearer token came with the request (a dead one answers SESSION_ENDED). */
  presentedToken: boolean;
  client: Client;
  res: ServerResponse;
}

function requireCaller(context: Context): SignedIn {
  if (context.caller) return context.caller;
  throw fail(context.presentedToken ? 'SESSION_ENDED' : 'NOT_SIGNED_IN');
}

async function main(): Promise<void> {
  const settings = settingsFromEnv();
  const hot = openHotPaths(settings);
  const server = new ApolloServer<Context>({
    typeDefs,
    resolvers: {
      Query: {
        twoFactorSettings: (_parent: unknown, _args: unknown, context: Context) => hot.twoFactorSettings(requireCaller(context)),
      },
      Mutation: {
        verifyLoginChallenge: (
          _parent: unknown,
          args: { challengeId: string; code: string; rememberBrowser: boolean },
          context: Context,
        ) => {
          if (args.rememberBrowser) throw new Error('The contenders do not remember browsers (the bench times no such sign-in).');
          const issued = hot.verifyLoginChallenge(args.challengeId, args.code, context.client);
          setSessionCookie(context.res, issued);
          return { token: issued.token };
        },
        login: async (_parent: unknown, args: { email: string; password: string }, context: Context) => {
          const issued = await hot.login(args.email, args.password, context.client);
          setSessionCookie(context.res, issued);
          return { __typename: 'AuthPayload', token: issued.token };
        },
      },
      LoginResult: {
        __resolveType: (result: { __typename: string }) => result.__typename,
      },
    },
    csrfPrevention: true,
    introspection: false,
    hideSchemaDetailsFromClientErrors: true,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    plugins: [ApolloServerPluginLandingPageDisabled()],
  });
  const { url } = await startStandaloneServer(server, {
    listen: { port: settings.port, host: settings.host },
    context: async ({ req, res }) => {
      setResponseHeaders(req, res);
      // As Latchkey does: the caller is known before any resolver runs, for every request with a token.
      const token = bearerToken(req);
      return { caller: token ? hot.lookupSession(token) : null, presentedToken: token !== undefined, client: clientOf(req), res };
    },
  });
  console.log(`plain Apollo Server contender on ${url}`);
  process.once('SIGTERM', () => {
    void server.stop().then(() => (hot.close(), process.exit(0)));
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
