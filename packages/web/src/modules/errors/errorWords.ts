/**
 * Every word the panel says about a failed request, chosen by the error's `extensions.reason`
 * and `extensions.code` (never by its message: server messages may be reworded), refined by the
 * `field`, `retryAfterSeconds` and `clockOffsetMinutes` the API sends with it.
 *
 * The reasons and codes are the API's catalogue, typed by codegen (ErrorReason, ErrorCode), so a
 * misspelt or retired key fails the typecheck. The words are looked up in this order:
 * 1. the place's words for the reason (e.g. a wrong code at sign-in also offers a recovery code);
 * 2. the reason's words anywhere;
 * 3. the place's words for the code, for reasons the panel has no words of its own for;
 * 4. the code's words anywhere;
 * 5. the server's message, for a code this panel does not know yet (a newer server).
 */
import { ErrorCode, ErrorReason } from '../../generated/graphql';
import { groupThousands } from '../../ui/count';
import { EMAIL_FORMAT_PROBLEM, PASSWORD_LENGTH_PROBLEM } from '../auth/credentialRules';

/** Fields the panel's forms can show a problem at (`extensions.field` and `extensions.fields`). */
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
  'token',
  'newPassword',
  'currentPassword',
  'newEmail',
  'url',
  'events',
  'name',
  'scopes',
  'expiresInDays',
  'message',
  'expectedVersion',
  'requiredFor',
  'graceDays',
  'offeredMethods',
  'rememberBrowserDays',
  'smsCountries',
  'role',
] as const;
export type InputField = (typeof INPUT_FIELDS)[number];

/** Reasons after which the sign-in cannot go on: the only way forward is to sign in again. */
export const SIGN_IN_ENDING_REASONS: readonly ErrorReason[] = [
  ErrorReason.CHALLENGE_SPENT,
  ErrorReason.CHALLENGE_ENDED,
  ErrorReason.CHALLENGE_EXPIRED,
];

export interface ErrorDetails {
  field?: InputField;
  reason?: ErrorReason;
  retryAfterSeconds?: number;
  clockOffsetMinutes?: number;
}

type Words = string | ((details: ErrorDetails) => string);

/** A place's own words: by reason first, and by code for the reasons it has no words for. */
interface PlaceWords {
  reasons?: Partial<Record<ErrorReason, Words>>;
  codes?: Partial<Record<ErrorCode, Words>>;
}

/**
 * Places whose words differ from the default for some errors:
 * - `signIn`, `register`: the password forms;
 * - `loginCode`: the 2FA code at sign-in (verifyLoginChallenge);
 * - `sendCode`: asking for a new code (resendLoginCode, resendEnrollmentCode, sendTwoFactorProofCode);
 * - `enable`: starting a set-up (enableTwoFactor), where a code is the proof for a switch;
 * - `checkCode`: the code of a method being set up (verifyTwoFactor);
 * - `proof`: a code that proves control before Disable 2FA or new recovery codes;
 * - `reset`: support resetting another user's 2FA (resetTwoFactor) with their own fresh code;
 * - `forgetBrowser`: forgetting remembered browsers (forgetRememberedBrowser, forgetRememberedBrowsers);
 * - `sendLink`: asking for an e-mail with a link (requestPasswordReset, requestEmailVerification);
 * - `openLink`: what a link in an e-mail leads to (verifyEmail, resetPassword);
 * - `changeEmail`, `changePassword`: the forms of the Account page, which may need a proof;
 * - `revokeSession`: signing a session out from the Account page;
 * - `createApiToken`, `revokeApiToken`: the API tokens of the Account page.
 * - `decideRecovery`: support approving or denying an account recovery with their own fresh code.
 * - `administer`: an admin saving the 2FA policy or changing a role with their own fresh code.
 */
export type ErrorAction =
  | 'signIn'
  | 'register'
  | 'loginCode'
  | 'sendCode'
  | 'enable'
  | 'checkCode'
  | 'proof'
  | 'reset'
  | 'forgetBrowser'
  | 'sendLink'
  | 'openLink'
  | 'changeEmail'
  | 'changePassword'
  | 'revokeSession'
  | 'createApiToken'
  | 'revokeApiToken'
  | 'decideRecovery'
  | 'administer';

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
/** Where a code came from, which the reason alone cannot tell: a TOTP step just used, a sent code, a recovery code. */
export type CodeSource = 'authenticator' | 'sent' | 'recovery';
/** The same refusal, in the words of the code the user typed: each calls for something else. */
export const CODE_ALREADY_USED_BY_SOURCE: Record<CodeSource, string> = {
  authenticator: 'This code was just used. Wait for the next code of your authenticator app (a new one every 30 seconds), then enter it.',
  sent: 'That code was already used. Ask for a new code, then enter it.',
  recovery: 'That recovery code was already used: each one works once. Enter another of your recovery codes.',
};
/** What the customer tells support when they ask for their account to be recovered (the API trims it). */
export const RECOVERY_MESSAGE_MIN = 20;
export const RECOVERY_MESSAGE_MAX = 1000;
export const RECOVERY_MESSAGE_PROBLEM = `Tell support what happened in ${RECOVERY_MESSAGE_MIN} to ${groupThousands(RECOVERY_MESSAGE_MAX)} characters: what you lost, and how they can reach you.`;
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
const SESSION_ENDED_WORDS = 'Your session has ended. Please sign in again.';
const SERVICE_UNAVAILABLE_WORDS = 'The server cannot do this right now. Nothing was changed: try again in a minute.';
const DELIVERY_FAILED_WORDS = 'The code could not be sent. Nothing was used up: please try again.';
/** The support tools refused anywhere but the reset form, which has words of its own. */
export const STAFF_FORBIDDEN_WORDS = {
  OWN_2FA_REQUIRED: 'Turn on 2FA for your own account under Settings for 2FA first: the support tools need it.',
  ROLE_NOT_BELOW: 'This account’s role is not below yours: ask an administrator.',
} as const;
const OWN_PROOF_WORDS = 'Enter a current code of your 2FA method, or a recovery code.';
const WRONG_PROOF_WORDS = 'That code is not correct. Enter a current code of your 2FA method, or a recovery code.';

const waitOf = ({ retryAfterSeconds }: ErrorDetails) => (retryAfterSeconds === undefined ? 'a while' : formatWait(retryAfterSeconds));

const ipLimitWords = (details: ErrorDetails) => `Too many failed attempts came from your network. Try again in ${waitOf(details)}.`;

const lockedWords = (details: ErrorDetails) =>
  details.reason === ErrorReason.IP_LIMIT
    ? ipLimitWords(details)
    : details.retryAfterSeconds === undefined
      ? 'Too many wrong codes. 2FA checks are locked for a while: please wait and try again.'
      : `Too many wrong codes. 2FA checks are locked for your safety: try again in ${formatWait(details.retryAfterSeconds)}.`;

/** Why a send limit holds a code back, before when it frees up. */
const SEND_LIMIT_WORDS: Partial<Record<ErrorReason, string>> = {
  HOURLY_CAP: 'Too many codes were sent in the last hour.',
  IP_SEND_LIMIT: 'Too many codes were sent for your network in the last hour.',
  CHANNEL_BUDGET: 'This server has sent all the codes it may this hour.',
};

const sendWaitWords = (details: ErrorDetails) => {
  const why = details.reason ? SEND_LIMIT_WORDS[details.reason] : undefined;
  return why ? `${why} A new code can be sent in ${waitOf(details)}.` : `A new code can be sent in ${waitOf(details)}.`;
};

/** A link in an e-mail that cannot be used, by reason; the page offers to ask for a new one. */
export const LINK_PROBLEM_WORDS = {
  LINK_INVALID: 'This link is not valid: it may be incomplete. Copy the whole link from the e-mail, or ask for a new one.',
  LINK_ALREADY_USED: 'This link was already used, or a newer one replaced it. Ask for a new one if you still need it.',
  LINK_EXPIRED: 'This link has expired. Ask for a new one.',
} as const;
const EMAIL_TAKEN_WORDS = 'Another account already uses this e-mail address.';

/** Why an e-mail with a link is held back, and when another may be asked for. */
const linkWaitWords = (details: ErrorDetails) => {
  const wait = waitOf(details);
  if (details.reason === ErrorReason.RESEND_WAIT) return `An e-mail was sent a moment ago. You can ask for another in ${wait}.`;
  if (details.reason === ErrorReason.IP_SEND_LIMIT) return `Too many e-mails were asked for from your network. Try again in ${wait}.`;
  if (details.reason === ErrorReason.CHANNEL_BUDGET) return `This server has sent all the e-mails it may this hour. Try again in ${wait}.`;
  return `Too many e-mails like this were asked for in the last hour. Try again in ${wait}.`;
};
/** The send limits a link meets, in its words. */
const LINK_LIMIT_WORDS: Partial<Record<ErrorReason, Words>> = {
  RESEND_WAIT: linkWaitWords,
  HOURLY_CAP: linkWaitWords,
  IP_SEND_LIMIT: linkWaitWords,
  CHANNEL_BUDGET: linkWaitWords,
};

const phoneWords = ({ field }: ErrorDetails) =>
  field === 'phoneCountry' ? 'Choose the country of the phone number.' : PHONE_NUMBER_PROBLEM;

/** The words of each reason, wherever it happens. A reason left out is said by its code's words. */
const REASON_WORDS: Partial<Record<ErrorReason, Words>> = {
  NOT_SIGNED_IN: SESSION_ENDED_WORDS,
  SESSION_ENDED: SESSION_ENDED_WORDS,
  INVALID_CREDENTIALS: 'Incorrect e-mail or password.',
  CHALLENGE_ENDED: SIGN_IN_AGAIN_WORDS.CHALLENGE_ENDED,

  ROLE_REQUIRED: NO_PERMISSION_WORDS,
  REGISTRATION_CLOSED: 'New accounts cannot be created here. Contact technical support to get an account.',
  TWO_FACTOR_REQUIRED: TWO_FACTOR_REQUIRED_WORDS.overdue,
  REQUIRED_CANNOT_DISABLE: TWO_FACTOR_REQUIRED_WORDS.cannotDisable,
  OWN_2FA_REQUIRED: STAFF_FORBIDDEN_WORDS.OWN_2FA_REQUIRED,
  ROLE_NOT_BELOW: STAFF_FORBIDDEN_WORDS.ROLE_NOT_BELOW,
  NOT_YOURSELF: RESET_FORBIDDEN_WORDS.NOT_YOURSELF,

  EMAIL_INVALID: EMAIL_FORMAT_PROBLEM,
  EMAIL_REQUIRED: EMAIL_FORMAT_PROBLEM,
  // Said without telling whether the address is registered.
  EMAIL_TAKEN: 'This e-mail address cannot be used for a new account. Check it, or sign in if you already have an account.',
  PASSWORD_LENGTH: PASSWORD_LENGTH_PROBLEM,
  METHOD_NOT_OFFERED: 'This 2FA method is not available here.',
  PROOF_REQUIRED: OWN_PROOF_WORDS,
  PHONE_REQUIRED: phoneWords,
  PHONE_INVALID: phoneWords,
  COUNTRY_NOT_OFFERED: SMS_COUNTRY_PROBLEM,
  NOT_MOBILE: SMS_NUMBER_PROBLEMS.NOT_MOBILE,
  NON_GEOGRAPHIC: SMS_NUMBER_PROBLEMS.NON_GEOGRAPHIC,
  // Nothing being set up: the set-up ended, or was replaced in another tab.
  NOTHING_PENDING: SETUP_EXPIRED_WORDS,
  NOT_ENABLED: 'Two-factor authentication is already off.',
  REMEMBER_NOT_OFFERED: REMEMBER_FORBIDDEN_WORDS,
  // Forgotten in another tab, expired, or ended by a 2FA change.
  NO_SUCH_BROWSER: BROWSER_GONE_WORDS,
  REASON_LENGTH: RESET_REASON_PROBLEM,
  NO_SUCH_USER: 'This account no longer exists. Search again.',
  // Its 2FA is off: never on, turned off, or reset a moment ago by someone else.
  NOTHING_TO_RESET: 'This account has no 2FA to reset: it is off, or was reset a moment ago. Search again to see it as it is now.',

  INVALID_CODE: 'That code is not correct. Check it and try again.',
  CODE_ALREADY_USED: CODE_ALREADY_USED_WORDS,
  CLOCK_OFF: ({ clockOffsetMinutes }) =>
    clockOffsetMinutes === undefined
      ? 'That code is for another time: set the date and time of your phone to automatic, then enter the new code.'
      : `That code is for another time: your phone's clock seems to be off by about ${clockOffsetMinutes} minute${clockOffsetMinutes === 1 ? '' : 's'}. Set its date and time to automatic, then enter the new code.`,

  CODE_EXPIRED: 'That code has expired. Ask for a new one.',
  SETUP_EXPIRED: SETUP_EXPIRED_WORDS,
  CHALLENGE_EXPIRED: SIGN_IN_AGAIN_WORDS.CHALLENGE_EXPIRED,

  LOCKED: lockedWords,
  IP_LIMIT: ipLimitWords,
  CHALLENGE_SPENT: SIGN_IN_AGAIN_WORDS.CHALLENGE_SPENT,
  RESEND_WAIT: sendWaitWords,
  HOURLY_CAP: sendWaitWords,
  IP_SEND_LIMIT: sendWaitWords,
  CHANNEL_BUDGET: sendWaitWords,
  SETUP_RACE: (details) => `Another set-up was started at the same moment. Try again in ${waitOf(details)}.`,
  RESET_LIMIT: (details) => `At most 10 resets an hour. You can reset again in ${waitOf(details)}.`,
  REGISTER_LIMIT: (details) => `Too many accounts were created from your network. Try again in ${waitOf(details)}.`,

  DELIVERY_FAILED: DELIVERY_FAILED_WORDS,
  CHECKS_UNAVAILABLE: SERVICE_UNAVAILABLE_WORDS,

  LINK_INVALID: LINK_PROBLEM_WORDS.LINK_INVALID,
  LINK_ALREADY_USED: LINK_PROBLEM_WORDS.LINK_ALREADY_USED,
  LINK_EXPIRED: LINK_PROBLEM_WORDS.LINK_EXPIRED,
  LINK_DELIVERY_FAILED: 'The e-mail could not be sent. Nothing was changed: please try again.',
  EMAIL_UNCHANGED: 'This is already the e-mail address of your account.',
  EMAIL_ALREADY_VERIFIED: 'Your e-mail address is already verified.',
  PASSWORD_INCORRECT: 'Your current password is not correct.',
  PASSWORD_CHANGED_MEANWHILE: 'Your password was changed at the same moment elsewhere. Nothing was changed here.',
  NO_SUCH_SESSION: 'That session has ended already.',

  NO_SUCH_WEBHOOK: 'That webhook was deleted meanwhile.',
  WEBHOOK_URL_INVALID: 'Enter the full address of your endpoint, e.g. https://hooks.example.com/latchkey, without a user name or password.',
  WEBHOOK_URL_NOT_HTTPS: 'This server sends webhooks to https:// addresses only.',
  WEBHOOK_URL_PRIVATE: 'This address leads into a private network or to this server: webhooks go to public addresses only here.',
  WEBHOOK_URL_UNRESOLVED: 'The host name of this address does not resolve. Check it and try again.',
  WEBHOOK_EVENTS_REQUIRED: 'Choose at least one event to send.',
  WEBHOOK_LIMIT: 'There can be at most 10 webhooks: delete one first.',
  API_TOKEN_ENDED: 'This API token was revoked or has expired.',
  TOKEN_SCOPE: 'An API token cannot do this: sign in to do it.',
  API_TOKENS_NEED_2FA: 'API tokens are only for accounts with two-factor authentication: turn it on under Settings for 2FA first.',
  API_TOKEN_LIMIT: 'You have as many API tokens as an account may hold (20). Revoke one you no longer use first.',
  NO_SUCH_API_TOKEN: 'That token was revoked or has expired already.',
  TOKEN_NAME_LENGTH: 'Give the token a name of 1 to 64 characters, e.g. “deploy script”.',
  SCOPES_REQUIRED: 'Choose what the token may read.',
  SCOPE_NOT_ALLOWED: 'Only support staff can give a token the support reads.',
  TOKEN_EXPIRY: 'Choose how long the token lasts: 1 to 365 days.',
  PAGE_SIZE: UNEXPECTED_ERROR_WORDS,
  CURSOR_INVALID: 'The list changed too much to go on from here. Reload it.',
  RECOVERY_MESSAGE_LENGTH: RECOVERY_MESSAGE_PROBLEM,
  RECOVERY_ALREADY_OPEN: 'A recovery request for this account is already open: support will decide it. You do not need to ask again.',
  RECOVERY_REQUEST_LIMIT: (details) => `Too many recovery requests were made. Try again in ${waitOf(details)}.`,
  NO_SUCH_RECOVERY_REQUEST: 'That recovery request no longer exists.',
  RECOVERY_NOT_OPEN: 'This recovery request is no longer open: it was cancelled, denied or completed already.',
  RECOVERY_ALREADY_DECIDED: 'This request was decided or cancelled meanwhile: the list now shows where it stands.',

  LAST_ADMIN: 'This is the last administrator: make another account an administrator first.',
  POLICY_VERSION_CONFLICT: 'Someone else saved the policy meanwhile. Reload it and make your change again.',
  POLICY_NO_METHODS: 'Offer at least one 2FA method.',
  METHOD_NOT_SET_UP: 'This server is not set up to deliver one of these methods: its operator must configure it first.',
  DAYS_OUT_OF_RANGE: 'Enter a number of days from 0 to 365.',
  UNKNOWN_COUNTRIES: 'Use two-letter country codes, such as GB, DE or US.',
  NO_COUNTRIES: 'Name at least one country, or allow any country.',
  ADMIN_CHANGE_LIMIT: (details) => `At most 20 administrative changes an hour. Try again in ${waitOf(details)}.`,
};

/** The words of each code, for reasons the panel has none for. Every code has some. */
const CODE_WORDS: Record<ErrorCode, Words> = {
  UNAUTHENTICATED: SESSION_ENDED_WORDS,
  FORBIDDEN: NO_PERMISSION_WORDS,
  BAD_USER_INPUT: ({ field }) => {
    switch (field) {
      case 'email':
        return EMAIL_FORMAT_PROBLEM;
      case 'password':
        return PASSWORD_LENGTH_PROBLEM;
      case 'phoneNumber':
      case 'phoneCountry':
        return phoneWords({ field });
      case 'proof':
        return OWN_PROOF_WORDS;
      default:
        return 'Some of the details are not valid. Check them and try again.';
    }
  },
  INVALID_CODE: 'That code is not correct. Check it and try again.',
  CODE_EXPIRED: 'That code has expired. Ask for a new one.',
  TOO_MANY_ATTEMPTS: ({ retryAfterSeconds }) =>
    retryAfterSeconds === undefined
      ? 'Too many attempts. Please wait a while and try again.'
      : `Too many attempts. Try again in ${formatWait(retryAfterSeconds)}.`,
  DELIVERY_FAILED: DELIVERY_FAILED_WORDS,
  SERVICE_UNAVAILABLE: SERVICE_UNAVAILABLE_WORDS,
  // The rest are refusals of a request the panel built wrong, or a fault of the server.
  BAD_REQUEST: UNEXPECTED_ERROR_WORDS,
  GRAPHQL_PARSE_FAILED: UNEXPECTED_ERROR_WORDS,
  GRAPHQL_VALIDATION_FAILED: UNEXPECTED_ERROR_WORDS,
  PERSISTED_QUERY_NOT_FOUND: UNEXPECTED_ERROR_WORDS,
  PERSISTED_QUERY_NOT_SUPPORTED: UNEXPECTED_ERROR_WORDS,
  OPERATION_RESOLUTION_FAILURE: UNEXPECTED_ERROR_WORDS,
  INTERNAL_SERVER_ERROR: UNEXPECTED_ERROR_WORDS,
};

export const PLACE_WORDS: Record<ErrorAction, PlaceWords> = {
  signIn: {
    reasons: { DELIVERY_FAILED: 'Your password is right, but the 2FA code could not be sent. Nothing was used up: please try again.' },
    codes: { UNAUTHENTICATED: 'Incorrect e-mail or password.' },
  },
  register: {
    codes: {
      FORBIDDEN: 'New accounts cannot be created here. Contact technical support to get an account.',
      BAD_USER_INPUT: ({ field }) =>
        field === 'password'
          ? PASSWORD_LENGTH_PROBLEM
          : 'This e-mail address cannot be used for a new account. Check it, or sign in if you already have an account.',
    },
  },
  loginCode: {
    reasons: { INVALID_CODE: 'That code is not correct. Check it and try again, or use a recovery code.' },
    codes: { TOO_MANY_ATTEMPTS: lockedWords },
  },
  // Sending checks no code: a wait here is always a send limit.
  sendCode: { codes: { TOO_MANY_ATTEMPTS: sendWaitWords, CODE_EXPIRED: SETUP_EXPIRED_WORDS } },
  enable: { reasons: { INVALID_CODE: WRONG_PROOF_WORDS } },
  checkCode: { codes: { TOO_MANY_ATTEMPTS: lockedWords, BAD_USER_INPUT: SETUP_EXPIRED_WORDS } },
  proof: {
    reasons: { INVALID_CODE: WRONG_PROOF_WORDS },
    codes: { TOO_MANY_ATTEMPTS: lockedWords },
  },
  reset: {
    reasons: {
      OWN_2FA_REQUIRED: RESET_FORBIDDEN_WORDS.OWN_2FA_REQUIRED,
      ROLE_NOT_BELOW: RESET_FORBIDDEN_WORDS.ROLE_NOT_BELOW,
      INVALID_CODE: 'That code is not correct. Enter a current code of your own 2FA method, or one of your recovery codes.',
    },
    codes: {
      FORBIDDEN: RESET_FORBIDDEN_WORDS.other,
      TOO_MANY_ATTEMPTS: lockedWords,
      BAD_USER_INPUT: 'Enter a current code of your own 2FA method, or one of your recovery codes.',
    },
  },
  forgetBrowser: { codes: { BAD_USER_INPUT: BROWSER_GONE_WORDS } },
  sendLink: { reasons: LINK_LIMIT_WORDS },
  openLink: {
    reasons: {
      // The new address of a change: another account took it before the link was opened.
      EMAIL_TAKEN: `${EMAIL_TAKEN_WORDS} The address of your account was not changed.`,
    },
    // A dead reset token counts as a failed sign-in of the network.
    codes: { TOO_MANY_ATTEMPTS: ipLimitWords },
  },
  changeEmail: {
    reasons: { ...LINK_LIMIT_WORDS, EMAIL_TAKEN: EMAIL_TAKEN_WORDS, INVALID_CODE: WRONG_PROOF_WORDS },
    codes: { TOO_MANY_ATTEMPTS: lockedWords },
  },
  changePassword: {
    reasons: {
      INVALID_CODE: WRONG_PROOF_WORDS,
      // A wrong current password counts like a wrong password at sign-in.
      SIGN_IN_LOCKED: (details) => `Too many wrong passwords for your account. Try again in ${waitOf(details)}.`,
    },
    codes: { TOO_MANY_ATTEMPTS: lockedWords },
  },
  revokeSession: {},
  createApiToken: {
    reasons: { INVALID_CODE: WRONG_PROOF_WORDS },
    codes: { TOO_MANY_ATTEMPTS: lockedWords },
  },
  revokeApiToken: {},
  decideRecovery: {
    reasons: {
      OWN_2FA_REQUIRED: 'Turn on 2FA for your own account before deciding recovery requests.',
      ROLE_NOT_BELOW: 'You can decide only for accounts of a lower role than yours: ask an administrator.',
      NOT_YOURSELF: 'You cannot decide a recovery request of your own account: ask another member of support.',
      INVALID_CODE: 'That code is not correct. Enter a current code of your own 2FA method, or one of your recovery codes.',
      RESET_LIMIT: (details) => `At most 10 approvals and resets an hour. You can approve again in ${waitOf(details)}.`,
    },
    codes: {
      TOO_MANY_ATTEMPTS: lockedWords,
      BAD_USER_INPUT: 'Enter a current code of your own 2FA method, or one of your recovery codes.',
    },
  },
  administer: {
    reasons: {
      OWN_2FA_REQUIRED: 'Turn on 2FA for your own account under Settings for 2FA first: administration needs it.',
      INVALID_CODE: 'That code is not correct. Enter a current code of your own 2FA method, or one of your recovery codes.',
    },
    codes: { TOO_MANY_ATTEMPTS: lockedWords },
  },
};

const say = (words: Words, details: ErrorDetails) => (typeof words === 'function' ? words(details) : words);

/** The words for an error of `code` (with its reason in `details`) at a place. */
export function wordsFor(code: ErrorCode, action: ErrorAction | undefined, details: ErrorDetails): string {
  const place = action ? PLACE_WORDS[action] : {};
  const { reason } = details;
  const words = (reason && (place.reasons?.[reason] ?? REASON_WORDS[reason])) ?? place.codes?.[code] ?? CODE_WORDS[code];
  return say(words, details);
}

export const isErrorCode = (value: unknown): value is ErrorCode =>
  typeof value === 'string' && (Object.values(ErrorCode) as string[]).includes(value);
export const isErrorReason = (value: unknown): value is ErrorReason =>
  typeof value === 'string' && (Object.values(ErrorReason) as string[]).includes(value);
export const isInputField = (value: unknown): value is InputField =>
  typeof value === 'string' && (INPUT_FIELDS as readonly string[]).includes(value);

/** "45 seconds", "1 minute", "15 minutes": rounded up so the user never retries too early. */
export function formatWait(seconds: number): string {
  if (seconds < 60) {
    const whole = Math.max(1, Math.ceil(seconds));
    return whole === 1 ? '1 second' : `${whole} seconds`;
  }
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}
