import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import type { ApolloServerOptions } from '@apollo/server';
import { answerFor } from '../errors/answer';
import { catalogueEntry, ErrorCode, isErrorReason, type ErrorReason } from '../errors/error-catalogue';
import { isLimitStoreUnavailable } from '../limits/limit-store-unavailable.error';

/**
 * Apollo's own refusals of a request, by the code Apollo gives them, and the reason each is
 * answered with. They describe the client's request, not our state, so their message stays.
 */
const APOLLO_REASONS: Readonly<Record<string, ErrorReason>> = {
  GRAPHQL_PARSE_FAILED: 'PARSE_FAILED',
  GRAPHQL_VALIDATION_FAILED: 'INVALID_DOCUMENT',
  // Our own input errors all carry a reason; one without is a variable that does not fit its type.
  BAD_USER_INPUT: 'INVALID_VARIABLES',
  BAD_REQUEST: 'INVALID_REQUEST',
  PERSISTED_QUERY_NOT_FOUND: 'PERSISTED_QUERY_NOT_FOUND',
  PERSISTED_QUERY_NOT_SUPPORTED: 'PERSISTED_QUERY_NOT_SUPPORTED',
  OPERATION_RESOLUTION_FAILURE: 'UNKNOWN_OPERATION',
};

/**
 * The catalogued reason a client is told for an error: its own; the one Apollo's refusal of a
 * request maps to; CHECKS_UNAVAILABLE for a limit-store outage; else UNEXPECTED.
 */
export function clientReasonOf(error: { extensions?: Record<string, unknown> }, original: unknown): ErrorReason {
  if (isLimitStoreUnavailable(unwrapResolverError(original))) return 'CHECKS_UNAVAILABLE';
  const { code, reason } = error.extensions ?? {};
  if (isErrorReason(reason) && catalogueEntry(reason).code === code) return reason;
  return (typeof code === 'string' && Object.hasOwn(APOLLO_REASONS, code) && APOLLO_REASONS[code]) || 'UNEXPECTED';
}

/** The code a client is told for an error (the code of its reason). */
export const clientCodeOf = (error: { extensions?: Record<string, unknown> }, original: unknown): ErrorCode =>
  catalogueEntry(clientReasonOf(error, original)).code;

/**
 * Every error leaves with a `code` and a `reason` of the catalogue. Our own errors pass through;
 * Apollo's refusals of a request keep their message and get their reason; a limit-store outage
 * fails closed with CHECKS_UNAVAILABLE; anything else is a bug or an outage and reaches the client
 * only as "Unexpected error." (the request log records it with its stack).
 */
export function maskUnexpectedErrors(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const reason = clientReasonOf(formatted, error);
  const { locations, path } = formatted;
  if (reason === 'UNEXPECTED' || reason === 'CHECKS_UNAVAILABLE') return { ...answerFor(reason), locations, path };
  const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
  if (extensions.reason === reason) return { ...formatted, extensions };
  const answer = answerFor(reason, { message: formatted.message });
  return { message: answer.message, locations, path, extensions: { ...extensions, ...answer.extensions } };
}

type FormatError = NonNullable<ApolloServerOptions<object>['formatError']>;

/** graphql-js ends some validation messages with its guesses at what was meant. */
const SUGGESTION = / ?Did you mean(.+?)\?$/;

/**
 * Takes graphql-js's "Did you mean …?" out of validation errors: with introspection off, those
 * guesses would spell out the schema's field and type names to anyone who tries typos. Apollo has
 * a plugin for this (hideSchemaDetailsFromClientErrors); as a plugin it is one more listener that
 * Apollo awaits at every stage of every request, where this runs only on an error.
 */
export function withoutSchemaSuggestions(format: FormatError): FormatError {
  return (formatted, error) => {
    const answer = format(formatted, error);
    if (answer.extensions?.code !== ErrorCode.GRAPHQL_VALIDATION_FAILED || !SUGGESTION.test(answer.message)) return answer;
    return { ...answer, message: answer.message.replace(SUGGESTION, '') };
  };
}
