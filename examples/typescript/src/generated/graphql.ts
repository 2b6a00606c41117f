/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** What an API token may read. Tokens only ever read: no scope reaches a field that changes anything. */
export type ApiTokenScope =
  /** Your own account: `me`, `twoFactorSettings`, the security log (`securityLog`) and `apiTokens`. */
  | 'READ'
  /** Staff only (SUPPORT or ADMIN, checked again at every use): `users` and `userSecurityLog`, recorded in the audit log as the same reads by a session are. */
  | 'SUPPORT_READ';

/** Which method to set up, and where its codes go. */
export type EnableTwoFactorInput = {
  /** EMAIL: the address to send codes to. */
  email?: string | null | undefined;
  /** WEBAUTHN: a name for the security key or passkey (at most 64 characters), e.g. "YubiKey on my keyring". */
  keyName?: string | null | undefined;
  /** The method to set up. */
  method: TwoFactorMethod;
  /** SMS: ISO 3166 country code (e.g. GB) for a number given in national form. */
  phoneCountry?: string | null | undefined;
  /** SMS: the mobile number, in international form (+447911123456) or national form with phoneCountry. Unless the server widens it, fixed lines (reason NOT_MOBILE) and numbers of no country, such as satellite phones (NON_GEOGRAPHIC), are refused. */
  phoneNumber?: string | null | undefined;
  /** When a method is already active: a current code of it, or a recovery code (switching needs a fresh proof). */
  proof?: string | null | undefined;
};

/** The `extensions.code` of every error: what a client decides by. The list `errorCatalogue` says which reasons each code has. */
export type ErrorCode =
  /** The HTTP request itself is wrong: not JSON, too large, no query, a content type other than JSON. Fix the client's code. */
  | 'BAD_REQUEST'
  /** An argument is wrong (an e-mail address, a password's length, a phone number, …), or a variable does not fit its type. Show each problem of `fields` at its field. */
  | 'BAD_USER_INPUT'
  /** The code, the set-up or the sign-in challenge is older than 10 minutes. Start again (resend, set up again, sign in again). */
  | 'CODE_EXPIRED'
  /** The e-mail or SMS with the code could not be sent; nothing was changed or spent. Offer to try again. */
  | 'DELIVERY_FAILED'
  /** The role does not allow it, registration is closed, a rule of 2FA refuses it, or an API token does not reach it. Explain; do not retry. */
  | 'FORBIDDEN'
  /** The document is not GraphQL, or longer than 1,000 tokens. Fix the client's code. */
  | 'GRAPHQL_PARSE_FAILED'
  /** The document asks for something the schema does not have, or more than the limits allow; nothing ran (HTTP 400). Fix the client's code. */
  | 'GRAPHQL_VALIDATION_FAILED'
  /** Anything unexpected; the message is always "Unexpected error." and says nothing more. Try again; report it if it stays. */
  | 'INTERNAL_SERVER_ERROR'
  /** A 2FA code or recovery code is wrong, or right but already used. Ask for another code. */
  | 'INVALID_CODE'
  /** The request's `operationName` names no operation of the document, or names none of several. Fix the client's code. */
  | 'OPERATION_RESOLUTION_FAILURE'
  /** An automatic persisted query whose hash the server does not know (yet). Send the full query with its hash (Apollo Client does this by itself). */
  | 'PERSISTED_QUERY_NOT_FOUND'
  /** Persisted queries are switched off. Send full queries. */
  | 'PERSISTED_QUERY_NOT_SUPPORTED'
  /** The shared limit store (Redis) does not answer, so checks fail closed; or the server is restarting (HTTP 503). Try again shortly; nothing was changed. */
  | 'SERVICE_UNAVAILABLE'
  /** A limit is reached. Wait `retryAfterSeconds`. */
  | 'TOO_MANY_ATTEMPTS'
  /** No session, a wrong e-mail or password (the same answer for both), an ended session, API token or sign-in challenge. Sign in (again). */
  | 'UNAUTHENTICATED';

/** The `extensions.reason` of every error: its cause, finer than the code. New reasons may appear inside a code: treat an unknown one by its code. */
export type ErrorReason =
  /** An admin saved the policy or changed roles 20 times this hour (`limit`); refused before the proof is checked. */
  | 'ADMIN_CHANGE_LIMIT'
  /** The document holds over 20 aliases (`aliases`, `limit`); nothing ran (HTTP 400). */
  | 'ALIAS_LIMIT'
  /** `createApiToken` while 2FA is off. Turning 2FA off later ends every token of the account. */
  | 'API_TOKENS_NEED_2FA'
  /** An API token (`Authorization: Bearer lk_…`) that was revoked (`revokeApiToken`; 2FA turned off or reset; a password change or reset), is past its `expiresAt`, or was never issued: its owner creates a new one. */
  | 'API_TOKEN_ENDED'
  /** `createApiToken` while the account holds 20 live tokens (`limit`); refused before the proof is checked. */
  | 'API_TOKEN_LIMIT'
  /** The body is over 100 kB (HTTP 413). */
  | 'BODY_TOO_LARGE'
  /** The sign-in challenge was used, is unknown, or its method changed meanwhile: sign in again. */
  | 'CHALLENGE_ENDED'
  /** The sign-in's 10 minutes are over: sign in again. */
  | 'CHALLENGE_EXPIRED'
  /** This sign-in took its five codes: sign in again. */
  | 'CHALLENGE_SPENT'
  /** The server sent all the e-mail or SMS codes it may this hour (`EMAIL_CODES_PER_HOUR`, `SMS_CODES_PER_HOUR`); `channel` says which. */
  | 'CHANNEL_BUDGET'
  /** The shared limit store (Redis) does not answer, so every check that needs it fails closed. */
  | 'CHECKS_UNAVAILABLE'
  /** TOTP set-up: the code fits another time; `clockOffsetMinutes` says how far the phone's clock is off. */
  | 'CLOCK_OFF'
  /** The code was right but is spent: a TOTP step, an e-mail or SMS code or a recovery code used before, or by a request racing this one; or the change it proved lost a race (new recovery codes asked twice at once: the other answer's codes are the stored ones). */
  | 'CODE_ALREADY_USED'
  /** The request named more than one code-checking field; nothing ran (HTTP 400), and each named check still counts as a wrong code. */
  | 'CODE_CHECK_LIMIT'
  /** An e-mail or SMS code older than 10 minutes. */
  | 'CODE_EXPIRED'
  /** The operation would cost over 2,500 (each field 1, a list times its `first`; `cost`, `limit`); nothing ran (HTTP 400). `cost` is null when it is too large to count. */
  | 'COST_LIMIT'
  /** An SMS number outside the countries the server sends to (`SMS_COUNTRIES`). */
  | 'COUNTRY_NOT_OFFERED'
  /** A connection with an `after` that is no cursor of that list (made up, cut short, or from another list). */
  | 'CURSOR_INVALID'
  /** `updatePolicy`: `graceDays` or `rememberBrowserDays` (the `field`) outside its range (`min`, `max`). */
  | 'DAYS_OUT_OF_RANGE'
  /** The e-mail or SMS provider did not take the code; nothing was changed or spent. */
  | 'DELIVERY_FAILED'
  /** The operation nests over 15 levels (`depth`, `limit`); nothing ran (HTTP 400). */
  | 'DEPTH_LIMIT'
  /** `requestEmailVerification` when the address is verified: there is nothing to send. */
  | 'EMAIL_ALREADY_VERIFIED'
  /** Not an e-mail address: no @, no dotted domain, over 254 characters, or holding control or invisible characters. */
  | 'EMAIL_INVALID'
  /** `enableTwoFactor` for EMAIL without `email`. */
  | 'EMAIL_REQUIRED'
  /** `register`: an account with this address exists (checked after the other input, and counted by the registration limit); `changeEmail` (field `newEmail`): another account has the new address; `verifyEmail`: another account took it before the link was opened. */
  | 'EMAIL_TAKEN'
  /** `changeEmail` to the address the account has now. */
  | 'EMAIL_UNCHANGED'
  /** No longer answered: `webhookDeliveries` answers `PAGE_SIZE` like every other connection. Kept in the enum so clients written against it still compile. */
  | 'FIRST_OUT_OF_RANGE'
  /** As many codes of one budget as an hour allows went to this user or destination: set-up and proof codes (`SETUP_CODES_PER_USER_PER_HOUR`, `SETUP_CODES_PER_DESTINATION_PER_HOUR`, 5 by default), or sign-in codes (`SIGN_IN_CODES_PER_USER_PER_HOUR`, `SIGN_IN_CODES_PER_DESTINATION_PER_HOUR`, 5 by default); or five links of one kind (verification, change of address, password reset) to this address or account. */
  | 'HOURLY_CAP'
  /** A wrong 2FA code or recovery code. It counts towards the lockout (`LOCKED`). */
  | 'INVALID_CODE'
  /** `login`: the e-mail or the password is wrong; the answer never says which, nor whether the account exists. */
  | 'INVALID_CREDENTIALS'
  /** The document asks for a field, argument or type the schema does not have, or breaks another rule of GraphQL (HTTP 400). The message is GraphQL's own. */
  | 'INVALID_DOCUMENT'
  /** A request GraphQL cannot take: no `query`, a content type other than `application/json`, a mutation by GET, or a request without the headers that prove it is not a cross-site one (HTTP 400). The message is the server's own. */
  | 'INVALID_REQUEST'
  /** A variable does not fit its declared type (a missing non-null value, a string for an Int, an unknown enum value); nothing ran (HTTP 400). The message is GraphQL's own. */
  | 'INVALID_VARIABLES'
  /** Too many failures from this IP address, whoever they were for: wrong passwords (`SIGN_IN_FAILURES_PER_IP`) or wrong codes (`CODE_FAILURES_PER_IP`). */
  | 'IP_LIMIT'
  /** The codes and links an hour for requests from this IP address were all sent (`CODES_PER_IP_PER_HOUR`); password reset requests count whether or not the address has an account. */
  | 'IP_SEND_LIMIT'
  /** `enableTwoFactor` for WEBAUTHN without `keyName`. */
  | 'KEY_NAME_REQUIRED'
  /** `enableTwoFactor` for WEBAUTHN with a `keyName` over 64 characters; `maxLength` says the bound. */
  | 'KEY_NAME_TOO_LONG'
  /** `setUserRole` (or the command line) would leave no account with the role ADMIN; of two admins demoting each other at once, one is refused so. */
  | 'LAST_ADMIN'
  /** `removeSecurityKey` of the last key: one always stays (switch methods or Disable 2FA instead); refused before the proof is checked. */
  | 'LAST_SECURITY_KEY'
  /** The link was used (also by a request racing this one), or a newer link of the same kind replaced it. */
  | 'LINK_ALREADY_USED'
  /** The e-mail provider did not take an e-mail with a link (`requestEmailVerification`, `changeEmail`, `requestAccountRecovery`); nothing was changed or spent. */
  | 'LINK_DELIVERY_FAILED'
  /** The link is past its time: 24 hours to verify an address, 30 minutes to reset a password, 30 days to cancel a recovery. */
  | 'LINK_EXPIRED'
  /** The token of a link from an e-mail (`verifyEmail`, `resetPassword`, `cancelAccountRecovery`) was never issued, is incomplete, or is for another kind of link. A dead reset token counts as a failed sign-in of the IP address. */
  | 'LINK_INVALID'
  /** Code checks are locked after 10 wrong codes: 15 minutes, doubling for each further lockout within a day. */
  | 'LOCKED'
  /** The body is not JSON (HTTP 400). */
  | 'MALFORMED_JSON'
  /** `enableTwoFactor` with a method the server does not offer (`TWO_FACTOR_METHODS`). */
  | 'METHOD_NOT_OFFERED'
  /** `updatePolicy` offering a method the deployment cannot serve (`methods`): SMS without an SMS provider, or security keys in production without `WEBAUTHN_RP_ID`. */
  | 'METHOD_NOT_SET_UP'
  /** An SMS number of no country (satellite +881, networks +882/+883, …), while `SMS_NUMBER_TYPES=mobile`. */
  | 'NON_GEOGRAPHIC'
  /** `verifyTwoFactor` or `resendEnrollmentCode` with no set-up in progress (finished, cancelled or replaced). */
  | 'NOTHING_PENDING'
  /** `resetTwoFactor` (or `latchkey reset-2fa`) for an account whose 2FA is off: never on, turned off, or reset a moment ago by another reset of the same account sent at the same time (of those, exactly one resets it). The reset spends nothing. */
  | 'NOTHING_TO_RESET'
  /** `disableTwoFactor`, `sendTwoFactorProofCode` or `regenerateRecoveryCodes` while 2FA is off. */
  | 'NOT_ENABLED'
  /** An SMS number that is not a mobile one (a fixed line), while `SMS_NUMBER_TYPES=mobile`. */
  | 'NOT_MOBILE'
  /** `startSecurityKeyProof` or `removeSecurityKey` while the active method is not WEBAUTHN (or 2FA is off). */
  | 'NOT_SECURITY_KEY'
  /** No session token or cookie came with a request that needs one. */
  | 'NOT_SIGNED_IN'
  /** A support reset, or a decision on an account recovery, never targets the staff member's own account. */
  | 'NOT_YOURSELF'
  /** A code was asked for (`resendLoginCode`, `resendEnrollmentCode`, `sendTwoFactorProofCode`) of a method that sends none (TOTP, WEBAUTHN). */
  | 'NO_CODE_METHOD'
  /** `updatePolicy` with an empty list of `smsCountries`: null allows any country; to stop SMS, leave it out of `offeredMethods`. */
  | 'NO_COUNTRIES'
  /** `revokeApiToken` with an id that is no live token of the caller's (revoked, expired, made up, or another user's); of two revocations of one token at once, the second. */
  | 'NO_SUCH_API_TOKEN'
  /** `forgetRememberedBrowser` with an id that is not (or no longer) one of the caller's remembered browsers. */
  | 'NO_SUCH_BROWSER'
  /** `cancelAccountRecovery` with an id that is not one of the caller's requests, or `decideAccountRecovery` with an id that names no request. */
  | 'NO_SUCH_RECOVERY_REQUEST'
  /** `removeSecurityKey` with an id that is not one of the caller's keys; refused before the proof is checked. */
  | 'NO_SUCH_SECURITY_KEY'
  /** `revokeSession` with an id that is no live session of the caller's; another user's session is as unknown as a made-up id. */
  | 'NO_SUCH_SESSION'
  /** A support tool named an account that does not exist. */
  | 'NO_SUCH_USER'
  /** `deleteWebhook` (field `id`) or `webhookDeliveries` (field `webhookId`) with an id that is no webhook; refused before a proof is checked. */
  | 'NO_SUCH_WEBHOOK'
  /** A variable holding null was given to an argument or input field that cannot be null (one with a default, such as `first`); nothing ran (HTTP 400). `field` names it. */
  | 'NULL_ARGUMENT'
  /** A variable or argument holds a NUL character (U+0000); nothing ran (HTTP 400). `field` names the innermost input field, argument or variable holding it. */
  | 'NUL_CHARACTER'
  /** Staff tools (search, another user's log, reset, the recovery queue and its decisions, webhooks, the policy and roles) need the staff member's own 2FA on, whatever the policy requires of others; a reset, creating or deleting a webhook, saving the policy and changing a role need a fresh code of it too. */
  | 'OWN_2FA_REQUIRED'
  /** A connection (`securityLog`, `userSecurityLog`, `users`) with `first` outside its range (`min`, `max`: 1 to 200). */
  | 'PAGE_SIZE'
  /** The document is not valid GraphQL, or holds over 1,000 tokens (HTTP 400). The message is the parser's own. */
  | 'PARSE_FAILED'
  /** `changePassword` lost a race with another change of the same password; the other one stands. */
  | 'PASSWORD_CHANGED_MEANWHILE'
  /** `changePassword` with a wrong current password; counted like a wrong password at sign-in (`SIGN_IN_LOCKED`, `IP_LIMIT`). */
  | 'PASSWORD_INCORRECT'
  /** A new password shorter than 8 or longer than 256 characters (counted as a person counts them); `minLength` and `maxLength` say the bounds. */
  | 'PASSWORD_LENGTH'
  /** The server does not know the persisted query of this hash (yet): send the query with it. */
  | 'PERSISTED_QUERY_NOT_FOUND'
  /** Persisted queries are not supported here. */
  | 'PERSISTED_QUERY_NOT_SUPPORTED'
  /** Not a valid phone number (field `phoneNumber`), or `phoneCountry` is not a two-letter country code (field `phoneCountry`). */
  | 'PHONE_INVALID'
  /** `enableTwoFactor` for SMS without `phoneNumber`. */
  | 'PHONE_REQUIRED'
  /** `updatePolicy` with an empty `offeredMethods`. */
  | 'POLICY_NO_METHODS'
  /** `updatePolicy` with an `expectedVersion` that is no longer the saved one: someone saved in between (`currentVersion` says the version now). Nothing was saved, and your proof was not spent unless the other save came while yours was checked. */
  | 'POLICY_VERSION_CONFLICT'
  /** `enableTwoFactor` while a method is active (a switch), or `changeEmail` or `changePassword` with 2FA on, without `proof`. */
  | 'PROOF_REQUIRED'
  /** `resetTwoFactor` or `decideAccountRecovery` with a reason shorter than 10 or longer than 500 characters; `minLength` and `maxLength` say the bounds. */
  | 'REASON_LENGTH'
  /** `decideAccountRecovery` of a request that is no longer pending: decided by another staff member (also at the same moment) or cancelled by its account. */
  | 'RECOVERY_ALREADY_DECIDED'
  /** `requestAccountRecovery` while the account has a pending or approved request (one at a time; of two asked at once, one is taken). */
  | 'RECOVERY_ALREADY_OPEN'
  /** `cancelAccountRecovery` with both `token` and `id`, or with neither. */
  | 'RECOVERY_CANCEL_ONE_OF'
  /** `requestAccountRecovery` with a message shorter than 20 or longer than 1,000 characters; `minLength` and `maxLength` say the bounds. */
  | 'RECOVERY_MESSAGE_LENGTH'
  /** `cancelAccountRecovery` of a request that was cancelled, denied or completed (also by a request racing this one). */
  | 'RECOVERY_NOT_OPEN'
  /** `requestAccountRecovery`: 3 requests a day for one account, or 5 an hour from one IP address, were made already. */
  | 'RECOVERY_REQUEST_LIMIT'
  /** `REGISTER_LIMIT_PER_IP` accounts were created from this address in the last hour. */
  | 'REGISTER_LIMIT'
  /** `register` while `REGISTRATION_ENABLED=false`: accounts are created by operators. */
  | 'REGISTRATION_CLOSED'
  /** `rememberBrowser: true` while the server forbids it (`REMEMBER_BROWSER_DAYS=0`); refused before the code is checked. */
  | 'REMEMBER_NOT_OFFERED'
  /** `disableTwoFactor` while the server requires 2FA for the account: switch methods instead. */
  | 'REQUIRED_CANNOT_DISABLE'
  /** A code of the same step went to the same destination less than 60 seconds ago, or an e-mail with a link of the same kind to the same address. */
  | 'RESEND_WAIT'
  /** A support member made 10 resets this hour (`limit`); approving an account recovery counts as one. */
  | 'RESET_LIMIT'
  /** Staff act only on accounts of a lower role (`CUSTOMER` < `SUPPORT` < `ADMIN`). */
  | 'ROLE_NOT_BELOW'
  /** The caller's role does not allow this operation (the support tools need SUPPORT or ADMIN; webhooks, ADMIN). */
  | 'ROLE_REQUIRED'
  /** The operation asks over 10 root fields (`rootFields`, `limit`); nothing ran (HTTP 400). */
  | 'ROOT_FIELD_LIMIT'
  /** `createApiToken` with an empty list of scopes. */
  | 'SCOPES_REQUIRED'
  /** `createApiToken` by a customer with `SUPPORT_READ`, which reaches the staff reads. */
  | 'SCOPE_NOT_ALLOWED'
  /** `verifyTwoFactor` with the registration of a key the account already has; it counts as a wrong code. */
  | 'SECURITY_KEY_ALREADY_REGISTERED'
  /** The server is shutting down and takes no new requests (HTTP 503, `Retry-After: 1`). */
  | 'SERVER_STOPPING'
  /** The token was revoked (`logout`, a 2FA change, a support reset) or timed out (30 minutes idle, 12 hours in all). */
  | 'SESSION_ENDED'
  /** The set-up's 10 minutes are over: call `enableTwoFactor` again. */
  | 'SETUP_EXPIRED'
  /** `enableTwoFactor` lost a race with another set-up of the same account; the other one stands. */
  | 'SETUP_RACE'
  /** Too many password tries for the account (10 in 15 minutes). */
  | 'SIGN_IN_LOCKED'
  /** `createApiToken` with `expiresInDays` below 1 or above 365 (`minDays`, `maxDays`); left out, a token lasts 90 days. */
  | 'TOKEN_EXPIRY'
  /** `createApiToken` with an empty name, one over 64 characters, or one holding control characters; `maxLength` says the bound. */
  | 'TOKEN_NAME_LENGTH'
  /** A request with an API token named a field its scopes do not reach; nothing ran (HTTP 403). Tokens only read: `READ` reaches your own settings, security log and tokens, `SUPPORT_READ` the staff reads; nothing that changes 2FA, a password, an address, a session or a token is ever open to one. */
  | 'TOKEN_SCOPE'
  /** The server requires 2FA for this account and its grace period is over: only setting 2FA up is open (`twoFactorSettings`, `enableTwoFactor`, `resendEnrollmentCode`, `verifyTwoFactor`). */
  | 'TWO_FACTOR_REQUIRED'
  /** A bug or an outage; the answer says nothing more (the server logs it with its request id). */
  | 'UNEXPECTED'
  /** `updatePolicy` with `smsCountries` that are not two-letter ISO 3166 country codes (`countries` lists them). */
  | 'UNKNOWN_COUNTRIES'
  /** The request's `operationName` names no operation of the document, or the document has several and none is named (HTTP 400). */
  | 'UNKNOWN_OPERATION'
  /** The body could not be read, e.g. an unknown `Content-Encoding` (HTTP 400). */
  | 'UNREADABLE_BODY'
  /** The body is not in a UTF charset (HTTP 415). */
  | 'UNSUPPORTED_CHARSET'
  /** `createWebhook` with an empty list of events. */
  | 'WEBHOOK_EVENTS_REQUIRED'
  /** `createWebhook` while the deployment has 10 webhooks (`limit`); refused before the proof is checked. */
  | 'WEBHOOK_LIMIT'
  /** `createWebhook` with a URL that is not http(s), names no host, holds a user name, password or fragment, or is over 500 characters. */
  | 'WEBHOOK_URL_INVALID'
  /** `createWebhook` with an http:// URL while `WEBHOOK_ALLOW_HTTP` is off (the default in production). */
  | 'WEBHOOK_URL_NOT_HTTPS'
  /** `createWebhook` with a URL whose host is, or resolves to, a loopback, private, link-local or other non-public address, while `WEBHOOK_ALLOW_PRIVATE` is off (the default in production). Each delivery checks again. */
  | 'WEBHOOK_URL_PRIVATE'
  /** `createWebhook` with a URL whose host name has no address (DNS). */
  | 'WEBHOOK_URL_UNRESOLVED';

/** What happened to the second factor of an account. */
export type SecurityEventType =
  /** Support approved the recovery request; `detail` holds their reason. 2FA is removed once the waiting period passes with nobody cancelling. The owner was e-mailed a link to cancel. */
  | 'ACCOUNT_RECOVERY_APPROVED'
  /** The recovery request was cancelled, by the link e-mailed to the account or from a signed-in session; `detail` says which. */
  | 'ACCOUNT_RECOVERY_CANCELLED'
  /** The waiting period of an approved recovery passed with nobody cancelling: 2FA was removed and every session ended; `detail` holds the approval’s reason. */
  | 'ACCOUNT_RECOVERY_COMPLETED'
  /** Support denied the recovery request; `detail` holds their reason. Nothing changed. */
  | 'ACCOUNT_RECOVERY_DENIED'
  /** Someone who passed the password step said they lost the 2FA method and asked support to remove it; `ip` is theirs. The owner was e-mailed a link to cancel. */
  | 'ACCOUNT_RECOVERY_REQUESTED'
  /** Every live API token of the account ended with a change (2FA turned off or reset, a password changed or reset); `count` says how many, `detail` why. */
  | 'API_TOKENS_ENDED'
  /** An API token was created; `detail` holds its name and scopes. The owner was e-mailed. */
  | 'API_TOKEN_CREATED'
  /** The owner revoked an API token; `detail` holds its name. */
  | 'API_TOKEN_REVOKED'
  /** The user forgot a remembered browser: it needs a 2FA code again. */
  | 'BROWSER_FORGOTTEN'
  /** A sign-in ticked "Remember this browser": it skips the 2FA code for a while. */
  | 'BROWSER_REMEMBERED'
  /** A wrong, expired or already used code was given at a sign-in challenge. */
  | 'CHALLENGE_FAILED'
  /** A sign-in passed its 2FA challenge with a code of the method. */
  | 'CHALLENGE_PASSED'
  /** Codes given at sign-in from an address that gave too many wrong codes, refused unchecked; one entry per address and window, with a count. */
  | 'CHECK_REFUSED_IP_LIMIT'
  /** Codes given at sign-in while 2FA checks were locked, refused unchecked; one entry per lockout, with a count. */
  | 'CHECK_REFUSED_LOCKED'
  /** The new address was verified and replaced the old one; `detail` holds both, masked. The old one was told. */
  | 'EMAIL_CHANGED'
  /** A new e-mail address was asked for; `detail` holds it, masked. It takes over once its link is opened. */
  | 'EMAIL_CHANGE_REQUESTED'
  /** The owner opened the link sent to the account’s address: it is verified. */
  | 'EMAIL_VERIFIED'
  /** Too many wrong codes: 2FA checks were locked for a while. */
  | 'LOCKOUT_STARTED'
  /** A sign-in from a device not seen in the last 30 days; `detail` names it. The owner was e-mailed. */
  | 'NEW_DEVICE_SIGN_IN'
  /** The owner signed out every other session; `count` says how many ended. */
  | 'OTHER_SESSIONS_REVOKED'
  /** The owner changed the password: their other sessions ended. */
  | 'PASSWORD_CHANGED'
  /** The password was set with a reset link: every session and remembered browser ended. */
  | 'PASSWORD_RESET'
  /** A password reset link was sent to the account’s address. */
  | 'PASSWORD_RESET_REQUESTED'
  /** In an admin’s own log: they saved the 2FA policy; `detail` holds the new version and what changed. */
  | 'POLICY_UPDATED'
  /** New recovery codes replaced the old ones. */
  | 'RECOVERY_CODES_REGENERATED'
  /** A sign-in passed its 2FA challenge with a recovery code. */
  | 'RECOVERY_CODE_USED'
  /** An old copy of a remembered browser’s cookie was used: the browser is no longer remembered. */
  | 'REMEMBERED_BROWSER_COPIED'
  /** A remembered browser signed in without a 2FA code. */
  | 'REMEMBERED_BROWSER_SIGN_IN'
  /** An admin (or the operator, from the command line) changed the role of the account; `detail` holds the old and new roles. */
  | 'ROLE_CHANGED'
  /** In an admin’s own log: they changed the role of another account; `detail` names it and the roles. */
  | 'ROLE_CHANGE_MADE'
  /** The owner signed one session out; `detail` names its device. */
  | 'SESSION_REVOKED'
  /** A staff member read this account’s security log; one entry per staff member and hour, with a count. */
  | 'SUPPORT_READ_LOG'
  /** In a staff member’s own log: they read the queue of recovery requests; one entry per hour, with a count. */
  | 'SUPPORT_READ_RECOVERY_QUEUE'
  /** In a staff member’s own log: they searched accounts; `detail` holds the text searched for. */
  | 'SUPPORT_SEARCHED'
  /** Another credential of the active method was added beside the others (a security key); `detail` holds its name. */
  | 'TWO_FACTOR_CREDENTIAL_ADDED'
  /** A credential of the active method was removed (a security key); `detail` holds its name. */
  | 'TWO_FACTOR_CREDENTIAL_REMOVED'
  /** 2FA was turned off. */
  | 'TWO_FACTOR_DISABLED'
  /** A first method was verified: 2FA is on. */
  | 'TWO_FACTOR_ENABLED'
  /** Support removed the 2FA of the account (lost phone, mailbox or number). */
  | 'TWO_FACTOR_RESET'
  /** A new method replaced the active one. */
  | 'TWO_FACTOR_SWITCHED'
  /** In an admin’s own log: they created a webhook; `detail` holds its address (without its query). */
  | 'WEBHOOK_CREATED'
  /** In an admin’s own log: they deleted a webhook; `detail` holds its address (without its query). */
  | 'WEBHOOK_DELETED';

/** A second-factor method. At most one is active for a user. */
export type TwoFactorMethod =
  /** A six-digit code sent by e-mail. */
  | 'EMAIL'
  /** A six-digit code sent by SMS. */
  | 'SMS'
  /** Time-based one-time passwords from an authenticator app (RFC 6238). */
  | 'TOTP'
  /** Security keys and passkeys (WebAuthn): a key registered to the account signs each sign-in. Phishing cannot relay it. */
  | 'WEBAUTHN';

/** Where a delivery stands. */
export type WebhookDeliveryStatus =
  /** Every attempt failed; no more will be made. */
  | 'FAILED'
  /** Not delivered yet: waiting for its first attempt or its next one (`nextAttemptAt`). */
  | 'PENDING'
  /** The endpoint answered 2xx. */
  | 'SUCCEEDED';

/** An event a webhook can be sent for. The payload's `type` is the name in lower case with its last word after a full stop: TWO_FACTOR_ENABLED is "two_factor.enabled". */
export type WebhookEvent =
  /** Too many wrong codes locked a user's 2FA checks (`lockout.started`); `data.lockedUntil` says until when. */
  | 'LOCKOUT_STARTED'
  /** A user replaced their recovery codes (`recovery_codes.regenerated`). */
  | 'RECOVERY_CODES_REGENERATED'
  /** An old copy of a remembered browser's cookie was used, so the cookie was likely stolen (`remembered_browser.copied`). */
  | 'REMEMBERED_BROWSER_COPIED'
  /** A user turned 2FA off (`two_factor.disabled`); `data.method` is the method that was on. */
  | 'TWO_FACTOR_DISABLED'
  /** A user turned 2FA on (`two_factor.enabled`); `data.method` names the method. */
  | 'TWO_FACTOR_ENABLED'
  /** Support or an operator removed a user's 2FA (`two_factor.reset`); `data.actorUserId` names the staff member (null: the CLI). */
  | 'TWO_FACTOR_RESET'
  /** A user replaced the active method with another (`two_factor.switched`); `data.method` is the new one. */
  | 'TWO_FACTOR_SWITCHED';

export type RegisterMutationVariables = Exact<{
  email: string;
  password: string;
}>;


export type RegisterMutation = { register: { token: string, user: { id: string, email: string } } };

export type LoginMutationVariables = Exact<{
  email: string;
  password: string;
}>;


export type LoginMutation = { login:
    | { __typename: 'AuthPayload', token: string }
    | { __typename: 'TwoFactorChallenge', challengeId: string, method: TwoFactorMethod, expiresAt: string }
   };

export type VerifyLoginChallengeMutationVariables = Exact<{
  challengeId: string | number;
  code: string;
}>;


export type VerifyLoginChallengeMutation = { verifyLoginChallenge: { token: string, user: { email: string } } };

export type LogoutMutationVariables = Exact<{ [key: string]: never; }>;


export type LogoutMutation = { logout: boolean };

export type TwoFactorSettingsQueryVariables = Exact<{ [key: string]: never; }>;


export type TwoFactorSettingsQuery = { twoFactorSettings: { enabled: boolean, method: TwoFactorMethod | null, recoveryCodesRemaining: number, availableMethods: Array<TwoFactorMethod> } };

export type EnableTwoFactorMutationVariables = Exact<{
  input: EnableTwoFactorInput;
}>;


export type EnableTwoFactorMutation = { enableTwoFactor:
    | { __typename: 'CodeSent', message: string, maskedDestination: string }
    | { __typename: 'SecurityKeyRegistration' }
    | { __typename: 'TotpSetup', secret: string, otpauthUri: string, expiresAt: string }
   };

export type VerifyTwoFactorMutationVariables = Exact<{
  code: string;
}>;


export type VerifyTwoFactorMutation = { verifyTwoFactor: { message: string, recoveryCodes: Array<string> | null, settings: { enabled: boolean, method: TwoFactorMethod | null } } };

export type DisableTwoFactorMutationVariables = Exact<{
  code: string;
}>;


export type DisableTwoFactorMutation = { disableTwoFactor: { message: string, settings: { enabled: boolean } } };

export type CataloguedErrorFieldsFragment = { reason: ErrorReason, code: ErrorCode };

export type CreateApiTokenMutationVariables = Exact<{
  name: string;
  scopes: Array<ApiTokenScope> | ApiTokenScope;
  expiresInDays?: number | null | undefined;
  proof: string;
}>;


export type CreateApiTokenMutation = { createApiToken: { token: string, apiToken: { id: string, name: string, scopes: Array<ApiTokenScope>, expiresAt: string } } };

export type SecurityLogQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type SecurityLogQuery = { securityLog: { edges: Array<{ node: { type: SecurityEventType, createdAt: string } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { me: { email: string } | null };

export type CreateWebhookMutationVariables = Exact<{
  url: string;
  events: Array<WebhookEvent> | WebhookEvent;
  proof: string;
}>;


export type CreateWebhookMutation = { createWebhook: { secret: string, webhook: { id: string, url: string, events: Array<WebhookEvent> } } };

export type WebhookDeliveriesQueryVariables = Exact<{
  webhookId: string | number;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type WebhookDeliveriesQuery = { webhookDeliveries: { edges: Array<{ cursor: string, node: { id: string, event: WebhookEvent, status: WebhookDeliveryStatus, attempts: number, nextAttemptAt: string | null, lastStatusCode: number | null, lastError: string | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const CataloguedErrorFieldsFragmentDoc = new TypedDocumentString(`
    fragment CataloguedErrorFields on CataloguedError {
  reason
  code
}
    `, {"fragmentName":"CataloguedErrorFields"}) as unknown as TypedDocumentString<CataloguedErrorFieldsFragment, unknown>;
export const RegisterDocument = new TypedDocumentString(`
    mutation Register($email: String!, $password: String!) {
  register(email: $email, password: $password) {
    token
    user {
      id
      email
    }
  }
}
    `) as unknown as TypedDocumentString<RegisterMutation, RegisterMutationVariables>;
export const LoginDocument = new TypedDocumentString(`
    mutation Login($email: String!, $password: String!) {
  login(email: $email, password: $password) {
    __typename
    ... on AuthPayload {
      token
    }
    ... on TwoFactorChallenge {
      challengeId
      method
      expiresAt
    }
  }
}
    `) as unknown as TypedDocumentString<LoginMutation, LoginMutationVariables>;
export const VerifyLoginChallengeDocument = new TypedDocumentString(`
    mutation VerifyLoginChallenge($challengeId: ID!, $code: String!) {
  verifyLoginChallenge(challengeId: $challengeId, code: $code) {
    token
    user {
      email
    }
  }
}
    `) as unknown as TypedDocumentString<VerifyLoginChallengeMutation, VerifyLoginChallengeMutationVariables>;
export const LogoutDocument = new TypedDocumentString(`
    mutation Logout {
  logout
}
    `) as unknown as TypedDocumentString<LogoutMutation, LogoutMutationVariables>;
export const TwoFactorSettingsDocument = new TypedDocumentString(`
    query TwoFactorSettings {
  twoFactorSettings {
    enabled
    method
    recoveryCodesRemaining
    availableMethods
  }
}
    `) as unknown as TypedDocumentString<TwoFactorSettingsQuery, TwoFactorSettingsQueryVariables>;
export const EnableTwoFactorDocument = new TypedDocumentString(`
    mutation EnableTwoFactor($input: EnableTwoFactorInput!) {
  enableTwoFactor(input: $input) {
    __typename
    ... on TotpSetup {
      secret
      otpauthUri
      expiresAt
    }
    ... on CodeSent {
      message
      maskedDestination
    }
  }
}
    `) as unknown as TypedDocumentString<EnableTwoFactorMutation, EnableTwoFactorMutationVariables>;
export const VerifyTwoFactorDocument = new TypedDocumentString(`
    mutation VerifyTwoFactor($code: String!) {
  verifyTwoFactor(code: $code) {
    message
    recoveryCodes
    settings {
      enabled
      method
    }
  }
}
    `) as unknown as TypedDocumentString<VerifyTwoFactorMutation, VerifyTwoFactorMutationVariables>;
export const DisableTwoFactorDocument = new TypedDocumentString(`
    mutation DisableTwoFactor($code: String!) {
  disableTwoFactor(code: $code) {
    message
    settings {
      enabled
    }
  }
}
    `) as unknown as TypedDocumentString<DisableTwoFactorMutation, DisableTwoFactorMutationVariables>;
export const CreateApiTokenDocument = new TypedDocumentString(`
    mutation CreateApiToken($name: String!, $scopes: [ApiTokenScope!]!, $expiresInDays: Int, $proof: String!) {
  createApiToken(
    name: $name
    scopes: $scopes
    expiresInDays: $expiresInDays
    proof: $proof
  ) {
    token
    apiToken {
      id
      name
      scopes
      expiresAt
    }
  }
}
    `) as unknown as TypedDocumentString<CreateApiTokenMutation, CreateApiTokenMutationVariables>;
export const SecurityLogDocument = new TypedDocumentString(`
    query SecurityLog($first: Int, $after: String) {
  securityLog(first: $first, after: $after) {
    edges {
      node {
        type
        createdAt
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<SecurityLogQuery, SecurityLogQueryVariables>;
export const MeDocument = new TypedDocumentString(`
    query Me {
  me {
    email
  }
}
    `) as unknown as TypedDocumentString<MeQuery, MeQueryVariables>;
export const CreateWebhookDocument = new TypedDocumentString(`
    mutation CreateWebhook($url: String!, $events: [WebhookEvent!]!, $proof: String!) {
  createWebhook(url: $url, events: $events, proof: $proof) {
    secret
    webhook {
      id
      url
      events
    }
  }
}
    `) as unknown as TypedDocumentString<CreateWebhookMutation, CreateWebhookMutationVariables>;
export const WebhookDeliveriesDocument = new TypedDocumentString(`
    query WebhookDeliveries($webhookId: ID!, $first: Int, $after: String) {
  webhookDeliveries(webhookId: $webhookId, first: $first, after: $after) {
    edges {
      cursor
      node {
        id
        event
        status
        attempts
        nextAttemptAt
        lastStatusCode
        lastError
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<WebhookDeliveriesQuery, WebhookDeliveriesQueryVariables>;