/**
 * Every text Latchkey sends. Each message is written once as plain paragraphs; the text and HTML
 * bodies are both rendered from them, so they cannot drift apart.
 */

export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

export type CodePurpose = 'enroll' | 'login';
export type NoticeMethod = 'TOTP' | 'EMAIL' | 'SMS';
export type SecurityEvent =
  | 'TWO_FACTOR_ENABLED'
  | 'TWO_FACTOR_SWITCHED'
  | 'TWO_FACTOR_DISABLED'
  | 'TWO_FACTOR_RESET'
  | 'RECOVERY_CODE_USED'
  | 'LOCKOUT_STARTED'
  | 'REMEMBERED_BROWSER_COPIED';

/** SPEC §3: e-mail and SMS codes are valid 10 minutes. The code service may pass its own TTL. */
export const DEFAULT_CODE_VALID_MINUTES = 10;

const METHOD_NAMES: Record<NoticeMethod, string> = {
  TOTP: 'an authenticator app',
  EMAIL: 'codes sent by e-mail',
  SMS: 'codes sent by SMS',
};

export function verificationCodeEmail(input: {
  issuerName: string;
  code: string;
  purpose: CodePurpose;
  validForMinutes?: number;
}): EmailContent {
  const { issuerName, code, purpose, validForMinutes = DEFAULT_CODE_VALID_MINUTES } = input;
  const before = [`Your ${issuerName} verification code is:`];
  const after = [
    purpose === 'login'
      ? 'Enter it on the sign-in page to finish signing in.'
      : 'Enter it in the panel to finish setting up two-factor authentication by e-mail.',
    `The code is valid for ${validForMinutes} minutes and works only once. Never share it: ${issuerName} staff will never ask you for it.`,
    purpose === 'login'
      ? 'If you did not ask for this code, ignore this message. The code is sent only after your password was entered correctly, so consider changing your password.'
      : 'If you did not ask for this code, ignore this message; nothing will change on your account.',
  ];
  return render(issuerName, `${issuerName.toUpperCase()}: email verification code`, before, after, code);
}

/** Exactly `<Issuer> code: 123456`: nothing else goes into an SMS. */
export function verificationCodeSms(input: { issuerName: string; code: string }): string {
  return `${input.issuerName} code: ${input.code}`;
}

export function securityNoticeEmail(input: {
  issuerName: string;
  event: SecurityEvent;
  when: Date;
  /** The method now active, for TWO_FACTOR_ENABLED and TWO_FACTOR_SWITCHED. */
  method?: NoticeMethod;
  /** The end of the lock, for LOCKOUT_STARTED. */
  lockedUntil?: Date;
  /** How many recovery codes are left, for RECOVERY_CODE_USED. */
  recoveryCodesRemaining?: number;
}): EmailContent {
  const { issuerName, event, when, method, lockedUntil, recoveryCodesRemaining } = input;
  const at = formatUtc(when);
  const notYou = 'If this was not you, change your password right away and contact technical support.';
  const notice = ((): { title: string; paragraphs: string[] } => {
    switch (event) {
      case 'TWO_FACTOR_ENABLED':
        return {
          title: 'two-factor authentication enabled',
          paragraphs: [
            `Two-factor authentication was turned on for your account on ${at}${method ? `, using ${METHOD_NAMES[method]}` : ''}.`,
            'From now on, signing in needs your password and a code. Keep your recovery codes somewhere safe.',
            notYou,
          ],
        };
      case 'TWO_FACTOR_SWITCHED':
        return {
          title: 'two-factor method changed',
          paragraphs: [
            `The two-factor method of your account was changed on ${at}${method ? `; it is now ${METHOD_NAMES[method]}` : ''}.`,
            'The previous method no longer works. Other signed-in sessions were signed out.',
            notYou,
          ],
        };
      case 'TWO_FACTOR_DISABLED':
        return {
          title: 'two-factor authentication disabled',
          paragraphs: [
            `Two-factor authentication was turned off for your account on ${at}.`,
            'Your account is now protected by your password alone. You can turn two-factor authentication on again under "Settings for 2FA".',
            notYou,
          ],
        };
      case 'TWO_FACTOR_RESET':
        return {
          title: 'two-factor authentication reset by support',
          paragraphs: [
            `Technical support reset two-factor authentication for your account on ${at}.`,
            'You were signed out everywhere. Sign in with your password and set up two-factor authentication again under "Settings for 2FA".',
            'If you did not ask support for this, change your password right away and contact technical support.',
          ],
        };
      case 'RECOVERY_CODE_USED':
        return {
          title: 'recovery code used',
          paragraphs: [
            `A recovery code was used to sign in to your account on ${at}. That code cannot be used again.`,
            recoveryCodesRemaining === undefined
              ? 'You can create a new set of recovery codes under "Settings for 2FA".'
              : `${recoveryCodesRemaining} recovery ${recoveryCodesRemaining === 1 ? 'code is' : 'codes are'} left. You can create a new set under "Settings for 2FA".`,
            notYou,
          ],
        };
      case 'LOCKOUT_STARTED':
        return {
          title: 'two-factor checks locked',
          paragraphs: [
            `After too many wrong codes, two-factor checks for your account were locked on ${at}${lockedUntil ? ` until ${formatUtc(lockedUntil)}` : ''}.`,
            'Codes are asked for only after a correct password. If these attempts were not yours, someone may know your password. Change your password right away and contact technical support.',
          ],
        };
      case 'REMEMBERED_BROWSER_COPIED':
        return {
          title: 'a remembered browser was forgotten',
          paragraphs: [
            `On ${at}, a copy of the cookie of a browser you had remembered at sign-in was used after the browser itself had moved on.`,
            'That browser is no longer remembered: the next sign-in from it asks for a 2FA code. Someone may have copied data from that computer.',
            notYou,
          ],
        };
      default:
        return assertUnreachable(event);
    }
  })();
  return render(issuerName, `${issuerName.toUpperCase()}: ${notice.title}`, notice.paragraphs);
}

/** `2025-11-28 04:14 UTC`: unambiguous in every locale, with no date library. */
export function formatUtc(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function render(issuerName: string, subject: string, before: string[], after: string[] = [], code?: string): EmailContent {
  const text = [...before, ...(code ? [code] : []), ...after, `— ${issuerName}`].join('\n\n') + '\n';
  const paragraph = (p: string) => `<p style="margin:0 0 16px">${escapeHtml(p)}</p>`;
  const codeBlock = code ? `<p style="margin:0 0 16px;font:bold 28px/1.2 monospace;letter-spacing:4px">${escapeHtml(code)}</p>` : '';
  const html = [
    '<!DOCTYPE html>',
    `<html><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font:16px/1.5 sans-serif;color:#1a1a1a">',
    ...before.map(paragraph),
    codeBlock,
    ...after.map(paragraph),
    `<p style="margin:0;color:#555">— ${escapeHtml(issuerName)}</p>`,
    '</body></html>',
  ]
    .filter(Boolean)
    .join('\n');
  return { subject, text, html };
}

function assertUnreachable(value: never): never {
  throw new Error(`Unhandled security event: ${String(value)}`);
}
