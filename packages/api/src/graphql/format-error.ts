import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { isLimitStoreUnavailable } from '../limits/limit-store-unavailable.error';
import { AUTH_MESSAGES, ERROR_CODES } from '../shared/errors';

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

/** The code a client is told for an error: its own, SERVICE_UNAVAILABLE for a limit-store outage, else INTERNAL_SERVER_ERROR. */
export function clientCodeOf(error: { extensions?: Record<string, unknown> }, original: unknown): string {
  if (isLimitStoreUnavailable(unwrapResolverError(original))) return 'SERVICE_UNAVAILABLE';
  const code = error.extensions?.code;
  return isClientError(code) ? String(code) : 'INTERNAL_SERVER_ERROR';
}

/**
 * Errors with a code a client can act on pass through; a limit-store outage fails closed with
 * SERVICE_UNAVAILABLE; anything else is a bug or an outage and reaches the client only as
 * "Unexpected error." (the request log records it with its stack).
 */
export function maskUnexpectedErrors(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = clientCodeOf(formatted, error);
  if (code === 'SERVICE_UNAVAILABLE' && isLimitStoreUnavailable(unwrapResolverError(error))) {
    return { message: AUTH_MESSAGES.CHECKS_UNAVAILABLE, locations: formatted.locations, path: formatted.path, extensions: { code } };
  }
  if (code !== 'INTERNAL_SERVER_ERROR') {
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
