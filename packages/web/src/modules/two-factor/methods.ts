import type { TwoFactorMethod } from '../../generated/graphql';

/**
 * What the panel says about each method: its words only. What a method can do (whether it sends
 * codes, what a proof of it is) and the order to list them in come from the API
 * (`TwoFactorSettings.methods`, `TwoFactorChallenge.sendsCodes`). The names, the Attention notes
 * and the support line are the user guide's words, to the letter; TOTP is listed first and SMS
 * and e-mail are said to be weaker.
 */

export interface MethodInfo {
  /** The guide's name of the method. */
  name: string;
  summary: string;
  /** How it compares: TOTP is recommended, the others are weaker. */
  strength: { label: string; note: string; tone: 'recommended' | 'weaker' };
  /** The guide's Attention note for this method. */
  warning: string;
  /** Where a code of this method comes from, finishing "Enter the code …". */
  codeSource: (maskedDestination: string | null) => string;
}

export const METHODS: Record<TwoFactorMethod, MethodInfo> = {
  TOTP: {
    name: 'TOTP',
    summary:
      'Time-based one-time passwords from an authenticator app on your phone. We recommend Google Authenticator or Microsoft Authenticator.',
    strength: {
      label: 'Recommended',
      note: 'The most secure of the three: the codes never travel over e-mail or the phone network.',
      tone: 'recommended',
    },
    warning:
      'If you delete the 2FA authentication record from the TOTP app or lose the device with it, you will lose access to the account. The only way to restore access is by contacting our technical support.',
    codeSource: () => 'from your authenticator app',
  },
  WEBAUTHN: {
    name: 'Security key or passkey',
    summary:
      'A security key (such as a YubiKey) or a passkey on your phone or computer: touch it, or unlock it, when you sign in. You can register more than one.',
    strength: {
      label: 'Strongest',
      note: 'It cannot be phished: the key answers only this site, and there is no code to pass on.',
      tone: 'recommended',
    },
    warning:
      'If you lose every security key you registered, you will lose access to the account unless you kept your recovery codes. Register a spare key, and keep the recovery codes safe.',
    codeSource: () => 'from your security key',
  },
  EMAIL: {
    name: 'Mail verification',
    summary: 'A 6-digit code sent to an e-mail address each time you sign in.',
    strength: {
      label: 'Weaker',
      note: 'Weaker than TOTP: anyone who can read the mailbox can read the code.',
      tone: 'weaker',
    },
    warning: 'In case you lose access to your email, the only way to regain access to your account is by contacting technical support.',
    codeSource: (masked) => (masked ? `sent by e-mail to ${masked}` : 'sent to your e-mail address'),
  },
  SMS: {
    name: 'SMS',
    summary: 'A 6-digit code sent by text message to your mobile phone each time you sign in.',
    strength: {
      label: 'Weaker',
      note: 'Weaker than TOTP: text messages can be intercepted, and a phone number can be taken over.',
      tone: 'weaker',
    },
    warning: 'If you lose access to your phone number, you can only regain access to your account by contacting our technical support.',
    codeSource: (masked) => (masked ? `sent by SMS to ${masked}` : 'sent to your phone by SMS'),
  },
};

/** At or below this many recovery codes, the panel says new ones are needed (on Settings for 2FA, and after signing in with one). */
export const RECOVERY_CODES_LOW = 3;

/** "Only 2 recovery codes are left.", "You have no recovery codes left." */
export function recoveryCodesLeftWords(remaining: number): string {
  return remaining === 0
    ? 'You have no recovery codes left.'
    : `Only ${remaining === 1 ? '1 recovery code is' : `${remaining} recovery codes are`} left.`;
}

export const CHOOSE_ONE_WORDS = 'Choose only one of the two-factor authentication methods.';
export const SUPPORT_WORDS = 'If you are experiencing difficulty obtaining the correct 2FA code, please contact our technical support.';

/** The panel's brand, as in the authenticator app ("HostKey:") and the e-mail subject. */
export const ISSUER_NAME = 'HostKey';
export const EMAIL_SUBJECT = `${ISSUER_NAME.toUpperCase()}: email verification code`;

/** The submit button of each method's code step, as the guide names it. */
export const CHECK_BUTTON_LABELS: Record<TwoFactorMethod, string> = {
  TOTP: 'Check Code',
  WEBAUTHN: 'Use security key',
  EMAIL: 'Verify code',
  SMS: 'Check Code',
};

/** How long the API keeps things open, to read its timestamps sensibly (see deadlineFrom). */
export const SIGN_IN_CHALLENGE_MS = 10 * 60_000;
export const SET_UP_MS = 10 * 60_000;
export const RESEND_WAIT_MS = 60_000;
/** The longest a send limit (codes an hour) can hold a new code back. */
export const SEND_LIMIT_WINDOW_MS = 60 * 60_000;
