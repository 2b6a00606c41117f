/**
 * Every word the panel says about a failed request, chosen by the error's `extensions.code`
 * (never by its message: server messages may change or be reworded for logs).
 *
 * `default` applies everywhere; an action lists only the codes that mean something more specific
 * there (e.g. UNAUTHENTICATED from `login` means a wrong e-mail or password, not an ended session).
 */
import { EMAIL_FORMAT_PROBLEM, PASSWORD_LENGTH_PROBLEM } from '../auth/credentialRules';

export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'INVALID_CODE',
  'CODE_EXPIRED',
  'TOO_MANY_ATTEMPTS',
  'DELIVERY_FAILED',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Fields the API may name in `extensions.field` of a BAD_USER_INPUT error. */
export const INPUT_FIELDS = ['email', 'password'] as const;
export type InputField = (typeof INPUT_FIELDS)[number];

export interface ErrorDetails {
  field?: InputField;
  retryAfterSeconds?: number;
}

type Words = string | ((details: ErrorDetails) => string);
/** Places whose words differ from the default for some codes. */
export type ErrorAction = 'signIn' | 'register';

/** Said when no code applies: the server could not be reached, or failed in an unexpected way. */
export const NETWORK_ERROR_WORDS = 'Could not reach the server. Check your connection and try again.';
export const UNEXPECTED_ERROR_WORDS = 'Something went wrong on our side. Please try again.';

export const ERROR_WORDS: {
  default: Record<ErrorCode, Words>;
} & Record<ErrorAction, Partial<Record<ErrorCode, Words>>> = {
  default: {
    UNAUTHENTICATED: 'Your session has ended. Please sign in again.',
    FORBIDDEN: 'You do not have permission to do that.',
    BAD_USER_INPUT: ({ field }) => {
      if (field === 'email') return EMAIL_FORMAT_PROBLEM;
      if (field === 'password') return PASSWORD_LENGTH_PROBLEM;
      return 'Some of the details are not valid. Check them and try again.';
    },
    INVALID_CODE: 'That code is not correct. Check it and try again.',
    CODE_EXPIRED: 'That code has expired. Request a new one.',
    TOO_MANY_ATTEMPTS: ({ retryAfterSeconds }) =>
      retryAfterSeconds === undefined
        ? 'Too many attempts. Please wait a while and try again.'
        : `Too many attempts. Try again in ${formatWait(retryAfterSeconds)}.`,
    DELIVERY_FAILED: 'The code could not be sent. Nothing was used up: please try again.',
  },
  signIn: {
    UNAUTHENTICATED: 'Incorrect e-mail or password.',
  },
  register: {
    FORBIDDEN: 'New accounts cannot be created here. Contact technical support to get an account.',
    // Also covers an address that is already registered, without saying whether it is.
    BAD_USER_INPUT: ({ field }) =>
      field === 'password'
        ? PASSWORD_LENGTH_PROBLEM
        : 'This e-mail address cannot be used for a new account. Check it, or sign in if you already have an account.',
  },
};

export function wordsFor(code: ErrorCode, action: ErrorAction | undefined, details: ErrorDetails): string {
  const words = (action && ERROR_WORDS[action][code]) ?? ERROR_WORDS.default[code];
  return typeof words === 'function' ? words(details) : words;
}

/** "45 seconds", "1 minute", "15 minutes": rounded up so the user never retries too early. */
export function formatWait(seconds: number): string {
  if (seconds < 60) {
    const whole = Math.max(1, Math.ceil(seconds));
    return whole === 1 ? '1 second' : `${whole} seconds`;
  }
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}
