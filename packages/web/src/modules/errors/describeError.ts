import { CombinedGraphQLErrors } from '@apollo/client/errors';
import {
  ERROR_CODES,
  ERROR_REASONS,
  INPUT_FIELDS,
  NETWORK_ERROR_WORDS,
  UNEXPECTED_ERROR_WORDS,
  wordsFor,
  type ErrorAction,
  type ErrorCode,
  type ErrorDetails,
  type ErrorReason,
  type InputField,
} from './errorWords';

/** What a screen shows for a failed request, and what it needs to decide what to offer next. */
export interface DescribedError {
  message: string;
  code?: ErrorCode;
  /** The form field the error is about, so the screen can mark and focus it. */
  field?: InputField;
  reason?: ErrorReason;
  retryAfterSeconds?: number;
}

export function describeError(error: unknown, action?: ErrorAction): DescribedError {
  if (!CombinedGraphQLErrors.is(error)) {
    // Anything that is not a GraphQL error means the request did not get a proper answer.
    return { message: NETWORK_ERROR_WORDS };
  }
  for (const graphQLError of error.errors) {
    const extensions: Record<string, unknown> = graphQLError.extensions ?? {};
    const code = oneOf(ERROR_CODES, extensions.code);
    if (code === undefined) continue;
    const details = readDetails(extensions);
    return { message: wordsFor(code, action, details), code, ...details };
  }
  return { message: UNEXPECTED_ERROR_WORDS };
}

function oneOf<T extends string>(allowed: readonly T[], value: unknown): T | undefined {
  return allowed.find((candidate) => candidate === value);
}

function readDetails(extensions: Record<string, unknown>): ErrorDetails {
  const details: ErrorDetails = {};
  const field: InputField | undefined = oneOf(INPUT_FIELDS, extensions.field);
  if (field) details.field = field;
  const reason: ErrorReason | undefined = oneOf(ERROR_REASONS, extensions.reason);
  if (reason) details.reason = reason;
  const retryAfter = extensions.retryAfterSeconds;
  if (isNonNegative(retryAfter)) details.retryAfterSeconds = retryAfter;
  const clockOffset = extensions.clockOffsetMinutes;
  if (isNonNegative(clockOffset)) details.clockOffsetMinutes = clockOffset;
  return details;
}

function isNonNegative(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}
