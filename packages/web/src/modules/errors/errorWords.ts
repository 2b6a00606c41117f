/**
 * Every word the panel says about a failed request, chosen by the error's `extensions.code`
 * (never by its message: server messages may change or be reworded for logs), refined by the
 * `reason`, `field`, `retryAfterSeconds` and `clockOffsetMinutes` the API sends with it.
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
  'SERVICE_UNAVAILABLE',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Fields the API may name in `extensions.field` of a BAD_USER_INPUT error. */
export const INPUT_FIELDS = [
  'email',
  'password',
  'phoneNumber',
  'phoneCountry',
  'proof',
  'method',
  'reason',
  'userId',
  'rememberBrowser',
  'id',
] as const;
export type InputField = (typeof INPUT_FIELDS)[number];

/** Finer reasons the API gives in `extensions.reason`. */
export const ERROR_REASONS = [
  /** BAD_USER_INPUT on phoneNumber: the server sends no SMS to numbers of that country (SMS_COUNTRIES). */
  'COUNTRY_NOT_OFFERED',
  /** BAD_USER_INPUT on phoneNumber: a fixed line (or other number that is not a mobile one). */
  'NOT_MOBILE',
  /** BAD_USER_INPUT on phoneNumber: a number of no country (satellite, international networks). */
  'NON_GEOGRAPHIC',
  /** INVALID_CODE while enrolling TOTP: the code matches another time; `clockOffsetMinutes` says how far. */
  'CLOCK_OFF',
  /** INVALID_CODE: the code was right but is spent (used before, or by a request racing this one). */
  'CODE_ALREADY_USED',
  /** BAD_USER_INPUT on verifyTwoFactor: no set-up is pending (finished, cancelled or replaced). */
  'NOTHING_PENDING',
  /** TOO_MANY_ATTEMPTS: this sign-in took its five codes; only a new sign-in helps. */
  'CHALLENGE_SPENT',
  /** UNAUTHENTICATED: this sign-in was already used, or is unknown. */
  'CHALLENGE_ENDED',
  /** CODE_EXPIRED: the ten minutes of this sign-in are over. */
  'CHALLENGE_EXPIRED',
  /** CODE_EXPIRED: the set-up of a method is over. */
  'SETUP_EXPIRED',
  /** TOO_MANY_ATTEMPTS: 2FA checks are locked after wrong codes. */
  'LOCKED',
  /** TOO_MANY_ATTEMPTS: too many failures (wrong passwords or codes) came from this IP address, not only this user's. */
  'IP_LIMIT',
  /** TOO_MANY_ATTEMPTS: a code was sent less than a minute ago. */
  'RESEND_WAIT',
  /** TOO_MANY_ATTEMPTS: five codes (of set-up and proof, or of sign-in) went to this user or destination this hour. */
  'HOURLY_CAP',
  /** TOO_MANY_ATTEMPTS: the codes an hour for requests from this IP address were all sent. */
  'IP_SEND_LIMIT',
  /** TOO_MANY_ATTEMPTS: the server sent all the e-mail or SMS codes it may this hour. */
  'CHANNEL_BUDGET',
  /** TOO_MANY_ATTEMPTS: a support member made 10 2FA resets in the last hour. */
  'RESET_LIMIT',
  /** FORBIDDEN on any support tool (search, another user's log, reset): the staff member has no 2FA of their own. */
  'OWN_2FA_REQUIRED',
  /** FORBIDDEN on a support tool: the account's role is not below the staff member's. */
  'ROLE_NOT_BELOW',
  /** FORBIDDEN on a reset: staff cannot reset their own 2FA. */
  'NOT_YOURSELF',
  /**
   * FORBIDDEN: the server requires 2FA of this user. Anywhere but Disable 2FA: the grace period is
   * over and 2FA is off, so only setting it up is open. On Disable 2FA: it may be switched, not turned off.
   */
  'TWO_FACTOR_REQUIRED',
] as const;
export type ErrorReason = (typeof ERROR_REASONS)[number];

/** Reasons after which the sign-in cannot go on: the only way forward is to sign in again. */
export const SIGN_IN_ENDING_REASONS: readonly ErrorReason[] = ['CHALLENGE_SPENT', 'CHALLENGE_ENDED', 'CHALLENGE_EXPIRED'];

export interface ErrorDetails {
  field?: InputField;
  reason?: ErrorReason;
  retryAfterSeconds?: number;
  clockOffsetMinutes?: number;
}

type Words = string | ((details: ErrorDetails) => string);

/**
 * Places whose words differ from the default for some codes:
 * - `signIn`, `register`: the password forms;
 * - `loginCode`: the 2FA code at sign-in (verifyLoginChallenge);
 * - `sendCode`: asking for a new code (resendLoginCode, resendEnrollmentCode, sendTwoFactorProofCode);
 * - `enable`: starting a set-up (enableTwoFactor), where a code is the proof for a switch;
 * - `checkCode`: the code of a method being set up (verifyTwoFactor);
 * - `proof`: a code that proves control before Disable 2FA or new recovery codes (and Disable 2FA
 *   refused because the server requires 2FA);
 * - `reset`: support resetting another user's 2FA (resetTwoFactor) with their own fresh code;
 * - `forgetBrowser`: forgetting remembered browsers (forgetRememberedBrowser, forgetRememberedBrowsers).
 */
export type ErrorAction = 'signIn' | 'register' | 'loginCode' | 'sendCode' | 'enable' | 'checkCode' | 'proof' | 'reset' | 'forgetBrowser';

/** Said when no code applies: the server could not be reached, or failed in an unexpected way. */
export const NETWORK_ERROR_WORDS = 'Could not reach the server. Check your connection and try again.';
export const UNEXPECTED_ERROR_WORDS = 'Something went wrong on our side. Please try again.';

export const PHONE_NUMBER_PROBLEM = 'Enter a valid mobile phone number, for example 07911 123456 or +44 7911 123456.';
/** The same, with an example of the country chosen in the form (the example shown as its hint). */
export const phoneNumberProblemFor = (example: { national: string; international: string }) =>
  `Enter a valid mobile phone number, for example ${example.national} or ${example.international}.`;
export const SIGN_IN_AGAIN_WORDS = {
  CHALLENGE_SPENT: 'Too many wrong codes for this sign-in. Sign in again to get a new code.',
  CHALLENGE_ENDED: 'This sign-in has ended. Sign in again.',
  CHALLENGE_EXPIRED: 'This sign-in has expired. Sign in again.',
} as const;
export const SETUP_EXPIRED_WORDS = 'The set-up has expired. Start again.';
/** A right code that was already used: a TOTP step, an e-mail or SMS code, or a recovery code. */
export const CODE_ALREADY_USED_WORDS =
  'That code was already used. Wait for the next code of your authenticator app, ask for a new code, or use another recovery code.';
export const REMEMBER_FORBIDDEN_WORDS = 'This server does not remember browsers: a code is needed at every sign-in.';
export const BROWSER_GONE_WORDS = 'This browser is not remembered any more.';
export const SMS_COUNTRY_PROBLEM = 'This server does not send SMS codes to numbers of that country. Choose another number or method.';
export const SMS_NUMBER_PROBLEMS = {
  NOT_MOBILE: 'Codes go by SMS to mobile numbers only, and this is not one. Enter a mobile number or choose another method.',
  NON_GEOGRAPHIC:
    'This server does not send SMS codes to satellite or other numbers without a country. Enter a mobile number or choose another method.',
} as const;
export const RESET_REASON_PROBLEM = 'Give a reason of 10 to 500 characters.';
export const RESET_FORBIDDEN_WORDS = {
  OWN_2FA_REQUIRED: 'Turn on 2FA for your own account before resetting anyone else’s.',
  NOT_YOURSELF: 'You cannot reset your own 2FA: ask another member of support.',
  ROLE_NOT_BELOW: 'You can reset the 2FA of accounts of a lower role than yours only: ask an administrator.',
  other: 'Resetting 2FA needs 2FA on your own account, and cannot be done to your own account.',
} as const;
/** Shared with the screens that say the same before anything is refused (Settings for 2FA). */
export const TWO_FACTOR_REQUIRED_WORDS = {
  overdue: 'This server requires two-factor authentication for your account: enable it under Settings for 2FA to go on.',
  cannotDisable: 'This server requires two-factor authentication for your account: you can switch to another method, but not turn it off.',
} as const;
const NO_PERMISSION_WORDS = 'You do not have permission to do that.';
/** The support tools refused anywhere but the reset form, which has words of its own. */
export const STAFF_FORBIDDEN_WORDS = {
  OWN_2FA_REQUIRED: 'Turn on 2FA for your own account under Settings for 2FA first: the support tools need it.',
  ROLE_NOT_BELOW: 'This account’s role is not below yours: ask an administrator.',
} as const;

const ipLimitWords = ({ retryAfterSeconds }: ErrorDetails) =>
  `Too many failed attempts came from your network. Try again in ${
    retryAfterSeconds === undefined ? 'a while' : formatWait(retryAfterSeconds)
  }.`;

const lockedWords = ({ retryAfterSeconds, reason }: ErrorDetails) =>
  reason === 'IP_LIMIT'
    ? ipLimitWords({ retryAfterSeconds })
    : retryAfterSeconds === undefined
      ? 'Too many wrong codes. 2FA checks are locked for a while: please wait and try again.'
      : `Too many wrong codes. 2FA checks are locked for your safety: try again in ${formatWait(retryAfterSeconds)}.`;

/** Why a send limit holds a code back, before when it frees up. */
const SEND_LIMIT_WORDS: Partial<Record<ErrorReason, string>> = {
  HOURLY_CAP: 'Too many codes were sent in the last hour.',
  IP_SEND_LIMIT: 'Too many codes were sent for your network in the last hour.',
  CHANNEL_BUDGET: 'This server has sent all the codes it may this hour.',
};
const SEND_LIMIT_REASONS: readonly ErrorReason[] = ['RESEND_WAIT', 'HOURLY_CAP', 'IP_SEND_LIMIT', 'CHANNEL_BUDGET'];

const sendWaitWords = ({ retryAfterSeconds, reason }: ErrorDetails) => {
  const wait = retryAfterSeconds === undefined ? 'a while' : formatWait(retryAfterSeconds);
  const why = reason ? SEND_LIMIT_WORDS[reason] : undefined;
  return why ? `${why} A new code can be sent in ${wait}.` : `A new code can be sent in ${wait}.`;
};

/**
 * TOO_MANY_ATTEMPTS where both a lockout (wrong codes) and a send limit can cause it, e.g.
 * enableTwoFactor, which checks a proof and sends a code: specific words only with a reason.
 */
const tooManyWords = (details: ErrorDetails) => {
  if (details.reason === 'LOCKED' || details.reason === 'IP_LIMIT') return lockedWords(details);
  if (details.reason && SEND_LIMIT_REASONS.includes(details.reason)) return sendWaitWords(details);
  return details.retryAfterSeconds === undefined
    ? 'Too many attempts. Please wait a while and try again.'
    : `Too many attempts. Try again in ${formatWait(details.retryAfterSeconds)}.`;
};

export const ERROR_WORDS: {
  default: Record<ErrorCode, Words>;
} & Record<ErrorAction, Partial<Record<ErrorCode, Words>>> = {
  default: {
    UNAUTHENTICATED: ({ reason }) =>
      reason === 'CHALLENGE_ENDED' ? SIGN_IN_AGAIN_WORDS.CHALLENGE_ENDED : 'Your session has ended. Please sign in again.',
    FORBIDDEN: ({ reason }) => {
      if (reason === 'TWO_FACTOR_REQUIRED') return TWO_FACTOR_REQUIRED_WORDS.overdue;
      if (reason === 'OWN_2FA_REQUIRED' || reason === 'ROLE_NOT_BELOW') return STAFF_FORBIDDEN_WORDS[reason];
      return NO_PERMISSION_WORDS;
    },
    SERVICE_UNAVAILABLE: 'The server cannot do this right now. Nothing was changed: try again in a minute.',
    BAD_USER_INPUT: ({ field, reason }) => {
      switch (field) {
        case 'email':
          return EMAIL_FORMAT_PROBLEM;
        case 'password':
          return PASSWORD_LENGTH_PROBLEM;
        case 'phoneNumber':
          if (reason === 'COUNTRY_NOT_OFFERED') return SMS_COUNTRY_PROBLEM;
          if (reason === 'NOT_MOBILE' || reason === 'NON_GEOGRAPHIC') return SMS_NUMBER_PROBLEMS[reason];
          return PHONE_NUMBER_PROBLEM;
        case 'phoneCountry':
          return 'Choose the country of the phone number.';
        case 'proof':
          return 'Enter a current code of your 2FA method, or a recovery code.';
        case 'method':
          return 'This 2FA method is not available here.';
        case 'rememberBrowser':
          return REMEMBER_FORBIDDEN_WORDS;
        default:
          return 'Some of the details are not valid. Check them and try again.';
      }
    },
    INVALID_CODE: ({ reason, clockOffsetMinutes }) =>
      reason === 'CODE_ALREADY_USED'
        ? CODE_ALREADY_USED_WORDS
        : reason === 'CLOCK_OFF' && clockOffsetMinutes !== undefined
          ? `That code is for another time: your phone's clock seems to be off by about ${clockOffsetMinutes} minute${clockOffsetMinutes === 1 ? '' : 's'}. Set its date and time to automatic, then enter the new code.`
          : 'That code is not correct. Check it and try again.',
    CODE_EXPIRED: ({ reason }) => {
      if (reason === 'CHALLENGE_EXPIRED') return SIGN_IN_AGAIN_WORDS.CHALLENGE_EXPIRED;
      if (reason === 'SETUP_EXPIRED') return SETUP_EXPIRED_WORDS;
      return 'That code has expired. Ask for a new one.';
    },
    TOO_MANY_ATTEMPTS: tooManyWords,
    DELIVERY_FAILED: 'The code could not be sent. Nothing was used up: please try again.',
  },
  signIn: {
    UNAUTHENTICATED: 'Incorrect e-mail or password.',
    DELIVERY_FAILED: 'Your password is right, but the 2FA code could not be sent. Nothing was used up: please try again.',
  },
  register: {
    FORBIDDEN: 'New accounts cannot be created here. Contact technical support to get an account.',
    // Also covers an address that is already registered, without saying whether it is.
    BAD_USER_INPUT: ({ field }) =>
      field === 'password'
        ? PASSWORD_LENGTH_PROBLEM
        : 'This e-mail address cannot be used for a new account. Check it, or sign in if you already have an account.',
  },
  loginCode: {
    INVALID_CODE: ({ reason }) =>
      reason === 'CODE_ALREADY_USED'
        ? CODE_ALREADY_USED_WORDS
        : 'That code is not correct. Check it and try again, or use a recovery code.',
    TOO_MANY_ATTEMPTS: (details) => (details.reason === 'CHALLENGE_SPENT' ? SIGN_IN_AGAIN_WORDS.CHALLENGE_SPENT : lockedWords(details)),
    CODE_EXPIRED: ({ reason }) =>
      reason === 'CHALLENGE_EXPIRED' ? SIGN_IN_AGAIN_WORDS.CHALLENGE_EXPIRED : 'That code has expired. Ask for a new one.',
  },
  sendCode: {
    // Sending checks no code: a wait here is always a send limit.
    TOO_MANY_ATTEMPTS: sendWaitWords,
    // Without a sign-in reason, the set-up that the code was for is over.
    CODE_EXPIRED: ({ reason }) => (reason === 'CHALLENGE_EXPIRED' ? SIGN_IN_AGAIN_WORDS.CHALLENGE_EXPIRED : SETUP_EXPIRED_WORDS),
  },
  enable: {
    INVALID_CODE: ({ reason }) =>
      reason === 'CODE_ALREADY_USED'
        ? CODE_ALREADY_USED_WORDS
        : 'That code is not correct. Enter a current code of your 2FA method, or a recovery code.',
  },
  checkCode: {
    TOO_MANY_ATTEMPTS: lockedWords,
    // verifyTwoFactor with nothing being set up: the set-up ended (or was replaced in another tab).
    BAD_USER_INPUT: SETUP_EXPIRED_WORDS,
  },
  proof: {
    // Only Disable 2FA is refused for this reason: required 2FA can be switched, not turned off.
    FORBIDDEN: ({ reason }) => (reason === 'TWO_FACTOR_REQUIRED' ? TWO_FACTOR_REQUIRED_WORDS.cannotDisable : NO_PERMISSION_WORDS),
    INVALID_CODE: 'That code is not correct. Enter a current code of your 2FA method, or a recovery code.',
    TOO_MANY_ATTEMPTS: lockedWords,
    BAD_USER_INPUT: 'Two-factor authentication is already off.',
  },
  reset: {
    FORBIDDEN: ({ reason }) => {
      if (reason === 'OWN_2FA_REQUIRED' || reason === 'NOT_YOURSELF' || reason === 'ROLE_NOT_BELOW') return RESET_FORBIDDEN_WORDS[reason];
      // A staff member past their own grace period: their 2FA comes first, as everywhere.
      if (reason === 'TWO_FACTOR_REQUIRED') return TWO_FACTOR_REQUIRED_WORDS.overdue;
      return RESET_FORBIDDEN_WORDS.other;
    },
    INVALID_CODE: 'That code is not correct. Enter a current code of your own 2FA method, or one of your recovery codes.',
    TOO_MANY_ATTEMPTS: (details) => {
      if (details.reason !== 'RESET_LIMIT') return lockedWords(details);
      const wait = details.retryAfterSeconds === undefined ? 'a while' : formatWait(details.retryAfterSeconds);
      return `At most 10 resets an hour. You can reset again in ${wait}.`;
    },
    BAD_USER_INPUT: ({ field }) => {
      if (field === 'reason') return RESET_REASON_PROBLEM;
      if (field === 'userId') return 'This account no longer exists. Search again.';
      return 'Enter a current code of your own 2FA method, or one of your recovery codes.';
    },
  },
  forgetBrowser: {
    // Field `id`, the only input here: not (or no longer) one of the user's remembered browsers,
    // as it was forgotten in another tab, expired, or ended by a 2FA change.
    BAD_USER_INPUT: BROWSER_GONE_WORDS,
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
