/**
 * Every error Latchkey answers, in one table: a reason names the cause, and the catalogue gives it
 * its code, its message and, for input problems, the field at fault. Throw sites name a reason
 * (`fail('CHALLENGE_ENDED')`) and never spell a code or a message, so the API, the schema's enums,
 * docs/errors.md and the panel's words all read the same list.
 *
 * Adding an error: add an entry below (its reason is the key), run `pnpm schema` (the SDL's
 * ErrorReason enum, the panel's generated types and docs/errors.md follow), and throw it with
 * `fail` from ./app-error. Codes and reasons are part of the contract: never rename or remove one
 * without deprecating it first (docs/versioning.md).
 */

/** The stable `extensions.code` of every error: what a client decides by. */
export enum ErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  INVALID_CODE = 'INVALID_CODE',
  CODE_EXPIRED = 'CODE_EXPIRED',
  TOO_MANY_ATTEMPTS = 'TOO_MANY_ATTEMPTS',
  DELIVERY_FAILED = 'DELIVERY_FAILED',
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  BAD_REQUEST = 'BAD_REQUEST',
  GRAPHQL_PARSE_FAILED = 'GRAPHQL_PARSE_FAILED',
  GRAPHQL_VALIDATION_FAILED = 'GRAPHQL_VALIDATION_FAILED',
  PERSISTED_QUERY_NOT_FOUND = 'PERSISTED_QUERY_NOT_FOUND',
  PERSISTED_QUERY_NOT_SUPPORTED = 'PERSISTED_QUERY_NOT_SUPPORTED',
  OPERATION_RESOLUTION_FAILURE = 'OPERATION_RESOLUTION_FAILURE',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

/** What each code means and what a client does about it (the schema and docs/errors.md show these). */
export const ERROR_CODES: Record<ErrorCode, { when: string; extra: string; clientDoes: string }> = {
  [ErrorCode.UNAUTHENTICATED]: {
    when: 'No session, a wrong e-mail or password (the same answer for both), an ended session, API token or sign-in challenge',
    extra: '',
    clientDoes: 'Sign in (again)',
  },
  [ErrorCode.FORBIDDEN]: {
    when: 'The role does not allow it, registration is closed, a rule of 2FA refuses it, or an API token does not reach it',
    extra: '',
    clientDoes: 'Explain; do not retry',
  },
  [ErrorCode.BAD_USER_INPUT]: {
    when: "An argument is wrong (an e-mail address, a password's length, a phone number, …), or a variable does not fit its type",
    extra: '`field`, `fields`',
    clientDoes: 'Show each problem of `fields` at its field',
  },
  [ErrorCode.INVALID_CODE]: {
    when: 'A 2FA code or recovery code is wrong, or right but already used',
    extra: '`clockOffsetMinutes` (reason `CLOCK_OFF`)',
    clientDoes: 'Ask for another code',
  },
  [ErrorCode.CODE_EXPIRED]: {
    when: 'The code, the set-up or the sign-in challenge is older than 10 minutes',
    extra: '',
    clientDoes: 'Start again (resend, set up again, sign in again)',
  },
  [ErrorCode.TOO_MANY_ATTEMPTS]: {
    when: 'A limit is reached',
    extra: '`retryAfterSeconds` (also the `Retry-After` header)',
    clientDoes: 'Wait `retryAfterSeconds`',
  },
  [ErrorCode.DELIVERY_FAILED]: {
    when: 'The e-mail or SMS with the code could not be sent; nothing was changed or spent',
    extra: '',
    clientDoes: 'Offer to try again',
  },
  [ErrorCode.SERVICE_UNAVAILABLE]: {
    when: 'The shared limit store (Redis) does not answer, so checks fail closed; or the server is restarting (HTTP 503)',
    extra: '',
    clientDoes: 'Try again shortly; nothing was changed',
  },
  [ErrorCode.BAD_REQUEST]: {
    when: 'The HTTP request itself is wrong: not JSON, too large, no query, a content type other than JSON',
    extra: '',
    clientDoes: "Fix the client's code",
  },
  [ErrorCode.GRAPHQL_PARSE_FAILED]: {
    when: 'The document is not GraphQL, or longer than 1,000 tokens',
    extra: '',
    clientDoes: "Fix the client's code",
  },
  [ErrorCode.GRAPHQL_VALIDATION_FAILED]: {
    when: 'The document asks for something the schema does not have, or more than the limits allow; nothing ran (HTTP 400)',
    extra: '',
    clientDoes: "Fix the client's code",
  },
  [ErrorCode.PERSISTED_QUERY_NOT_FOUND]: {
    when: 'An automatic persisted query whose hash the server does not know (yet)',
    extra: '',
    clientDoes: 'Send the full query with its hash (Apollo Client does this by itself)',
  },
  [ErrorCode.PERSISTED_QUERY_NOT_SUPPORTED]: {
    when: 'Persisted queries are switched off',
    extra: '',
    clientDoes: 'Send full queries',
  },
  [ErrorCode.OPERATION_RESOLUTION_FAILURE]: {
    when: "The request's `operationName` names no operation of the document, or names none of several",
    extra: '',
    clientDoes: "Fix the client's code",
  },
  [ErrorCode.INTERNAL_SERVER_ERROR]: {
    when: 'Anything unexpected; the message is always "Unexpected error." and says nothing more',
    extra: '',
    clientDoes: 'Try again; report it if it stays',
  },
};

/** One catalogued error. `message` is the English a person reads; clients decide by code and reason. */
export interface CatalogueEntry {
  readonly code: ErrorCode;
  /** Fixed words, or words built from the details the throw site gives (which also go into `extensions`). */
  readonly message: string | ((details: never) => string);
  /** For input problems: the argument or input field at fault, unless the throw site names another. */
  readonly field?: string;
  /** The HTTP status of the answer, when it is not 200 (edge errors; resolver errors never set one). */
  readonly httpStatus?: number;
  /** For integrators: when it happens and what to do (the schema and docs/errors.md show it). */
  readonly description: string;
}

const HTTP_BAD_REQUEST = 400;

export const ERROR_CATALOGUE = {
  // ---- UNAUTHENTICATED
  NOT_SIGNED_IN: {
    code: ErrorCode.UNAUTHENTICATED,
    message: 'You are not signed in.',
    description: 'No session token or cookie came with a request that needs one.',
  },
  SESSION_ENDED: {
    code: ErrorCode.UNAUTHENTICATED,
    message: 'Your session has ended. Please sign in again.',
    description: 'The token was revoked (`logout`, a 2FA change, a support reset) or timed out (30 minutes idle, 12 hours in all).',
  },
  INVALID_CREDENTIALS: {
    code: ErrorCode.UNAUTHENTICATED,
    message: 'Incorrect e-mail or password.',
    description: '`login`: the e-mail or the password is wrong; the answer never says which, nor whether the account exists.',
  },
  CHALLENGE_ENDED: {
    code: ErrorCode.UNAUTHENTICATED,
    message: 'This sign-in has ended. Sign in again.',
    description: 'The sign-in challenge was used, is unknown, or its method changed meanwhile: sign in again.',
  },
  API_TOKEN_ENDED: {
    code: ErrorCode.UNAUTHENTICATED,
    message: 'This API token was revoked or has expired.',
    description:
      'An API token (`Authorization: Bearer lk_…`) that was revoked (`revokeApiToken`; 2FA turned off or reset; a password change or reset), ' +
      'is past its `expiresAt`, or was never issued: its owner creates a new one.',
  },

  // ---- FORBIDDEN
  ROLE_REQUIRED: {
    code: ErrorCode.FORBIDDEN,
    message: 'You do not have permission to do this.',
    description: "The caller's role does not allow this operation (the support tools need SUPPORT or ADMIN; webhooks, ADMIN).",
  },
  REGISTRATION_CLOSED: {
    code: ErrorCode.FORBIDDEN,
    message: 'Registration is switched off on this server.',
    description: '`register` while `REGISTRATION_ENABLED=false`: accounts are created by operators.',
  },
  TWO_FACTOR_REQUIRED: {
    code: ErrorCode.FORBIDDEN,
    message: 'This server requires 2FA for your account: turn it on under Settings for 2FA for 2FA to go on.',
    description:
      'The server requires 2FA for this account and its grace period is over: only setting 2FA up is open (`twoFactorSettings`, `enableTwoFactor`, `resendEnrollmentCode`, `verifyTwoFactor`).',
  },
  REQUIRED_CANNOT_DISABLE: {
    code: ErrorCode.FORBIDDEN,
    message: 'This server requires 2FA for your account: you can switch to another method, but not turn it off.',
    description: '`disableTwoFactor` while the server requires 2FA for the account: switch methods instead.',
  },
  OWN_2FA_REQUIRED: {
    code: ErrorCode.FORBIDDEN,
    message: 'Turn on 2FA for your own account first: the support tools need it.',
    description:
      "Staff tools (search, another user's log, reset, the recovery queue and its decisions, webhooks, the policy and roles) need the staff member's own 2FA on, whatever the policy requires of others; a reset, creating or deleting a webhook, saving the policy and changing a role need a fresh code of it too.",
  },
  NOT_YOURSELF: {
    code: ErrorCode.FORBIDDEN,
    message: 'You cannot reset your own 2FA: ask another member of support.',
    description: "A support reset, or a decision on an account recovery, never targets the staff member's own account.",
  },
  ROLE_NOT_BELOW: {
    code: ErrorCode.FORBIDDEN,
    message: 'Staff can act only on accounts of a lower role than their own.',
    description: 'Staff act only on accounts of a lower role (`CUSTOMER` < `SUPPORT` < `ADMIN`).',
  },
  LAST_ADMIN: {
    code: ErrorCode.FORBIDDEN,
    message: 'This is the last admin account: make another account ADMIN first.',
    description:
      '`setUserRole` (or the command line) would leave no account with the role ADMIN; of two admins demoting each other at once, one is refused so.',
  },
  TOKEN_SCOPE: {
    code: ErrorCode.FORBIDDEN,
    message: 'An API token cannot do this: sign in, or use a token with the scope it needs.',
    httpStatus: 403,
    description:
      'A request with an API token named a field its scopes do not reach; nothing ran (HTTP 403). Tokens only read: `READ` reaches ' +
      'your own settings, security log and tokens, `SUPPORT_READ` the staff reads; nothing that changes 2FA, a password, an ' +
      'address, a session or a token is ever open to one.',
  },
  API_TOKENS_NEED_2FA: {
    code: ErrorCode.FORBIDDEN,
    message: 'Turn on 2FA first: API tokens are only for accounts with two-factor authentication.',
    description: '`createApiToken` while 2FA is off. Turning 2FA off later ends every token of the account.',
  },
  API_TOKEN_LIMIT: {
    code: ErrorCode.FORBIDDEN,
    message: ({ limit }: { limit: number }) => `You have ${limit} API tokens, the most an account may hold: revoke one first.`,
    description: '`createApiToken` while the account holds 20 live tokens (`limit`); refused before the proof is checked.',
  },

  // ---- BAD_USER_INPUT
  EMAIL_INVALID: {
    code: ErrorCode.BAD_USER_INPUT,
    message: 'Enter a valid e-mail address.',
    field: 'email',
    description: 'Not an e-mail address: no @, no dotted domain, over 254 characters, or holding control or invisible characters.',
  },
  EMAIL_TAKEN: {
    code: ErrorCode.BAD_USER_INPUT,
    message: 'An account with this e-mail address already exists.',
    field: 'email',
    description:
      '`register`: an account with this address exists (checked after the other input, and counted by the registration limit); ' +
      '`changeEmail` (field `newEmail`): another account has the new address; `verifyEmail`: another account took it before the link was opened.',
  },
  EMAIL_UNCHANGED: {
    code: ErrorCode.BAD_USER_INPUT,
    message: 'This is already the e-mail address of your account.',
    field: 'newEmail',
    description: '`changeEmail` to the address the account has now.',
  },
  EMAIL_ALREADY_VERIFIED: {
    code: ErrorCode.BAD_USER_INPUT,
    message: 'Your e-mail address is already verified.',
    description: '`requestEmailVerification` when the address is verified: there is nothing to send.',
  },
  PASSWORD_INCORRECT: {
    code: ErrorCode.BAD_USER_INPUT,
    message: 'Your current password is not correct.',
    field: 'currentPassword',
    description: '`changePassword` with a wrong current password; counted like a wrong password at sign-in (`SIGN_IN_LOCKED`, `IP_LIMIT`).',
  },
  PASSWORD_CHANGED_MEANWHILE: {
    code: ErrorCode.BAD_USER_INPUT,
    message: 'Your password was changed at the same moment by another request. Nothing was changed by this one: sign in again.',
    description: '`changePassword` lost a race with another change of the same password; the other one stands.',
  },
  NO_SUCH_SESSION: {
    code: ErrorCode.BAD_USER_INPUT,
    message: 'There is no such session (it may have ended already).',
    field: 'id',
    description:
      "`revokeSession` with an id that is no live session of the caller's; another user's session is as unknown as a made-up id.",
  },
  NO_SUCH_API_TOKEN: {
    code: ErrorCode.BAD_USER_INPUT,
    message: 'There is no such API token (it may have been revoked or expired already).',
    field: 'id',
    description:
      "`revokeApiToken` with an id that is no live token of the caller's (revoked, expired, made up, or another user's); of two " +
      'revocations of one token at once, the second.',
  },
  TOKEN_NAME_LENGTH: {
    code: ErrorCode.BAD_USER_INPUT,
    message: ({ maxLength }: { maxLength: number }) => `Give the token a name of 1 to ${maxLength} characters, e.g. "deploy script".`,
    field: 'name',
    description:
      '`createApiToken` with an empty name, one over 64 characters, or one holding control characters; `maxLength` says the bound.',
  },
  SCOPES_REQUIRED: {
    code: ErrorCode.BAD_USER_INPUT,
    message: 'Choose at least one scope for the token.',
    field: 'scopes',
    description: '`createApiToken` with an empty list of scopes.',
  },
  SCOPE_NOT_ALLOWED: {
    code: ErrorCode.BAD_USER_INPUT,
    message: 'Only support staff can give a token the SUPPORT_READ scope.',
    field: 'scopes',
    description: '`createApiToken` by a customer with `SUPPORT_READ`, which reaches the staff reads.',
  },
  TOKEN_EXPIRY: {
    code: ErrorCode.BAD_USER_INPUT,
    message: ({ minDays, maxDays }: { minDays: number; maxDays: number }) => `A token can last ${minDays} to ${maxDays} days.`,
    field: 'expiresInDays',
    description: '`createApiToken` with `expiresInDays` below 1 or above 365 (`minDays`, `maxDays`); left out, a token lasts 90 days.',
  },
  PAGE_SIZE: {
    code: ErrorCode.BAD_USER_INPUT,
    message: ({ min, max }: { min: number; max: number }) => `Ask for ${min} to ${max} entries at a time.`,
    field: 'first',
    description: 'A connection (`securityLog`, `userSecurityLog`, `users`) with `first` outside its range (`min`, `max`: 1 to 200).',
  },
  FIRST_OUT_OF_RANGE: {
    code: ErrorCode.BAD_USER_INPUT,
    message: ({ min, max }: { min: number; max: number }) => `Ask for ${min} to ${max} entries.`,
    field: 'first',
    description:
      'No longer answered: `webhookDeliveries` answers `PAGE_SIZE` like every other connection. Kept in the enum so clients written against it still compile.',
  },
  CURSOR_INVALID: {
    code: ErrorCode.BAD_USER_INPUT,
    message: 'This cursor is not one this list gave. Start again from the first page.',
    field: 'after',
    description: 'A connection with an `after` that is no cursor of that list (made up, cut short, or from another list).',
  },
  PASSWORD_LENGTH: {
    code: ErrorCode.BAD_USER_INPUT,
    message: ({ minLength, maxLength }: { minLength: number; maxLength: number }) =>
      `The password must be ${minLength} to ${maxLength} characters long.`,
    field: 'password',
    description:
      'A new password shorter than 8 or longer than 256 characters (counted as a person counts them); `minLength` and `maxLength` say the bounds.',
  },
  METHOD_NOT_OFFERED: {
    code: ErrorCode.BAD_USER_INPUT,
    message: 'This 2FA method is not offered on this server. Choose another one.',
    field: 'method',
    description: '`enableTwoFactor` with a method the server does not offer (`TWO_FACTOR_METHODS`).',
  },
  PROOF_REQUIRED: {
    code: ErrorCode.BAD_USER_INPUT,
    message: 'Enter a current code of your 2FA method, or a recovery code, to change it.',
    field: 'proof',
    description:
      '`enableTwoFactor` while a method is active (a switch), or `changeEmail` or `changePassword` with 2FA on, without `proof`.',
  },
  EMAIL_REQUIRED: {
    code: ErrorCode.BAD_USER_INPUT,
    message: 'Enter the e-mail address to send the code to.',
    field: 'email',
    description: '`enableTwoFactor` for EMAIL without `email`.',
  },
  PHONE_REQUIRED: {
    code: ErrorCode.BAD_USER_INPUT,
    message: 'Enter the phone number to send the code to.',
    field: 'phoneNumber',
    description: '`enableTwoFactor` for SMS without `phoneNumber`.',
  },
  PHONE_INVALID: {
    code: ErrorCode.BAD_USER_INPUT,
    message: 'Enter a valid mobile phone number with its country code, e.g. +44 7911 123456.',
    field: 'phoneNumber',
    description:
      'Not a valid phone number (field `phoneNumber`), or `phoneCountry` is not a two-letter country code (field `phoneCountry`).',
  },
  COUNTRY_NOT_OFFERED: {
    code: ErrorCode.BAD_USER_INPUT,
    message: 'This server does not send SMS codes to numbers of that country. Choose another number or method.',
    field: 'phoneNumber',
    description: 'An SMS number outside the countries the server sends to (`SMS_COUNTRIES`).',
  },
  NOT_MOBILE: {
    code: ErrorCode.BAD_USER_INPUT,
    message: 'SMS codes go to mobile numbers only, and this is not one. Enter a mobile number or choose another method.',
    field: 'phoneNumber',
    description: 'An SMS number that is not a mobile one (a fixed line), while `SMS_NUMBER_TYPES=mobile`.',
  },
  NON_GEOGRAPHIC: {
    code: ErrorCode.BAD_USER_INPUT,
    message:
      'This server does not send SMS codes to satellite or other numbers without a country. Enter a mobile number or choose another method.',
    field: 'phoneNumber',
    description: 'An SMS number of no country (satellite +881, networks +882/+883, …), while `SMS_NUMBER_TYPES=mobile`.',
  },
  NO_CODE_METHOD: {
    code: ErrorCode.BAD_USER_INPUT,
    message: 'Your 2FA method does not send codes: use your authenticator app or security key.',
    description:
      'A code was asked for (`resendLoginCode`, `resendEnrollmentCode`, `sendTwoFactorProofCode`) of a method that sends none (TOTP, WEBAUTHN).',
  },
  KEY_NAME_REQUIRED: {
    code: ErrorCode.BAD_USER_INPUT,
    message: 'Give the security key a name, e.g. "YubiKey on my keyring".',
    field: 'keyName',
    description: '`enableTwoFactor` for WEBAUTHN without `keyName`.',
  },
  KEY_NAME_TOO_LONG: {
    code: ErrorCode.BAD_USER_INPUT,
    message: ({ maxLength }: { maxLength: number }) => `The name of a security key can be at most ${maxLength} characters long.`,
    field: 'keyName',
    description: '`enableTwoFactor` for WEBAUTHN with a `keyName` over 64 characters; `maxLength` says the bound.',
  },
  SECURITY_KEY_ALREADY_REGISTERED: {
    code: ErrorCode.BAD_USER_INPUT,
    message: 'This security key is already registered to your account.',
    field: 'code',
    description: '`verifyTwoFactor` with the registration of a key the account already has; it counts as a wrong code.',
  },
  NOT_SECURITY_KEY: {
    code: ErrorCode.BAD_USER_INPUT,
    message: 'Your 2FA method is not a security key: use a code of it instead.',
    field: 'method',
    description: '`startSecurityKeyProof` or `removeSecurityKey` while the active method is not WEBAUTHN (or 2FA is off).',
  },
  NO_SUCH_SECURITY_KEY: {
    code: ErrorCode.BAD_USER_INPUT,
    message: 'There is no such security key on your account.',
    field: 'id',
    description: "`removeSecurityKey` with an id that is not one of the caller's keys; refused before the proof is checked.",
  },
  LAST_SECURITY_KEY: {
    code: ErrorCode.BAD_USER_INPUT,
    message: 'This is your only security key: add another one first, or switch to another method.',
    field: 'id',
    description:
      '`removeSecurityKey` of the last key: one always stays (switch methods or Disable 2FA instead); refused before the proof is checked.',
  },
  NOTHING_PENDING: {
    code: ErrorCode.BAD_USER_INPUT,
    message: 'There is no 2FA method being set up. Click Enable next to a method first.',
    description: '`verifyTwoFactor` or `resendEnrollmentCode` with no set-up in progress (finished, cancelled or replaced).',
  },
  NOT_ENABLED: {
    code: ErrorCode.BAD_USER_INPUT,
    message: 'Two-factor authentication is not enabled.',
    description: '`disableTwoFactor`, `sendTwoFactorProofCode` or `regenerateRecoveryCodes` while 2FA is off.',
  },
  REMEMBER_NOT_OFFERED: {
    code: ErrorCode.BAD_USER_INPUT,
    message: 'This server does not remember browsers: a 2FA code is needed at every sign-in.',
    field: 'rememberBrowser',
    description: '`rememberBrowser: true` while the server forbids it (`REMEMBER_BROWSER_DAYS=0`); refused before the code is checked.',
  },
  NO_SUCH_BROWSER: {
    code: ErrorCode.BAD_USER_INPUT,
    message: 'This browser is not remembered (any more).',
    field: 'id',
    description: "`forgetRememberedBrowser` with an id that is not (or no longer) one of the caller's remembered browsers.",
  },
  REASON_LENGTH: {
    code: ErrorCode.BAD_USER_INPUT,
    message: ({ minLength, maxLength }: { minLength: number; maxLength: number }) =>
      `Give a reason of ${minLength} to ${maxLength} characters.`,
    field: 'reason',
    description:
      '`resetTwoFactor` or `decideAccountRecovery` with a reason shorter than 10 or longer than 500 characters; `minLength` and `maxLength` say the bounds.',
  },
  NO_SUCH_USER: {
    code: ErrorCode.BAD_USER_INPUT,
    message: 'There is no such account.',
    field: 'userId',
    description: 'A support tool named an account that does not exist.',
  },
  POLICY_VERSION_CONFLICT: {
    code: ErrorCode.BAD_USER_INPUT,
    message: ({ currentVersion }: { currentVersion: number }) =>
      `The policy was changed meanwhile (it is now version ${currentVersion}). Reload it and make your change again.`,
    field: 'expectedVersion',
    description:
      '`updatePolicy` with an `expectedVersion` that is no longer the saved one: someone saved in between (`currentVersion` says the version now). Nothing was saved, and your proof was not spent unless the other save came while yours was checked.',
  },
  POLICY_NO_METHODS: {
    code: ErrorCode.BAD_USER_INPUT,
    message: 'Offer at least one 2FA method.',
    field: 'offeredMethods',
    description: '`updatePolicy` with an empty `offeredMethods`.',
  },
  METHOD_NOT_SET_UP: {
    code: ErrorCode.BAD_USER_INPUT,
    message: ({ methods }: { methods: string[] }) =>
      `This server is not set up to deliver ${methods.join(', ')}: its operator must configure it first.`,
    field: 'offeredMethods',
    description:
      '`updatePolicy` offering a method the deployment cannot serve (`methods`): SMS without an SMS provider, or security keys in production without `WEBAUTHN_RP_ID`.',
  },
  DAYS_OUT_OF_RANGE: {
    code: ErrorCode.BAD_USER_INPUT,
    message: ({ min, max }: { min: number; max: number }) => `Enter a number of days from ${min} to ${max}.`,
    description: '`updatePolicy`: `graceDays` or `rememberBrowserDays` (the `field`) outside its range (`min`, `max`).',
  },
  UNKNOWN_COUNTRIES: {
    code: ErrorCode.BAD_USER_INPUT,
    message: ({ countries }: { countries: string[] }) =>
      `${countries.join(', ')} ${countries.length === 1 ? 'is not an ISO 3166 country code' : 'are not ISO 3166 country codes'}; use codes such as GB, DE, US.`,
    field: 'smsCountries',
    description: '`updatePolicy` with `smsCountries` that are not two-letter ISO 3166 country codes (`countries` lists them).',
  },
  NO_COUNTRIES: {
    code: ErrorCode.BAD_USER_INPUT,
    message: 'Name at least one country, or send null to allow any country.',
    field: 'smsCountries',
    description:
      '`updatePolicy` with an empty list of `smsCountries`: null allows any country; to stop SMS, leave it out of `offeredMethods`.',
  },
  NOTHING_TO_RESET: {
    code: ErrorCode.BAD_USER_INPUT,
    message: 'This account has no two-factor authentication to reset.',
    field: 'userId',
    description:
      '`resetTwoFactor` (or `latchkey reset-2fa`) for an account whose 2FA is off: never on, turned off, or reset a moment ago by ' +
      'another reset of the same account sent at the same time (of those, exactly one resets it). The reset spends nothing.',
  },
  NO_SUCH_WEBHOOK: {
    code: ErrorCode.BAD_USER_INPUT,
    message: 'There is no such webhook (it may have been deleted).',
    field: 'id',
    description:
      '`deleteWebhook` (field `id`) or `webhookDeliveries` (field `webhookId`) with an id that is no webhook; refused before a proof is checked.',
  },
  WEBHOOK_URL_INVALID: {
    code: ErrorCode.BAD_USER_INPUT,
    message: 'Enter the full address of your endpoint, e.g. https://hooks.example.com/latchkey, without a user name or password.',
    field: 'url',
    description:
      '`createWebhook` with a URL that is not http(s), names no host, holds a user name, password or fragment, or is over 500 characters.',
  },
  WEBHOOK_URL_NOT_HTTPS: {
    code: ErrorCode.BAD_USER_INPUT,
    message: 'Webhooks go to https:// addresses only on this server.',
    field: 'url',
    description: '`createWebhook` with an http:// URL while `WEBHOOK_ALLOW_HTTP` is off (the default in production).',
  },
  WEBHOOK_URL_PRIVATE: {
    code: ErrorCode.BAD_USER_INPUT,
    message: 'This address leads into a private network or to this server: webhooks go to public addresses only on this server.',
    field: 'url',
    description:
      '`createWebhook` with a URL whose host is, or resolves to, a loopback, private, link-local or other non-public address, while `WEBHOOK_ALLOW_PRIVATE` is off (the default in production). Each delivery checks again.',
  },
  WEBHOOK_URL_UNRESOLVED: {
    code: ErrorCode.BAD_USER_INPUT,
    message: 'The host name of this address does not resolve. Check it and try again.',
    field: 'url',
    description: '`createWebhook` with a URL whose host name has no address (DNS).',
  },
  WEBHOOK_EVENTS_REQUIRED: {
    code: ErrorCode.BAD_USER_INPUT,
    message: 'Choose at least one event to send.',
    field: 'events',
    description: '`createWebhook` with an empty list of events.',
  },
  WEBHOOK_LIMIT: {
    code: ErrorCode.BAD_USER_INPUT,
    message: ({ limit }: { limit: number }) => `There can be at most ${limit} webhooks: delete one first.`,
    description: '`createWebhook` while the deployment has 10 webhooks (`limit`); refused before the proof is checked.',
  },
  RECOVERY_MESSAGE_LENGTH: {
    code: ErrorCode.BAD_USER_INPUT,
    message: ({ minLength, maxLength }: { minLength: number; maxLength: number }) =>
      `Tell support what happened in ${minLength} to ${maxLength} characters.`,
    field: 'message',
    description:
      '`requestAccountRecovery` with a message shorter than 20 or longer than 1,000 characters; `minLength` and `maxLength` say the bounds.',
  },
  RECOVERY_ALREADY_OPEN: {
    code: ErrorCode.BAD_USER_INPUT,
    message: 'A recovery request for this account is already open. Support will decide it; you do not need to ask again.',
    description:
      '`requestAccountRecovery` while the account has a pending or approved request (one at a time; of two asked at once, one is taken).',
  },
  NO_SUCH_RECOVERY_REQUEST: {
    code: ErrorCode.BAD_USER_INPUT,
    message: 'There is no such recovery request.',
    field: 'id',
    description:
      "`cancelAccountRecovery` with an id that is not one of the caller's requests, or `decideAccountRecovery` with an id that names no request.",
  },
  RECOVERY_NOT_OPEN: {
    code: ErrorCode.BAD_USER_INPUT,
    message: 'This recovery request is no longer open: it was cancelled, denied or completed.',
    field: 'id',
    description: '`cancelAccountRecovery` of a request that was cancelled, denied or completed (also by a request racing this one).',
  },
  RECOVERY_ALREADY_DECIDED: {
    code: ErrorCode.BAD_USER_INPUT,
    message: 'This recovery request was already decided or cancelled. Reload the queue.',
    field: 'id',
    description:
      '`decideAccountRecovery` of a request that is no longer pending: decided by another staff member (also at the same moment) or cancelled by its account.',
  },
  RECOVERY_CANCEL_ONE_OF: {
    code: ErrorCode.BAD_USER_INPUT,
    message: 'Give either the token of the link from the e-mail, or the id of the request: exactly one of them.',
    field: 'token',
    description: '`cancelAccountRecovery` with both `token` and `id`, or with neither.',
  },
  NUL_CHARACTER: {
    code: ErrorCode.BAD_USER_INPUT,
    message: 'Text may not contain NUL characters.',
    httpStatus: HTTP_BAD_REQUEST,
    description:
      'A variable or argument holds a NUL character (U+0000); nothing ran (HTTP 400). `field` names the innermost input field, argument or variable holding it.',
  },
  NULL_ARGUMENT: {
    code: ErrorCode.BAD_USER_INPUT,
    message: 'This argument takes no null: leave it out to use its default.',
    httpStatus: HTTP_BAD_REQUEST,
    description:
      'A variable holding null was given to an argument or input field that cannot be null (one with a default, such as `first`); nothing ran (HTTP 400). `field` names it.',
  },
  INVALID_VARIABLES: {
    code: ErrorCode.BAD_USER_INPUT,
    message: (apollo: { message: string }) => apollo.message,
    description:
      "A variable does not fit its declared type (a missing non-null value, a string for an Int, an unknown enum value); nothing ran (HTTP 400). The message is GraphQL's own.",
  },

  // ---- INVALID_CODE
  INVALID_CODE: {
    code: ErrorCode.INVALID_CODE,
    message: 'The code is not correct. Check it and try again.',
    description: 'A wrong 2FA code or recovery code. It counts towards the lockout (`LOCKED`).',
  },
  CODE_ALREADY_USED: {
    code: ErrorCode.INVALID_CODE,
    message: 'This code was already used. Wait for the next code of your authenticator app, or ask for a new one.',
    description:
      "The code was right but is spent: a TOTP step, an e-mail or SMS code or a recovery code used before, or by a request racing this one; or the change it proved lost a race (new recovery codes asked twice at once: the other answer's codes are the stored ones).",
  },
  CLOCK_OFF: {
    code: ErrorCode.INVALID_CODE,
    message: ({ clockOffsetMinutes }: { clockOffsetMinutes: number }) =>
      `The code does not match the current time: your phone's clock seems to be off by about ${clockOffsetMinutes} minute${clockOffsetMinutes === 1 ? '' : 's'}. Set it to automatic time and try again.`,
    description: "TOTP set-up: the code fits another time; `clockOffsetMinutes` says how far the phone's clock is off.",
  },

  LINK_INVALID: {
    code: ErrorCode.INVALID_CODE,
    message: 'This link is not valid. Ask for a new one.',
    description:
      'The token of a link from an e-mail (`verifyEmail`, `resetPassword`, `cancelAccountRecovery`) was never issued, is incomplete, or is for another kind of link. A dead reset token counts as a failed sign-in of the IP address.',
  },
  LINK_ALREADY_USED: {
    code: ErrorCode.INVALID_CODE,
    message: 'This link was already used or replaced by a newer one. Ask for a new one if you still need it.',
    description: 'The link was used (also by a request racing this one), or a newer link of the same kind replaced it.',
  },

  // ---- CODE_EXPIRED
  CODE_EXPIRED: {
    code: ErrorCode.CODE_EXPIRED,
    message: 'The code has expired. Ask for a new one.',
    description: 'An e-mail or SMS code older than 10 minutes.',
  },
  SETUP_EXPIRED: {
    code: ErrorCode.CODE_EXPIRED,
    message: 'The set-up has expired. Click Enable to start again.',
    description: "The set-up's 10 minutes are over: call `enableTwoFactor` again.",
  },
  CHALLENGE_EXPIRED: {
    code: ErrorCode.CODE_EXPIRED,
    message: 'This sign-in has expired. Sign in again.',
    description: "The sign-in's 10 minutes are over: sign in again.",
  },

  LINK_EXPIRED: {
    code: ErrorCode.CODE_EXPIRED,
    message: 'This link has expired. Ask for a new one.',
    description: 'The link is past its time: 24 hours to verify an address, 30 minutes to reset a password, 30 days to cancel a recovery.',
  },

  // ---- TOO_MANY_ATTEMPTS (each carries retryAfterSeconds)
  LOCKED: {
    code: ErrorCode.TOO_MANY_ATTEMPTS,
    message: 'Too many wrong codes. 2FA checks are locked for a while.',
    description: 'Code checks are locked after 10 wrong codes: 15 minutes, doubling for each further lockout within a day.',
  },
  SIGN_IN_LOCKED: {
    code: ErrorCode.TOO_MANY_ATTEMPTS,
    message: 'Too many sign-in attempts. Try again later.',
    description: 'Too many password tries for the account (10 in 15 minutes).',
  },
  IP_LIMIT: {
    code: ErrorCode.TOO_MANY_ATTEMPTS,
    message: 'Too many failed attempts came from your network. Try again later.',
    description:
      'Too many failures from this IP address, whoever they were for: wrong passwords (`SIGN_IN_FAILURES_PER_IP`) or wrong codes (`CODE_FAILURES_PER_IP`).',
  },
  RESEND_WAIT: {
    code: ErrorCode.TOO_MANY_ATTEMPTS,
    message: 'Wait a moment before asking for a new code.',
    description:
      'A code of the same step went to the same destination less than 60 seconds ago, or an e-mail with a link of the same kind to the same address.',
  },
  SETUP_RACE: {
    code: ErrorCode.TOO_MANY_ATTEMPTS,
    message: 'Another set-up was started at the same moment. Wait a moment and try again.',
    description: '`enableTwoFactor` lost a race with another set-up of the same account; the other one stands.',
  },
  HOURLY_CAP: {
    code: ErrorCode.TOO_MANY_ATTEMPTS,
    message: 'Too many codes were sent in the last hour. Try again later.',
    description:
      'As many codes of one budget as an hour allows went to this user or destination: set-up and proof codes (`SETUP_CODES_PER_USER_PER_HOUR`, `SETUP_CODES_PER_DESTINATION_PER_HOUR`, 5 by default), or sign-in codes (`SIGN_IN_CODES_PER_USER_PER_HOUR`, `SIGN_IN_CODES_PER_DESTINATION_PER_HOUR`, 5 by default); or five links of one kind (verification, change of address, password reset) to this address or account.',
  },
  IP_SEND_LIMIT: {
    code: ErrorCode.TOO_MANY_ATTEMPTS,
    message: 'Too many codes were sent for requests from your network in the last hour. Try again later.',
    description:
      'The codes and links an hour for requests from this IP address were all sent (`CODES_PER_IP_PER_HOUR`); password reset requests count whether or not the address has an account.',
  },
  CHANNEL_BUDGET: {
    code: ErrorCode.TOO_MANY_ATTEMPTS,
    message: ({ channel }: { channel: string }) =>
      `This server has sent as many ${channel === 'SMS' ? 'SMS' : 'e-mail'} codes as it may this hour. Try again later.`,
    description:
      'The server sent all the e-mail or SMS codes it may this hour (`EMAIL_CODES_PER_HOUR`, `SMS_CODES_PER_HOUR`); `channel` says which.',
  },
  CHALLENGE_SPENT: {
    code: ErrorCode.TOO_MANY_ATTEMPTS,
    message: 'Too many wrong codes for this sign-in. Sign in again to get a new code.',
    description: 'This sign-in took its five codes: sign in again.',
  },
  RESET_LIMIT: {
    code: ErrorCode.TOO_MANY_ATTEMPTS,
    message: ({ limit }: { limit: number }) => `At most ${limit} resets an hour. Try again later.`,
    description: 'A support member made 10 resets this hour (`limit`); approving an account recovery counts as one.',
  },
  ADMIN_CHANGE_LIMIT: {
    code: ErrorCode.TOO_MANY_ATTEMPTS,
    message: ({ limit }: { limit: number }) => `At most ${limit} administrative changes an hour. Try again later.`,
    description: 'An admin saved the policy or changed roles 20 times this hour (`limit`); refused before the proof is checked.',
  },
  RECOVERY_REQUEST_LIMIT: {
    code: ErrorCode.TOO_MANY_ATTEMPTS,
    message: 'Too many recovery requests were made. Try again later.',
    description: '`requestAccountRecovery`: 3 requests a day for one account, or 5 an hour from one IP address, were made already.',
  },
  REGISTER_LIMIT: {
    code: ErrorCode.TOO_MANY_ATTEMPTS,
    message: 'Too many accounts were created from your network. Try again later.',
    description: '`REGISTER_LIMIT_PER_IP` accounts were created from this address in the last hour.',
  },

  // ---- DELIVERY_FAILED
  DELIVERY_FAILED: {
    code: ErrorCode.DELIVERY_FAILED,
    message: 'The code could not be sent. Nothing was changed; please try again.',
    description: 'The e-mail or SMS provider did not take the code; nothing was changed or spent.',
  },

  LINK_DELIVERY_FAILED: {
    code: ErrorCode.DELIVERY_FAILED,
    message: 'The e-mail could not be sent. Nothing was changed; please try again.',
    description:
      'The e-mail provider did not take an e-mail with a link (`requestEmailVerification`, `changeEmail`, `requestAccountRecovery`); nothing was changed or spent.',
  },

  // ---- SERVICE_UNAVAILABLE
  CHECKS_UNAVAILABLE: {
    code: ErrorCode.SERVICE_UNAVAILABLE,
    message: 'Sign-in checks are unavailable right now. Nothing was changed; try again in a minute.',
    description: 'The shared limit store (Redis) does not answer, so every check that needs it fails closed.',
  },
  SERVER_STOPPING: {
    code: ErrorCode.SERVICE_UNAVAILABLE,
    message: 'The server is restarting. Try again.',
    httpStatus: 503,
    description: 'The server is shutting down and takes no new requests (HTTP 503, `Retry-After: 1`).',
  },

  // ---- BAD_REQUEST
  MALFORMED_JSON: {
    code: ErrorCode.BAD_REQUEST,
    message: 'The request body is not valid JSON.',
    httpStatus: HTTP_BAD_REQUEST,
    description: 'The body is not JSON (HTTP 400).',
  },
  BODY_TOO_LARGE: {
    code: ErrorCode.BAD_REQUEST,
    message: 'The request body is too large (at most 100 kB).',
    httpStatus: 413,
    description: 'The body is over 100 kB (HTTP 413).',
  },
  UNSUPPORTED_CHARSET: {
    code: ErrorCode.BAD_REQUEST,
    message: 'Send the request body as JSON in UTF-8.',
    httpStatus: 415,
    description: 'The body is not in a UTF charset (HTTP 415).',
  },
  UNREADABLE_BODY: {
    code: ErrorCode.BAD_REQUEST,
    message: 'The request body could not be read.',
    httpStatus: HTTP_BAD_REQUEST,
    description: 'The body could not be read, e.g. an unknown `Content-Encoding` (HTTP 400).',
  },
  INVALID_REQUEST: {
    code: ErrorCode.BAD_REQUEST,
    message: (apollo: { message: string }) => apollo.message,
    httpStatus: HTTP_BAD_REQUEST,
    description:
      "A request GraphQL cannot take: no `query`, a content type other than `application/json`, a mutation by GET, or a request without the headers that prove it is not a cross-site one (HTTP 400). The message is the server's own.",
  },

  // ---- GRAPHQL_PARSE_FAILED
  PARSE_FAILED: {
    code: ErrorCode.GRAPHQL_PARSE_FAILED,
    message: (apollo: { message: string }) => apollo.message,
    httpStatus: HTTP_BAD_REQUEST,
    description: "The document is not valid GraphQL, or holds over 1,000 tokens (HTTP 400). The message is the parser's own.",
  },

  // ---- GRAPHQL_VALIDATION_FAILED
  INVALID_DOCUMENT: {
    code: ErrorCode.GRAPHQL_VALIDATION_FAILED,
    message: (apollo: { message: string }) => apollo.message,
    httpStatus: HTTP_BAD_REQUEST,
    description:
      "The document asks for a field, argument or type the schema does not have, or breaks another rule of GraphQL (HTTP 400). The message is GraphQL's own.",
  },
  CODE_CHECK_LIMIT: {
    code: ErrorCode.GRAPHQL_VALIDATION_FAILED,
    message: 'A request may check one 2FA code at most: send each code in a request of its own.',
    httpStatus: HTTP_BAD_REQUEST,
    description:
      'The request named more than one code-checking field; nothing ran (HTTP 400), and each named check still counts as a wrong code.',
  },
  DEPTH_LIMIT: {
    code: ErrorCode.GRAPHQL_VALIDATION_FAILED,
    message: ({ depth, limit }: { depth: number; limit: number }) =>
      `The operation nests ${depth} levels deep; at most ${limit} are allowed.`,
    httpStatus: HTTP_BAD_REQUEST,
    description: 'The operation nests over 15 levels (`depth`, `limit`); nothing ran (HTTP 400).',
  },
  ALIAS_LIMIT: {
    code: ErrorCode.GRAPHQL_VALIDATION_FAILED,
    message: ({ aliases, limit }: { aliases: number; limit: number }) =>
      `The document has ${aliases} aliases; at most ${limit} are allowed.`,
    httpStatus: HTTP_BAD_REQUEST,
    description: 'The document holds over 20 aliases (`aliases`, `limit`); nothing ran (HTTP 400).',
  },
  ROOT_FIELD_LIMIT: {
    code: ErrorCode.GRAPHQL_VALIDATION_FAILED,
    message: ({ rootFields, limit }: { rootFields: number; limit: number }) =>
      `The operation asks for ${rootFields} root fields; at most ${limit} are allowed.`,
    httpStatus: HTTP_BAD_REQUEST,
    description: 'The operation asks over 10 root fields (`rootFields`, `limit`); nothing ran (HTTP 400).',
  },
  COST_LIMIT: {
    code: ErrorCode.GRAPHQL_VALIDATION_FAILED,
    message: ({ cost, limit }: { cost: number | null; limit: number }) =>
      `The operation would cost ${cost === null ? 'more than can be counted' : cost.toLocaleString('en')}; ` +
      `at most ${limit.toLocaleString('en')} is allowed. Ask for fewer entries (first) or fewer fields.`,
    httpStatus: HTTP_BAD_REQUEST,
    description:
      'The operation would cost over 2,500 (each field 1, a list times its `first`; `cost`, `limit`); nothing ran (HTTP 400). `cost` is null when it is too large to count.',
  },

  // ---- Apollo's own refusals of a request
  PERSISTED_QUERY_NOT_FOUND: {
    code: ErrorCode.PERSISTED_QUERY_NOT_FOUND,
    message: 'PersistedQueryNotFound',
    description: 'The server does not know the persisted query of this hash (yet): send the query with it.',
  },
  PERSISTED_QUERY_NOT_SUPPORTED: {
    code: ErrorCode.PERSISTED_QUERY_NOT_SUPPORTED,
    message: 'PersistedQueryNotSupported',
    description: 'Persisted queries are not supported here.',
  },
  UNKNOWN_OPERATION: {
    code: ErrorCode.OPERATION_RESOLUTION_FAILURE,
    message: (apollo: { message: string }) => apollo.message,
    httpStatus: HTTP_BAD_REQUEST,
    description:
      "The request's `operationName` names no operation of the document, or the document has several and none is named (HTTP 400).",
  },

  // ---- INTERNAL_SERVER_ERROR
  UNEXPECTED: {
    code: ErrorCode.INTERNAL_SERVER_ERROR,
    message: 'Unexpected error.',
    description: 'A bug or an outage; the answer says nothing more (the server logs it with its request id).',
  },
} as const satisfies Record<string, CatalogueEntry>;

/** The `extensions.reason` of every error: the cause, finer than its code. */
export type ErrorReason = keyof typeof ERROR_CATALOGUE;

/** The reasons as values (`ErrorReason.CHALLENGE_ENDED`), for the schema's enum and for code that lists them. */
export const ErrorReason = Object.freeze(
  Object.fromEntries(Object.keys(ERROR_CATALOGUE).map((reason) => [reason, reason])) as { readonly [R in ErrorReason]: R },
);

export const ERROR_REASONS = Object.keys(ERROR_CATALOGUE) as ErrorReason[];

export const isErrorReason = (value: unknown): value is ErrorReason => typeof value === 'string' && Object.hasOwn(ERROR_CATALOGUE, value);

/** The reasons of one code, e.g. `ReasonOf<ErrorCode.TOO_MANY_ATTEMPTS>`. */
export type ReasonOf<C extends ErrorCode> = { [R in ErrorReason]: (typeof ERROR_CATALOGUE)[R]['code'] extends C ? R : never }[ErrorReason];

/** What a reason's message is built from; `{}` for a fixed message. */
export type MessageDetails<R extends ErrorReason> = (typeof ERROR_CATALOGUE)[R]['message'] extends (details: infer D) => string
  ? D
  : Record<never, never>;

/** The entry of a reason, widened to the common shape. */
export const catalogueEntry = (reason: ErrorReason): CatalogueEntry => ERROR_CATALOGUE[reason];

/** The message of a reason built from its details (a fixed message ignores them). */
export function messageOf(reason: ErrorReason, details: object = {}): string {
  const { message } = catalogueEntry(reason);
  return typeof message === 'function' ? (message as (details: object) => string)(details) : message;
}

/** A fixed message, or null when the words depend on the details of each error. */
export function staticMessageOf(reason: ErrorReason): string | null {
  const { message } = catalogueEntry(reason);
  return typeof message === 'string' ? message : null;
}
