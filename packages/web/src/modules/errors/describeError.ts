import { CombinedGraphQLErrors } from '@apollo/client/errors';
import type { ErrorCode, ErrorReason } from '../../generated/graphql';
import {
  CODE_ALREADY_USED_BY_SOURCE,
  NETWORK_ERROR_WORDS,
  UNEXPECTED_ERROR_WORDS,
  isErrorCode,
  isErrorReason,
  isInputField,
  wordsFor,
  type CodeSource,
  type ErrorAction,
  type ErrorDetails,
  type InputField,
} from './errorWords';

/** One input problem, to show under its field. */
export interface FieldProblem {
  field: InputField;
  reason?: ErrorReason;
  message: string;
}

/** What a screen shows for a failed request, and what it needs to decide what to offer next. */
export interface DescribedError {
  message: string;
  code?: ErrorCode;
  /** The form field the error is about, so the screen can mark and focus it. */
  field?: InputField;
  reason?: ErrorReason;
  retryAfterSeconds?: number;
  /** Every input problem of the request, the first being `field`'s (the API reports them all at once). */
  fields?: FieldProblem[];
}

export function describeError(error: unknown, action?: ErrorAction): DescribedError {
  if (!CombinedGraphQLErrors.is(error)) {
    // Anything that is not a GraphQL error means the request did not get a proper answer.
    return { message: NETWORK_ERROR_WORDS };
  }
  for (const graphQLError of error.errors) {
    const extensions: Record<string, unknown> = graphQLError.extensions ?? {};
    if (typeof extensions.code !== 'string') continue;
    // A code this panel does not know yet (a newer server): its own words are all there is.
    if (!isErrorCode(extensions.code)) return { message: graphQLError.message || UNEXPECTED_ERROR_WORDS };
    const code = extensions.code;
    const details = readDetails(extensions);
    const fields = readFields(extensions.fields, code, action);
    return { message: wordsFor(code, action, details), code, ...details, ...(fields.length > 0 ? { fields } : {}) };
  }
  return { message: UNEXPECTED_ERROR_WORDS };
}

function readDetails(extensions: Record<string, unknown>): ErrorDetails {
  const details: ErrorDetails = {};
  if (isInputField(extensions.field)) details.field = extensions.field;
  // A reason this panel does not know yet is said by its code's words.
  if (isErrorReason(extensions.reason)) details.reason = extensions.reason;
  const retryAfter = extensions.retryAfterSeconds;
  if (isNonNegative(retryAfter)) details.retryAfterSeconds = retryAfter;
  const clockOffset = extensions.clockOffsetMinutes;
  if (isNonNegative(clockOffset)) details.clockOffsetMinutes = clockOffset;
  return details;
}

/** The problems of `extensions.fields` at fields the panel knows, each in the panel's words. */
function readFields(fields: unknown, code: ErrorCode, action: ErrorAction | undefined): FieldProblem[] {
  if (!Array.isArray(fields)) return [];
  return fields.flatMap((problem: unknown) => {
    const { field, reason } = (problem ?? {}) as { field?: unknown; reason?: unknown };
    if (!isInputField(field)) return [];
    const known = isErrorReason(reason) ? reason : undefined;
    return [{ field, ...(known ? { reason: known } : {}), message: wordsFor(code, action, { field, reason: known }) }];
  });
}

function isNonNegative(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

/**
 * A code refused as already used, said for the code the user typed: "wait for the next one" for
 * an authenticator app, "ask for a new one" for a sent code, "already used" for a recovery code.
 */
export function forCodeSource(error: DescribedError, source: CodeSource): DescribedError {
  return error.reason === 'CODE_ALREADY_USED' ? { ...error, message: CODE_ALREADY_USED_BY_SOURCE[source] } : error;
}
