import { registerEnumType } from 'type-graphql';
import type { SecurityEvent } from '../../delivery/templates';

export enum SecurityEventType {
  TWO_FACTOR_ENABLED = 'TWO_FACTOR_ENABLED',
  TWO_FACTOR_SWITCHED = 'TWO_FACTOR_SWITCHED',
  TWO_FACTOR_DISABLED = 'TWO_FACTOR_DISABLED',
  TWO_FACTOR_RESET = 'TWO_FACTOR_RESET',
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
}

registerEnumType(SecurityEventType, {
  name: 'SecurityEventType',
  description: 'What happened to the second factor of an account.',
  valuesConfig: {
    TWO_FACTOR_ENABLED: { description: 'A first method was verified: 2FA is on.' },
    TWO_FACTOR_SWITCHED: { description: 'A new method replaced the active one.' },
    TWO_FACTOR_DISABLED: { description: '2FA was turned off.' },
    TWO_FACTOR_RESET: { description: 'Support removed the 2FA of the account (lost phone, mailbox or number).' },
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
  },
});

/** The events the user is also told about by e-mail (SPEC §3), and the notice each one sends. */
export const NOTICE_FOR_EVENT: Partial<Record<SecurityEventType, SecurityEvent>> = {
  [SecurityEventType.TWO_FACTOR_ENABLED]: 'TWO_FACTOR_ENABLED',
  [SecurityEventType.TWO_FACTOR_SWITCHED]: 'TWO_FACTOR_SWITCHED',
  [SecurityEventType.TWO_FACTOR_DISABLED]: 'TWO_FACTOR_DISABLED',
  [SecurityEventType.TWO_FACTOR_RESET]: 'TWO_FACTOR_RESET',
  [SecurityEventType.RECOVERY_CODE_USED]: 'RECOVERY_CODE_USED',
  [SecurityEventType.LOCKOUT_STARTED]: 'LOCKOUT_STARTED',
  [SecurityEventType.REMEMBERED_BROWSER_COPIED]: 'REMEMBERED_BROWSER_COPIED',
};
