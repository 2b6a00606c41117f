import { registerEnumType } from 'type-graphql';
import type { SecurityEvent } from '../../delivery/templates';

export enum SecurityEventType {
  TWO_FACTOR_ENABLED = 'TWO_FACTOR_ENABLED',
  TWO_FACTOR_SWITCHED = 'TWO_FACTOR_SWITCHED',
  TWO_FACTOR_DISABLED = 'TWO_FACTOR_DISABLED',
  TWO_FACTOR_RESET = 'TWO_FACTOR_RESET',
  TWO_FACTOR_CREDENTIAL_ADDED = 'TWO_FACTOR_CREDENTIAL_ADDED',
  TWO_FACTOR_CREDENTIAL_REMOVED = 'TWO_FACTOR_CREDENTIAL_REMOVED',
  RECOVERY_CODES_REGENERATED = 'RECOVERY_CODES_REGENERATED',
  CHALLENGE_PASSED = 'CHALLENGE_PASSED',
  CHALLENGE_FAILED = 'CHALLENGE_FAILED',
  CHECK_REFUSED_LOCKED = 'CHECK_REFUSED_LOCKED',
  CHECK_REFUSED_IP_LIMIT = 'CHECK_REFUSED_IP_LIMIT',
  RECOVERY_CODE_USED = 'RECOVERY_CODE_USED',
  LOCKOUT_STARTED = 'LOCKOUT_STARTED',
  BROWSER_REMEMBERED = 'BROWSER_REMEMBERED',
  REMEMBERED_BROWSER_SIGN_IN = 'REMEMBERED_BROWSER_SIGN_IN',
  BROWSER_FORGOTTEN = 'BROWSER_FORGOTTEN',
  REMEMBERED_BROWSER_COPIED = 'REMEMBERED_BROWSER_COPIED',
  SUPPORT_SEARCHED = 'SUPPORT_SEARCHED',
  SUPPORT_READ_LOG = 'SUPPORT_READ_LOG',
  EMAIL_VERIFIED = 'EMAIL_VERIFIED',
  EMAIL_CHANGE_REQUESTED = 'EMAIL_CHANGE_REQUESTED',
  EMAIL_CHANGED = 'EMAIL_CHANGED',
  PASSWORD_RESET_REQUESTED = 'PASSWORD_RESET_REQUESTED',
  PASSWORD_RESET = 'PASSWORD_RESET',
  PASSWORD_CHANGED = 'PASSWORD_CHANGED',
  SESSION_REVOKED = 'SESSION_REVOKED',
  OTHER_SESSIONS_REVOKED = 'OTHER_SESSIONS_REVOKED',
  NEW_DEVICE_SIGN_IN = 'NEW_DEVICE_SIGN_IN',
  WEBHOOK_CREATED = 'WEBHOOK_CREATED',
  WEBHOOK_DELETED = 'WEBHOOK_DELETED',
  API_TOKEN_CREATED = 'API_TOKEN_CREATED',
  API_TOKEN_REVOKED = 'API_TOKEN_REVOKED',
  API_TOKENS_ENDED = 'API_TOKENS_ENDED',
  ACCOUNT_RECOVERY_REQUESTED = 'ACCOUNT_RECOVERY_REQUESTED',
  ACCOUNT_RECOVERY_APPROVED = 'ACCOUNT_RECOVERY_APPROVED',
  ACCOUNT_RECOVERY_DENIED = 'ACCOUNT_RECOVERY_DENIED',
  ACCOUNT_RECOVERY_CANCELLED = 'ACCOUNT_RECOVERY_CANCELLED',
  ACCOUNT_RECOVERY_COMPLETED = 'ACCOUNT_RECOVERY_COMPLETED',
  SUPPORT_READ_RECOVERY_QUEUE = 'SUPPORT_READ_RECOVERY_QUEUE',
  ROLE_CHANGED = 'ROLE_CHANGED',
  ROLE_CHANGE_MADE = 'ROLE_CHANGE_MADE',
  POLICY_UPDATED = 'POLICY_UPDATED',
}

registerEnumType(SecurityEventType, {
  name: 'SecurityEventType',
  description: 'What happened to the second factor of an account.',
  valuesConfig: {
    TWO_FACTOR_ENABLED: { description: 'A first method was verified: 2FA is on.' },
    TWO_FACTOR_SWITCHED: { description: 'A new method replaced the active one.' },
    TWO_FACTOR_DISABLED: { description: '2FA was turned off.' },
    TWO_FACTOR_RESET: { description: 'Support removed the 2FA of the account (lost phone, mailbox or number).' },
    TWO_FACTOR_CREDENTIAL_ADDED: {
      description: 'Another credential of the active method was added beside the others (a security key); `detail` holds its name.',
    },
    TWO_FACTOR_CREDENTIAL_REMOVED: {
      description: 'A credential of the active method was removed (a security key); `detail` holds its name.',
    },
    RECOVERY_CODES_REGENERATED: { description: 'New recovery codes replaced the old ones.' },
    CHALLENGE_PASSED: { description: 'A sign-in passed its 2FA challenge with a code of the method.' },
    CHALLENGE_FAILED: { description: 'A wrong, expired or already used code was given at a sign-in challenge.' },
    CHECK_REFUSED_LOCKED: {
      description: 'Codes given at sign-in while 2FA checks were locked, refused unchecked; one entry per lockout, with a count.',
    },
    CHECK_REFUSED_IP_LIMIT: {
      description:
        'Codes given at sign-in from an address that gave too many wrong codes, refused unchecked; one entry per address and window, with a count.',
    },
    RECOVERY_CODE_USED: { description: 'A sign-in passed its 2FA challenge with a recovery code.' },
    LOCKOUT_STARTED: { description: 'Too many wrong codes: 2FA checks were locked for a while.' },
    BROWSER_REMEMBERED: { description: 'A sign-in ticked "Remember this browser": it skips the 2FA code for a while.' },
    REMEMBERED_BROWSER_SIGN_IN: { description: 'A remembered browser signed in without a 2FA code.' },
    BROWSER_FORGOTTEN: { description: 'The user forgot a remembered browser: it needs a 2FA code again.' },
    REMEMBERED_BROWSER_COPIED: {
      description: 'An old copy of a remembered browser’s cookie was used: the browser is no longer remembered.',
    },
    SUPPORT_SEARCHED: { description: 'In a staff member’s own log: they searched accounts; `detail` holds the text searched for.' },
    SUPPORT_READ_LOG: {
      description: 'A staff member read this account’s security log; one entry per staff member and hour, with a count.',
    },
    EMAIL_VERIFIED: { description: 'The owner opened the link sent to the account’s address: it is verified.' },
    EMAIL_CHANGE_REQUESTED: {
      description: 'A new e-mail address was asked for; `detail` holds it, masked. It takes over once its link is opened.',
    },
    EMAIL_CHANGED: {
      description: 'The new address was verified and replaced the old one; `detail` holds both, masked. The old one was told.',
    },
    PASSWORD_RESET_REQUESTED: { description: 'A password reset link was sent to the account’s address.' },
    PASSWORD_RESET: { description: 'The password was set with a reset link: every session and remembered browser ended.' },
    PASSWORD_CHANGED: { description: 'The owner changed the password: their other sessions ended.' },
    SESSION_REVOKED: { description: 'The owner signed one session out; `detail` names its device.' },
    OTHER_SESSIONS_REVOKED: { description: 'The owner signed out every other session; `count` says how many ended.' },
    NEW_DEVICE_SIGN_IN: { description: 'A sign-in from a device not seen in the last 30 days; `detail` names it. The owner was e-mailed.' },
    WEBHOOK_CREATED: {
      description: 'In an admin’s own log: they created a webhook; `detail` holds its address (without its query).',
    },
    WEBHOOK_DELETED: {
      description: 'In an admin’s own log: they deleted a webhook; `detail` holds its address (without its query).',
    },
    API_TOKEN_CREATED: {
      description: 'An API token was created; `detail` holds its name and scopes. The owner was e-mailed.',
    },
    API_TOKEN_REVOKED: { description: 'The owner revoked an API token; `detail` holds its name.' },
    API_TOKENS_ENDED: {
      description:
        'Every live API token of the account ended with a change (2FA turned off or reset, a password changed or reset); `count` says how many, `detail` why.',
    },
    ACCOUNT_RECOVERY_REQUESTED: {
      description:
        'Someone who passed the password step said they lost the 2FA method and asked support to remove it; `ip` is theirs. The owner was e-mailed a link to cancel.',
    },
    ACCOUNT_RECOVERY_APPROVED: {
      description:
        'Support approved the recovery request; `detail` holds their reason. 2FA is removed once the waiting period passes with nobody cancelling. The owner was e-mailed a link to cancel.',
    },
    ACCOUNT_RECOVERY_DENIED: { description: 'Support denied the recovery request; `detail` holds their reason. Nothing changed.' },
    ACCOUNT_RECOVERY_CANCELLED: {
      description:
        'The recovery request was cancelled, by the link e-mailed to the account or from a signed-in session; `detail` says which.',
    },
    ACCOUNT_RECOVERY_COMPLETED: {
      description:
        'The waiting period of an approved recovery passed with nobody cancelling: 2FA was removed and every session ended; `detail` holds the approval’s reason.',
    },
    SUPPORT_READ_RECOVERY_QUEUE: {
      description: 'In a staff member’s own log: they read the queue of recovery requests; one entry per hour, with a count.',
    },
    ROLE_CHANGED: {
      description:
        'An admin (or the operator, from the command line) changed the role of the account; `detail` holds the old and new roles.',
    },
    ROLE_CHANGE_MADE: {
      description: 'In an admin’s own log: they changed the role of another account; `detail` names it and the roles.',
    },
    POLICY_UPDATED: { description: 'In an admin’s own log: they saved the 2FA policy; `detail` holds the new version and what changed.' },
  },
});

/** The events the user is also told about by e-mail, and the notice each one sends. */
export const NOTICE_FOR_EVENT: Partial<Record<SecurityEventType, SecurityEvent>> = {
  [SecurityEventType.TWO_FACTOR_ENABLED]: 'TWO_FACTOR_ENABLED',
  [SecurityEventType.TWO_FACTOR_SWITCHED]: 'TWO_FACTOR_SWITCHED',
  [SecurityEventType.TWO_FACTOR_DISABLED]: 'TWO_FACTOR_DISABLED',
  [SecurityEventType.TWO_FACTOR_RESET]: 'TWO_FACTOR_RESET',
  [SecurityEventType.TWO_FACTOR_CREDENTIAL_ADDED]: 'TWO_FACTOR_KEY_ADDED',
  [SecurityEventType.TWO_FACTOR_CREDENTIAL_REMOVED]: 'TWO_FACTOR_KEY_REMOVED',
  [SecurityEventType.RECOVERY_CODE_USED]: 'RECOVERY_CODE_USED',
  [SecurityEventType.LOCKOUT_STARTED]: 'LOCKOUT_STARTED',
  [SecurityEventType.REMEMBERED_BROWSER_COPIED]: 'REMEMBERED_BROWSER_COPIED',
  [SecurityEventType.PASSWORD_RESET]: 'PASSWORD_RESET',
  [SecurityEventType.PASSWORD_CHANGED]: 'PASSWORD_CHANGED',
  [SecurityEventType.EMAIL_CHANGED]: 'EMAIL_CHANGED',
  [SecurityEventType.NEW_DEVICE_SIGN_IN]: 'NEW_DEVICE_SIGN_IN',
  [SecurityEventType.API_TOKEN_CREATED]: 'API_TOKEN_CREATED',
  // A request and an approval come with a link to cancel instead (sent by the recovery itself).
  [SecurityEventType.ACCOUNT_RECOVERY_DENIED]: 'ACCOUNT_RECOVERY_DENIED',
  [SecurityEventType.ACCOUNT_RECOVERY_CANCELLED]: 'ACCOUNT_RECOVERY_CANCELLED',
  [SecurityEventType.ACCOUNT_RECOVERY_COMPLETED]: 'ACCOUNT_RECOVERY_COMPLETED',
};
