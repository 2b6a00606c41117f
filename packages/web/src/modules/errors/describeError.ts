import { CombinedGraphQLErrors } from '@apollo/client/errors';
import {
  ERROR_CODES,
  INPUT_FIELDS,
  NETWORK_ERROR_WORDS,
  UNEXPECTED_ERROR_WORDS,
  wordsFor,
  type ErrorAction,
  type ErrorCode,
  type ErrorDetails,
  type InputField,
} from './errorWords';

/** What a screen shows for a failed request. */
export interface DescribedError {
  message: string;
  code?: ErrorCode;
  /** The form field the error is about, so the screen can mark and focus it. */
  field?: InputField;
}

export function describeError(error: unknown, action?: ErrorAction): DescribedError {
  if (!CombinedGraphQLErrors.is(error)) {
    // Anything that is not a GraphQL error means the request did not get a proper answer.
    return { message: NETWORK_ERROR_WORDS };
  }
  for (const graphQLError of error.errors) {
    const extensions: Record<string, unknown> = graphQLError.extensions ?? {};
    const code = asErrorCode(extensions.code);
    if (code === undefined) continue;
    const details = readDetails(extensions);
    return { message: wordsFor(code, action, details), code, field: details.field };
  }
  return { message: UNEXPECTED_ERROR_WORDS };
}

function asErrorCode(value: unknown): ErrorCode | undefined {
  return ERROR_CODES.find((code) => code === value);
}

function readDetails(extensions: Record<string, unknown>): ErrorDetails {
  const details: ErrorDetails = {};
  const field = INPUT_FIELDS.find((name) => name === extensions.field);
  if (field) details.field = field;
  const retryAfter = extensions.retryAfterSeconds;
  if (typeof retryAfter === 'number' && Number.isFinite(retryAfter) && retryAfter >= 0) {
    details.retryAfterSeconds = retryAfter;
  }
  return details;
}
