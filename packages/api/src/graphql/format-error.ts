import type { GraphQLFormattedError } from 'graphql';
import { ERROR_CODES } from '../shared/errors';

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

export const isClientError = (code: unknown): boolean => typeof code === 'string' && CLIENT_CODES.has(code);

/**
 * Errors with a code a client can act on pass through; anything else is a bug or an outage and
 * reaches the client only as "Unexpected error." (the request log records it with its stack).
 */
export function maskUnexpectedErrors(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (isClientError(formatted.extensions?.code)) {
    const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  return {
    message: UNEXPECTED_ERROR_MESSAGE,
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}
