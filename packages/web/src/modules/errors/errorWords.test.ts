/** @jest-environment node */
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { describeError } from './describeError';
import { ErrorCode } from '../../generated/graphql';
import type { ErrorAction } from './errorWords';

/**
 * Every error code the 2FA screens can meet, with what the user reads, place by place. The words
 * come from `extensions` (code, reason, field, retryAfterSeconds, clockOffsetMinutes) only; the
 * API sends a reason with every error, and a reason the panel does not know is said by its code.
 */
type Row = [ErrorAction | 'default', string, Record<string, unknown>, string];

const ROWS: Row[] = [
  // The sign-in code step (verifyLoginChallenge).
  ['loginCode', 'INVALID_CODE', { reason: 'INVALID_CODE' }, 'That code is not correct. Check it and try again, or use a recovery code.'],
  [
    'loginCode',
    'INVALID_CODE',
    { reason: 'CODE_ALREADY_USED' },
    'That code was already used. Wait for the next code of your authenticator app, ask for a new code, or use another recovery code.',
  ],
  [
    'checkCode',
    'INVALID_CODE',
    { reason: 'CODE_ALREADY_USED' },
    'That code was already used. Wait for the next code of your authenticator app, ask for a new code, or use another recovery code.',
  ],
  ['loginCode', 'CODE_EXPIRED', { reason: 'CODE_EXPIRED' }, 'That code has expired. Ask for a new one.'],
  ['loginCode', 'CODE_EXPIRED', { reason: 'CHALLENGE_EXPIRED' }, 'This sign-in has expired. Sign in again.'],
  [
    'loginCode',
    'TOO_MANY_ATTEMPTS',
    { reason: 'LOCKED', retryAfterSeconds: 900 },
    'Too many wrong codes. 2FA checks are locked for your safety: try again in 15 minutes.',
  ],
  [
    'loginCode',
    'TOO_MANY_ATTEMPTS',
    { reason: 'LOCKED', retryAfterSeconds: 61 },
    'Too many wrong codes. 2FA checks are locked for your safety: try again in 2 minutes.',
  ],
  [
    'loginCode',
    'TOO_MANY_ATTEMPTS',
    { reason: 'LOCKED' },
    'Too many wrong codes. 2FA checks are locked for a while: please wait and try again.',
  ],
  // A reason the panel does not know (a newer server): the place's words for the code.
  [
    'loginCode',
    'TOO_MANY_ATTEMPTS',
    { reason: 'SOMETHING_NEW' },
    'Too many wrong codes. 2FA checks are locked for a while: please wait and try again.',
  ],
  [
    'loginCode',
    'TOO_MANY_ATTEMPTS',
    { reason: 'CHALLENGE_SPENT' },
    'Too many wrong codes for this sign-in. Sign in again to get a new code.',
  ],
  ['loginCode', 'UNAUTHENTICATED', { reason: 'CHALLENGE_ENDED' }, 'This sign-in has ended. Sign in again.'],
  ['loginCode', 'DELIVERY_FAILED', { reason: 'DELIVERY_FAILED' }, 'The code could not be sent. Nothing was used up: please try again.'],
  // Asking for a new code (resendLoginCode, resendEnrollmentCode, sendTwoFactorProofCode).
  ['sendCode', 'TOO_MANY_ATTEMPTS', { reason: 'RESEND_WAIT', retryAfterSeconds: 42 }, 'A new code can be sent in 42 seconds.'],
  [
    'sendCode',
    'TOO_MANY_ATTEMPTS',
    { retryAfterSeconds: 1800, reason: 'HOURLY_CAP' },
    'Too many codes were sent in the last hour. A new code can be sent in 30 minutes.',
  ],
  [
    'sendCode',
    'TOO_MANY_ATTEMPTS',
    { retryAfterSeconds: 2400, reason: 'IP_SEND_LIMIT' },
    'Too many codes were sent for your network in the last hour. A new code can be sent in 40 minutes.',
  ],
  [
    'sendCode',
    'TOO_MANY_ATTEMPTS',
    { retryAfterSeconds: 600, reason: 'CHANNEL_BUDGET' },
    'This server has sent all the codes it may this hour. A new code can be sent in 10 minutes.',
  ],
  ['sendCode', 'DELIVERY_FAILED', { reason: 'DELIVERY_FAILED' }, 'The code could not be sent. Nothing was used up: please try again.'],
  ['sendCode', 'CODE_EXPIRED', { reason: 'SETUP_EXPIRED' }, 'The set-up has expired. Start again.'],
  ['sendCode', 'BAD_USER_INPUT', { reason: 'NOTHING_PENDING' }, 'The set-up has expired. Start again.'],
  ['sendCode', 'CODE_EXPIRED', { reason: 'CHALLENGE_EXPIRED' }, 'This sign-in has expired. Sign in again.'],
  ['sendCode', 'UNAUTHENTICATED', { reason: 'CHALLENGE_ENDED' }, 'This sign-in has ended. Sign in again.'],
  // Starting a set-up (enableTwoFactor), where a code is the proof of a switch.
  ['enable', 'BAD_USER_INPUT', { field: 'email', reason: 'EMAIL_INVALID' }, 'Enter a valid e-mail address.'],
  ['enable', 'BAD_USER_INPUT', { field: 'email', reason: 'EMAIL_REQUIRED' }, 'Enter a valid e-mail address.'],
  [
    'enable',
    'BAD_USER_INPUT',
    { field: 'phoneNumber', reason: 'PHONE_INVALID' },
    'Enter a valid mobile phone number, for example 07911 123456 or +44 7911 123456.',
  ],
  [
    'enable',
    'BAD_USER_INPUT',
    { field: 'phoneNumber', reason: 'COUNTRY_NOT_OFFERED' },
    'This server does not send SMS codes to numbers of that country. Choose another number or method.',
  ],
  [
    'enable',
    'BAD_USER_INPUT',
    { field: 'phoneNumber', reason: 'NOT_MOBILE' },
    'Codes go by SMS to mobile numbers only, and this is not one. Enter a mobile number or choose another method.',
  ],
  [
    'enable',
    'BAD_USER_INPUT',
    { field: 'phoneNumber', reason: 'NON_GEOGRAPHIC' },
    'This server does not send SMS codes to satellite or other numbers without a country. Enter a mobile number or choose another method.',
  ],
  ['enable', 'BAD_USER_INPUT', { field: 'phoneCountry', reason: 'PHONE_INVALID' }, 'Choose the country of the phone number.'],
  [
    'enable',
    'BAD_USER_INPUT',
    { field: 'proof', reason: 'PROOF_REQUIRED' },
    'Enter a current code of your 2FA method, or a recovery code.',
  ],
  ['enable', 'BAD_USER_INPUT', { field: 'method', reason: 'METHOD_NOT_OFFERED' }, 'This 2FA method is not available here.'],
  [
    'enable',
    'INVALID_CODE',
    { reason: 'INVALID_CODE' },
    'That code is not correct. Enter a current code of your 2FA method, or a recovery code.',
  ],
  ['enable', 'CODE_EXPIRED', { reason: 'CODE_EXPIRED' }, 'That code has expired. Ask for a new one.'],
  ['enable', 'TOO_MANY_ATTEMPTS', { reason: 'SOMETHING_NEW', retryAfterSeconds: 50 }, 'Too many attempts. Try again in 50 seconds.'],
  [
    'enable',
    'TOO_MANY_ATTEMPTS',
    { reason: 'SETUP_RACE', retryAfterSeconds: 1 },
    'Another set-up was started at the same moment. Try again in 1 second.',
  ],
  [
    'enable',
    'TOO_MANY_ATTEMPTS',
    { retryAfterSeconds: 900, reason: 'LOCKED' },
    'Too many wrong codes. 2FA checks are locked for your safety: try again in 15 minutes.',
  ],
  ['enable', 'TOO_MANY_ATTEMPTS', { retryAfterSeconds: 50, reason: 'RESEND_WAIT' }, 'A new code can be sent in 50 seconds.'],
  [
    'enable',
    'TOO_MANY_ATTEMPTS',
    { retryAfterSeconds: 3000, reason: 'HOURLY_CAP' },
    'Too many codes were sent in the last hour. A new code can be sent in 50 minutes.',
  ],
  [
    'enable',
    'TOO_MANY_ATTEMPTS',
    { retryAfterSeconds: 1200, reason: 'CHANNEL_BUDGET' },
    'This server has sent all the codes it may this hour. A new code can be sent in 20 minutes.',
  ],
  ['enable', 'DELIVERY_FAILED', { reason: 'DELIVERY_FAILED' }, 'The code could not be sent. Nothing was used up: please try again.'],
  ['enable', 'UNAUTHENTICATED', { reason: 'SESSION_ENDED' }, 'Your session has ended. Please sign in again.'],
  // The code of a method being set up (verifyTwoFactor): Check Code, Verify code.
  ['checkCode', 'INVALID_CODE', { reason: 'INVALID_CODE' }, 'That code is not correct. Check it and try again.'],
  [
    'checkCode',
    'INVALID_CODE',
    { reason: 'CLOCK_OFF', clockOffsetMinutes: 7 },
    "That code is for another time: your phone's clock seems to be off by about 7 minutes. Set its date and time to automatic, then enter the new code.",
  ],
  [
    'checkCode',
    'INVALID_CODE',
    { reason: 'CLOCK_OFF', clockOffsetMinutes: 1 },
    "That code is for another time: your phone's clock seems to be off by about 1 minute. Set its date and time to automatic, then enter the new code.",
  ],
  ['checkCode', 'CODE_EXPIRED', { reason: 'CODE_EXPIRED' }, 'That code has expired. Ask for a new one.'],
  ['checkCode', 'CODE_EXPIRED', { reason: 'SETUP_EXPIRED' }, 'The set-up has expired. Start again.'],
  ['checkCode', 'BAD_USER_INPUT', { reason: 'NOTHING_PENDING' }, 'The set-up has expired. Start again.'],
  [
    'checkCode',
    'TOO_MANY_ATTEMPTS',
    { reason: 'LOCKED', retryAfterSeconds: 840 },
    'Too many wrong codes. 2FA checks are locked for your safety: try again in 14 minutes.',
  ],
  // A proof for Disable 2FA or new recovery codes.
  [
    'proof',
    'INVALID_CODE',
    { reason: 'INVALID_CODE' },
    'That code is not correct. Enter a current code of your 2FA method, or a recovery code.',
  ],
  ['proof', 'CODE_EXPIRED', { reason: 'CODE_EXPIRED' }, 'That code has expired. Ask for a new one.'],
  [
    'proof',
    'TOO_MANY_ATTEMPTS',
    { reason: 'LOCKED', retryAfterSeconds: 900 },
    'Too many wrong codes. 2FA checks are locked for your safety: try again in 15 minutes.',
  ],
  ['proof', 'BAD_USER_INPUT', { reason: 'NOT_ENABLED' }, 'Two-factor authentication is already off.'],
  // Disable 2FA when the server requires 2FA of the user.
  [
    'proof',
    'FORBIDDEN',
    { reason: 'REQUIRED_CANNOT_DISABLE' },
    'This server requires two-factor authentication for your account: you can switch to another method, but not turn it off.',
  ],
  ['proof', 'FORBIDDEN', { reason: 'ROLE_REQUIRED' }, 'You do not have permission to do that.'],
  // Support resetting another user's 2FA (resetTwoFactor), with a code of their own 2FA.
  [
    'reset',
    'INVALID_CODE',
    { reason: 'INVALID_CODE' },
    'That code is not correct. Enter a current code of your own 2FA method, or one of your recovery codes.',
  ],
  [
    'reset',
    'TOO_MANY_ATTEMPTS',
    { reason: 'RESET_LIMIT', retryAfterSeconds: 1500 },
    'At most 10 resets an hour. You can reset again in 25 minutes.',
  ],
  [
    'reset',
    'TOO_MANY_ATTEMPTS',
    { reason: 'LOCKED', retryAfterSeconds: 900 },
    'Too many wrong codes. 2FA checks are locked for your safety: try again in 15 minutes.',
  ],
  ['reset', 'BAD_USER_INPUT', { field: 'reason', reason: 'REASON_LENGTH' }, 'Give a reason of 10 to 500 characters.'],
  ['reset', 'BAD_USER_INPUT', { field: 'userId', reason: 'NO_SUCH_USER' }, 'This account no longer exists. Search again.'],
  // Another staff member reset it a moment before.
  [
    'reset',
    'BAD_USER_INPUT',
    { field: 'userId', reason: 'NOTHING_TO_RESET' },
    'This account has no 2FA to reset: it is off, or was reset a moment ago. Search again to see it as it is now.',
  ],
  // A staff member past the grace period of their own required 2FA.
  [
    'reset',
    'FORBIDDEN',
    { reason: 'TWO_FACTOR_REQUIRED' },
    'This server requires two-factor authentication for your account: enable it under Settings for 2FA to go on.',
  ],
  // The sign-in code step when the server forbids "Remember this browser".
  [
    'loginCode',
    'BAD_USER_INPUT',
    { field: 'rememberBrowser', reason: 'REMEMBER_NOT_OFFERED' },
    'This server does not remember browsers: a code is needed at every sign-in.',
  ],
  // Forgetting remembered browsers on Settings for 2FA.
  ['forgetBrowser', 'BAD_USER_INPUT', { field: 'id', reason: 'NO_SUCH_BROWSER' }, 'This browser is not remembered any more.'],
  ['forgetBrowser', 'UNAUTHENTICATED', { reason: 'SESSION_ENDED' }, 'Your session has ended. Please sign in again.'],
  // Anywhere else.
  ['default', 'FORBIDDEN', { reason: 'ROLE_REQUIRED' }, 'You do not have permission to do that.'],
  // Anything but setting 2FA up, once the grace period of required 2FA is over.
  [
    'default',
    'FORBIDDEN',
    { reason: 'TWO_FACTOR_REQUIRED' },
    'This server requires two-factor authentication for your account: enable it under Settings for 2FA to go on.',
  ],
  // A per-IP limit: failures of everyone behind the address, not a lock of this user.
  [
    'signIn',
    'TOO_MANY_ATTEMPTS',
    { reason: 'IP_LIMIT', retryAfterSeconds: 900 },
    'Too many failed attempts came from your network. Try again in 15 minutes.',
  ],
  [
    'loginCode',
    'TOO_MANY_ATTEMPTS',
    { reason: 'IP_LIMIT', retryAfterSeconds: 120 },
    'Too many failed attempts came from your network. Try again in 2 minutes.',
  ],
  [
    'enable',
    'TOO_MANY_ATTEMPTS',
    { reason: 'IP_LIMIT', retryAfterSeconds: 30 },
    'Too many failed attempts came from your network. Try again in 30 seconds.',
  ],
  ['proof', 'TOO_MANY_ATTEMPTS', { reason: 'IP_LIMIT' }, 'Too many failed attempts came from your network. Try again in a while.'],
  // The support tools: search and another user's log (default words), and the reset form.
  [
    'default',
    'FORBIDDEN',
    { reason: 'OWN_2FA_REQUIRED' },
    'Turn on 2FA for your own account under Settings for 2FA first: the support tools need it.',
  ],
  ['default', 'FORBIDDEN', { reason: 'ROLE_NOT_BELOW' }, 'This account’s role is not below yours: ask an administrator.'],
  [
    'reset',
    'FORBIDDEN',
    { reason: 'ROLE_NOT_BELOW' },
    'You can reset the 2FA of accounts of a lower role than yours only: ask an administrator.',
  ],
  ['default', 'UNAUTHENTICATED', { reason: 'SESSION_ENDED' }, 'Your session has ended. Please sign in again.'],
  ['default', 'UNAUTHENTICATED', { reason: 'NOT_SIGNED_IN' }, 'Your session has ended. Please sign in again.'],
  [
    'default',
    'SERVICE_UNAVAILABLE',
    { reason: 'CHECKS_UNAVAILABLE' },
    'The server cannot do this right now. Nothing was changed: try again in a minute.',
  ],
  // Refusals of a request the panel built wrong, and faults of the server.
  ['default', 'INTERNAL_SERVER_ERROR', { reason: 'UNEXPECTED' }, 'Something went wrong on our side. Please try again.'],
  ['default', 'GRAPHQL_VALIDATION_FAILED', { reason: 'INVALID_DOCUMENT' }, 'Something went wrong on our side. Please try again.'],
  ['default', 'BAD_REQUEST', { reason: 'MALFORMED_JSON' }, 'Something went wrong on our side. Please try again.'],
  ['default', 'GRAPHQL_PARSE_FAILED', { reason: 'PARSE_FAILED' }, 'Something went wrong on our side. Please try again.'],
  ['default', 'PERSISTED_QUERY_NOT_FOUND', { reason: 'PERSISTED_QUERY_NOT_FOUND' }, 'Something went wrong on our side. Please try again.'],
  [
    'default',
    'PERSISTED_QUERY_NOT_SUPPORTED',
    { reason: 'PERSISTED_QUERY_NOT_SUPPORTED' },
    'Something went wrong on our side. Please try again.',
  ],
  ['default', 'OPERATION_RESOLUTION_FAILURE', { reason: 'UNKNOWN_OPERATION' }, 'Something went wrong on our side. Please try again.'],
  // Sign-in and registration.
  ['signIn', 'UNAUTHENTICATED', { reason: 'INVALID_CREDENTIALS' }, 'Incorrect e-mail or password.'],
  ['signIn', 'TOO_MANY_ATTEMPTS', { reason: 'SIGN_IN_LOCKED', retryAfterSeconds: 600 }, 'Too many attempts. Try again in 10 minutes.'],
  [
    'register',
    'FORBIDDEN',
    { reason: 'REGISTRATION_CLOSED' },
    'New accounts cannot be created here. Contact technical support to get an account.',
  ],
  [
    'register',
    'TOO_MANY_ATTEMPTS',
    { reason: 'REGISTER_LIMIT', retryAfterSeconds: 3600 },
    'Too many accounts were created from your network. Try again in 60 minutes.',
  ],
  // Administration: the 2FA policy and roles.
  ['administer', 'FORBIDDEN', { reason: 'LAST_ADMIN' }, 'This is the last administrator: make another account an administrator first.'],
  [
    'administer',
    'TOO_MANY_ATTEMPTS',
    { reason: 'ADMIN_CHANGE_LIMIT', retryAfterSeconds: 1800 },
    'At most 20 administrative changes an hour. Try again in 30 minutes.',
  ],
  [
    'administer',
    'INVALID_CODE',
    { reason: 'INVALID_CODE' },
    'That code is not correct. Enter a current code of your own 2FA method, or one of your recovery codes.',
  ],
  [
    'administer',
    'BAD_USER_INPUT',
    { reason: 'POLICY_VERSION_CONFLICT', field: 'expectedVersion' },
    'Someone else saved the policy meanwhile. Reload it and make your change again.',
  ],
];

function errorWith(code: string, extensions: Record<string, unknown>) {
  return new CombinedGraphQLErrors({ data: null, errors: [{ message: 'server text', extensions: { code, ...extensions } }] });
}

describe('the words of each error code in the 2FA screens', () => {
  it.each(ROWS)('%s: %s %j says "%s"', (action, code, extensions, words) => {
    const described = describeError(errorWith(code, extensions), action === 'default' ? undefined : action);
    expect(described.message).toBe(words);
  });

  it('covers every error code the API has', () => {
    const covered = new Set(ROWS.map(([, code]) => code));
    expect([...covered].sort()).toEqual(Object.values(ErrorCode).sort());
  });

  it('tells the two causes of a refused reset apart by reason, never by the server’s message', () => {
    const refused = (reason: string) =>
      new CombinedGraphQLErrors({ data: null, errors: [{ message: 'reworded by the server', extensions: { code: 'FORBIDDEN', reason } }] });
    expect(describeError(refused('OWN_2FA_REQUIRED'), 'reset')).toEqual({
      code: 'FORBIDDEN',
      reason: 'OWN_2FA_REQUIRED',
      message: 'Turn on 2FA for your own account before resetting anyone else’s.',
    });
    expect(describeError(refused('NOT_YOURSELF'), 'reset').message).toBe('You cannot reset your own 2FA: ask another member of support.');
    // Elsewhere (search, another user's log) the same reason has the support tools' general words.
    expect(describeError(refused('OWN_2FA_REQUIRED')).message).toBe(
      'Turn on 2FA for your own account under Settings for 2FA first: the support tools need it.',
    );
    expect(describeError(refused('SOMETHING_NEW')).message).toBe('You do not have permission to do that.');
  });

  it('passes on what a screen needs to decide its next step', () => {
    expect(describeError(errorWith('TOO_MANY_ATTEMPTS', { reason: 'CHALLENGE_SPENT', retryAfterSeconds: 3 }), 'loginCode')).toEqual({
      code: 'TOO_MANY_ATTEMPTS',
      reason: 'CHALLENGE_SPENT',
      retryAfterSeconds: 3,
      message: 'Too many wrong codes for this sign-in. Sign in again to get a new code.',
    });
    // Unknown reasons and fields are ignored: the code's general words apply.
    expect(describeError(errorWith('INVALID_CODE', { reason: 'SOMETHING_NEW', field: 'shoeSize' }), 'checkCode')).toEqual({
      code: 'INVALID_CODE',
      message: 'That code is not correct. Check it and try again.',
    });
  });
});
