import { GraphQLError } from 'graphql';

/**
 * Every error a client can act on has a stable `extensions.code`. Clients choose their words by
 * the code, never by the message.
 */
export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'INVALID_CODE',
  'CODE_EXPIRED',
  'TOO_MANY_ATTEMPTS',
  'DELIVERY_FAILED',
  /** A shared service (the limit store) does not answer: checks fail closed until it is back. */
  'SERVICE_UNAVAILABLE',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorDetails {
  /** The input field at fault, for BAD_USER_INPUT. */
  field?: string;
  /** Seconds until the caller may try again, for TOO_MANY_ATTEMPTS. */
  retryAfterSeconds?: number;
  /** A finer reason inside a code, e.g. SESSION_ENDED under UNAUTHENTICATED. */
  reason?: string;
  /** INVALID_CODE with reason CLOCK_OFF: how far the authenticator's clock seems to be off. */
  clockOffsetMinutes?: number;
}

export class AppError extends GraphQLError {
  constructor(
    readonly code: ErrorCode,
    message: string,
    details: ErrorDetails = {},
  ) {
    super(message, { extensions: { code, ...details } });
    this.name = 'AppError';
  }
}

/** The fixed messages of the account errors. One place, so the panel and the API agree. */
export const AUTH_MESSAGES = {
  INVALID_CREDENTIALS: 'Incorrect e-mail or password.',
  NOT_SIGNED_IN: 'You are not signed in.',
  SESSION_ENDED: 'Your session has ended. Please sign in again.',
  REGISTRATION_CLOSED: 'Registration is switched off on this server.',
  EMAIL_TAKEN: 'An account with this e-mail address already exists.',
  EMAIL_INVALID: 'Enter a valid e-mail address.',
  PASSWORD_LENGTH: 'The password must be 8 to 256 characters long.',
  TOO_MANY_SIGN_INS: 'Too many sign-in attempts. Try again later.',
  TOO_MANY_SIGN_INS_FROM_IP: 'Too many failed sign-ins came from your network. Try again later.',
  FORBIDDEN: 'You do not have permission to do this.',
  TOO_MANY_REGISTRATIONS: 'Too many accounts were created from your network. Try again later.',
  CHECKS_UNAVAILABLE: 'Sign-in checks are unavailable right now. Nothing was changed; try again in a minute.',
} as const;

export const invalidInput = (field: string, message: string) => new AppError('BAD_USER_INPUT', message, { field });

/** Why TOO_MANY_ATTEMPTS was answered, so a client can say the right thing. */
export type TooManyAttemptsReason =
  | 'LOCKED'
  | 'SIGN_IN_LOCKED'
  /** A per-IP limit (failures from one address), not the user's own. */
  | 'IP_LIMIT'
  | 'RESEND_WAIT'
  | 'HOURLY_CAP'
  /** A send budget of the client's IP address, or of the whole channel (SMS pumping). */
  | 'IP_SEND_LIMIT'
  | 'CHANNEL_BUDGET'
  | 'CHALLENGE_SPENT'
  | 'RESET_LIMIT'
  | 'REGISTER_LIMIT';

export const tooManyAttempts = (message: string, retryAfterMs: number, reason: TooManyAttemptsReason) =>
  new AppError('TOO_MANY_ATTEMPTS', message, { retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)), reason });

/**
 * Why a document was refused before it ran (code GRAPHQL_VALIDATION_FAILED, HTTP 400): it nests,
 * aliases, asks for root fields or would cost more than the limits of src/graphql/document-limits.ts.
 */
export type DocumentLimitReason = 'DEPTH_LIMIT' | 'ALIAS_LIMIT' | 'ROOT_FIELD_LIMIT' | 'COST_LIMIT';

/** Why a request body was refused before GraphQL saw it (code BAD_REQUEST). */
export type BadRequestReason = 'MALFORMED_JSON' | 'BODY_TOO_LARGE' | 'UNSUPPORTED_CHARSET' | 'UNREADABLE_BODY';
