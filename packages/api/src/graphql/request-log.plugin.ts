import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from '../shared/logger';
import type { RequestContext } from './context';

/**
 * One log line per GraphQL request: the operation's name and type, how long it took and the error
 * codes it answered. Never the variables or the answer: those hold passwords, codes and tokens.
 */
export function requestLogPlugin(logger: Logger): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ contextValue }) {
      const startedAt = performance.now();
      return {
        async willSendResponse({ operationName, operation, errors }) {
          logger.info(
            {
              operation: operationName ?? null,
              type: operation?.operation ?? null,
              userId: contextValue.caller.kind === 'session' ? contextValue.caller.user.id : null,
              errorCodes: errors?.map((e) => e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'),
              ms: Math.round(performance.now() - startedAt),
            },
            'graphql request',
          );
        },
      };
    },
  };
}
