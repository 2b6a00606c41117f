import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { ERROR_CODES } from '../shared/errors';
import type { Logger } from '../shared/logger';

/** Codes Apollo itself uses for requests it could not run; they describe the request, not our state. */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);
const CLIENT_CODES = new Set<string>([...ERROR_CODES, ...REQUEST_ERROR_CODES]);

export const UNEXPECTED_ERROR_MESSAGE = 'Unexpected error.';

/**
 * Errors with a code a client can act on pass through; anything else is a bug or an outage, is
 * logged with its stack, and reaches the client only as "Unexpected error." (no internals).
 */
export function createErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && CLIENT_CODES.has(code)) {
      const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    logger.error({ err: unwrapResolverError(error), path: formatted.path }, 'unexpected error in a GraphQL operation');
    return {
      message: UNEXPECTED_ERROR_MESSAGE,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}
