import { unwrapResolverError } from '@apollo/server/errors';
import { loggableError } from '../db/data-source';
import type { Metrics } from '../observability/metrics';
import { withoutRedaction, type Logger } from '../shared/logger';
import { ErrorCode } from '../errors/error-catalogue';
import type { RequestStep } from './request-steps.plugin';
import { clientCodeOf } from './format-error';

/**
 * One log line per GraphQL request (with the request id): the operation's name and type, how long
 * it took and the error codes it answered; unexpected errors with their stack. Never the variables
 * or the answer (passwords, codes and tokens), nor a failed query's SQL and parameters. Also counts
 * requests and errors.
 */
export function requestLogStep(metrics: Metrics, logger: Logger): RequestStep {
  // Every field of the request line is set here, and none holds a secret.
  const requestLine = withoutRedaction(logger);
  return ({ contextValue }) => {
    const startedAt = performance.now();
    return {
      didEncounterErrors({ errors }) {
        for (const error of errors) {
          if (clientCodeOf(error, error) === ErrorCode.INTERNAL_SERVER_ERROR) {
            logger.error(
              { requestId: contextValue.requestId, err: loggableError(unwrapResolverError(error)), path: error.path },
              'unexpected error in a GraphQL operation',
            );
          }
        }
      },
      willSendResponse({ operationName, operation, errors }) {
        const seconds = (performance.now() - startedAt) / 1000;
        const codes = errors?.map((e) => clientCodeOf(e, e));
        metrics.requests.inc({ type: operation?.operation ?? 'unknown' });
        metrics.requestDuration.observe(seconds);
        for (const code of codes ?? []) metrics.errors.inc({ code });
        requestLine.info(
          {
            requestId: contextValue.requestId,
            operation: operationName ?? null,
            type: operation?.operation ?? null,
            userId: 'user' in contextValue.caller ? contextValue.caller.user.id : null,
            // Which token, never the token: a leaked one is found by its id in the logs.
            ...(contextValue.caller.kind === 'api-token' ? { apiTokenId: contextValue.caller.apiToken.id } : {}),
            errorCodes: codes,
            ms: Math.round(seconds * 1000),
          },
          'graphql request',
        );
      },
    };
  };
}
