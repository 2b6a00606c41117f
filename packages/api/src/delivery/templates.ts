/**
 * Every text Latchkey sends. Each message is written once as plain paragraphs; the text and HTML
 * bodies are both rendered from them, so they cannot drift apart.
 */

export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

/** What the code in an e-mail is for: finishing a set-up, a sign-in, or proving control before a change. */
export type CodePurpose = 'enroll' | 'login' | 'proof';
export type SecurityEvent =
  | 'TWO_FACTOR_ENABLED'
  | 'TWO_FACTOR_SWITCHED'
  | 'TWO_FACTOR_DISABLED'
  | 'TWO_FACTOR_RESET'
  | 'TWO_FACTOR_KEY_ADDED'
  | 'TWO_FACTOR_KEY_REMOVED'
  | 'RECOVERY_CODE_USED'
  | 'LOCKOUT_STARTED'
  | 'REMEMBERED_BROWSER_COPIED'
  | 'PASSWORD_RESET'
  | 'PASSWORD_CHANGED'
  | 'EMAIL_CHANGED'
  | 'NEW_DEVICE_SIGN_IN'
  | 'API_TOKEN_CREATED'
  | 'ACCOUNT_RECOVERY_DENIED'
  | 'ACCOUNT_RECOVERY_CANCELLED'
  | 'ACCOUNT_RECOVERY_COMPLETED';

/**
 * What a link sent by e-mail does: prove the account's address, prove a new one, set a new
 * password, or cancel an account recovery (when it was asked for, and again once support approved it).
 */
export type AccountLink =
  'EMAIL_VERIFICATION' | 'EMAIL_CHANGE' | 'PASSWORD_RESET' | 'ACCOUNT_RECOVERY_CANCEL' | 'ACCOUNT_RECOVERY_APPROVED';

/** E-mail and SMS codes are valid 10 minutes. The code service may pass its own TTL. */
export const DEFAULT_CODE_VALID_MINUTES = 10;

/** What a code is for, and what to do when it was not asked for, by purpose. */
const PURPOSE_WORDS: Record<CodePurpose, { use: string; notYou: string }> = {
  enroll: {
    use: 'Enter it in the panel to finish setting up two-factor authentication by e-mail.',
    notYou: 'If you did not ask for this code, ignore this message; nothing will change on your account.',
  },
  login: {
    use: 'Enter it on the sign-in page to finish signing in.',
    notYou:
      'If you did not ask for this code, ignore this message. The code is sent only after your password was entered correctly, so consider changing your password.',
  },
  proof: {
    use: 'Enter it in the panel to confirm a change of your two-factor authentication: switching to another method, turning it off, or new recovery codes.',
    notYou:
      'If you did not ask for this code, ignore this message; nothing will change without it. The code is asked for from a signed-in session, so consider changing your password.',
  },
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
    PURPOSE_WORDS[purpose].use,
    `The code is valid for ${validForMinutes} minutes and works only once. Never share it: ${issuerName} staff will never ask you for it.`,
    PURPOSE_WORDS[purpose].notYou,
  ];
  return render(issuerName, `${issuerName.toUpperCase()}: email verification code`, before, after, { code });
}

/** Exactly `<Issuer> code: 123456`: nothing else goes into an SMS. */
export function verificationCodeSms(input: { issuerName: string; code: string }): string {
  return `${input.issuerName} code: ${input.code}`;
}

export function securityNoticeEmail(input: {
  issuerName: string;
  event: SecurityEvent;
  when: Date;
  /** How the method now active is named (e.g. "an authenticator app"), for TWO_FACTOR_ENABLED and TWO_FACTOR_SWITCHED. */
  methodName?: string;
  /** The end of the lock, for LOCKOUT_STARTED. */
  lockedUntil?: Date;
  /** How many recovery codes are left, for RECOVERY_CODE_USED. */
  recoveryCodesRemaining?: number;
  /** The browser and system, for NEW_DEVICE_SIGN_IN. */
  device?: string;
  /** The request's IP address, for NEW_DEVICE_SIGN_IN. */
  ip?: string;
  /** The new address, masked, for EMAIL_CHANGED (sent to the old one). */
  newAddress?: string;
  /** The name the user gave the key, for TWO_FACTOR_KEY_ADDED and TWO_FACTOR_KEY_REMOVED. */
  keyName?: string;
  /** The token's name and scopes, for API_TOKEN_CREATED. */
  apiToken?: string;
}): EmailContent {
  const { issuerName, event, when, methodName, lockedUntil, recoveryCodesRemaining } = input;
  const at = formatUtc(when);
  const notYou = 'If this was not you, change your password right away and contact technical support.';
  const notice = ((): { title: string; paragraphs: string[] } => {
    switch (event) {
      case 'TWO_FACTOR_ENABLED':
        return {
          title: 'two-factor authentication enabled',
          paragraphs: [
            `Two-factor authentication was turned on for your account on ${at}${methodName ? `, using ${methodName}` : ''}.`,
            'From now on, signing in needs your password and a code. Keep your recovery codes somewhere safe.',
            notYou,
          ],
        };
      case 'TWO_FACTOR_SWITCHED':
        return {
          title: 'two-factor method changed',
          paragraphs: [
            `The two-factor method of your account was changed on ${at}${methodName ? `; it is now ${methodName}` : ''}.`,
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
      case 'TWO_FACTOR_KEY_ADDED':
        return {
          title: 'security key added',
          paragraphs: [
            `A security key or passkey${named(input.keyName)} was added to the two-factor authentication of your account on ${at}.`,
            'From now on it can be used to sign in, as can your other keys. Your keys are listed under "Settings for 2FA".',
            notYou,
          ],
        };
      case 'TWO_FACTOR_KEY_REMOVED':
        return {
          title: 'security key removed',
          paragraphs: [
            `A security key or passkey${named(input.keyName)} was removed from the two-factor authentication of your account on ${at}.`,
            'It can no longer be used to sign in; your other keys still work. Your keys are listed under "Settings for 2FA".',
            notYou,
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
      case 'PASSWORD_RESET':
        return {
          title: 'password reset',
          paragraphs: [
            `The password of your account was reset on ${at} with a link sent to this address.`,
            'You were signed out everywhere, and remembered browsers were forgotten. If two-factor authentication is on, signing in still needs a code.',
            'If this was not you, someone can read this mailbox: secure the mailbox, change your password again ("Forgot password?" on the sign-in page) and contact technical support.',
          ],
        };
      case 'PASSWORD_CHANGED':
        return {
          title: 'password changed',
          paragraphs: [`The password of your account was changed on ${at}.`, 'Your other signed-in sessions were signed out.', notYou],
        };
      case 'EMAIL_CHANGED':
        return {
          title: 'e-mail address changed',
          paragraphs: [
            `The e-mail address of your account was changed on ${at}${input.newAddress ? ` to ${input.newAddress}` : ''}. This address will get no more notices or password reset links.`,
            'If this was not you, someone signed in to your account: change your password right away if you still can, and contact technical support.',
          ],
        };
      case 'ACCOUNT_RECOVERY_DENIED':
        return {
          title: 'account recovery request denied',
          paragraphs: [
            `Technical support denied a request to remove two-factor authentication from your account on ${at}. Nothing was changed.`,
            'If you asked for it, contact technical support: they may need more from you to be sure it is you. If you did not, someone knows your password: change it right away.',
          ],
        };
      case 'ACCOUNT_RECOVERY_CANCELLED':
        return {
          title: 'account recovery request cancelled',
          paragraphs: [
            `The request to remove two-factor authentication from your account was cancelled on ${at}. Nothing was changed.`,
            'If you did not cancel it, someone signed in to your account or can read this mailbox: change your password right away and contact technical support.',
          ],
        };
      case 'ACCOUNT_RECOVERY_COMPLETED':
        return {
          title: 'two-factor authentication removed by account recovery',
          paragraphs: [
            `On ${at}, after support approved a request to recover your account and the waiting period passed with nobody cancelling it, two-factor authentication was removed from your account.`,
            'You were signed out everywhere. Sign in with your password and set up two-factor authentication again under "Settings for 2FA".',
            'If you did not ask for this, change your password right away and contact technical support.',
          ],
        };
      case 'NEW_DEVICE_SIGN_IN':
        return {
          title: 'sign-in from a new device',
          paragraphs: [
            `Your account was signed in to on ${at} from a device not seen in the last 30 days${input.device ? `: ${input.device}` : ''}${input.ip ? `, IP address ${input.ip}` : ''}.`,
            'If this was you, there is nothing to do. If not, change your password right away, sign out the other sessions on your Account page, and contact technical support.',
          ],
        };
      case 'API_TOKEN_CREATED':
        return {
          title: 'new API token',
          paragraphs: [
            `An API token was created for your account on ${at}${input.apiToken ? `: ${input.apiToken}` : ''}.`,
            'Scripts that hold it can read what its scopes allow until it expires or is revoked; it can change nothing. Your tokens are listed on your Account page, where you can revoke them.',
            notYou,
          ],
        };
      default:
        return assertUnreachable(event);
    }
  })();
  return render(issuerName, `${issuerName.toUpperCase()}: ${notice.title}`, notice.paragraphs);
}

const LINK_WORDS: Record<AccountLink, { title: string; ask: string; button: string; notYou: string }> = {
  EMAIL_VERIFICATION: {
    title: 'verify your e-mail address',
    ask: 'Open this link to confirm that this is the e-mail address of your account. Security notices and password reset links go only to a verified address.',
    button: 'Verify my e-mail address',
    notYou: 'If you did not create an account, ignore this message: nothing will be sent here unless the link is opened.',
  },
  EMAIL_CHANGE: {
    title: 'confirm your new e-mail address',
    ask: 'Someone signed in to your account asked to make this the e-mail address of the account. Open this link to confirm; until then, the old address stays in use.',
    button: 'Confirm my new e-mail address',
    notYou: 'If you did not ask for this, ignore this message: the address of the account will not change.',
  },
  PASSWORD_RESET: {
    title: 'reset your password',
    ask: 'Someone asked to reset the password of your account. Open this link to choose a new one. If two-factor authentication is on, signing in will still need a code.',
    button: 'Choose a new password',
    notYou:
      'If you did not ask for this, ignore this message: your password stays as it is. Never forward this link: it lets anyone who has it set your password.',
  },
  ACCOUNT_RECOVERY_CANCEL: {
    title: 'account recovery requested',
    ask: 'Someone who entered the password of your account told technical support that they lost access to its two-factor authentication, and asked support to remove it. If that was you, there is nothing to do: support will contact you.',
    button: 'Cancel the request',
    notYou:
      'If it was not you, open this link to cancel the request at once, then change your password: whoever asked knows it. Signed in to the panel, you can cancel it there too.',
  },
  ACCOUNT_RECOVERY_APPROVED: {
    title: 'account recovery approved',
    ask: 'Technical support approved the request to remove two-factor authentication from your account. It takes effect only after a waiting period, and only if nobody cancels it first.',
    button: 'Cancel the request',
    notYou:
      'If you did not ask for this, open this link before the waiting period ends to cancel the request, then change your password: whoever asked knows it.',
  },
};

const MINUTES_PER_DAY = 24 * 60;

/** An e-mail with a single-use link: verify an address, confirm a new one, reset the password, or cancel a recovery. */
export function accountLinkEmail(input: {
  issuerName: string;
  link: AccountLink;
  url: string;
  validForMinutes: number;
  /** Facts of this e-mail alone, said after the request (e.g. when an approved recovery takes effect). */
  details?: readonly string[];
}): EmailContent {
  const { issuerName, link, url, validForMinutes, details = [] } = input;
  const words = LINK_WORDS[link];
  const validity =
    validForMinutes > MINUTES_PER_DAY && validForMinutes % MINUTES_PER_DAY === 0
      ? `${validForMinutes / MINUTES_PER_DAY} days`
      : validForMinutes % 60 === 0
        ? `${validForMinutes / 60} hour${validForMinutes === 60 ? '' : 's'}`
        : `${validForMinutes} minute${validForMinutes === 1 ? '' : 's'}`;
  return render(
    issuerName,
    `${issuerName.toUpperCase()}: ${words.title}`,
    [words.ask, ...details],
    [`The link works once, for ${validity}.`, words.notYou],
    { link: { url, label: words.button } },
  );
}

/** `2025-11-28 04:14 UTC`: unambiguous in every locale, with no date library. */
export function formatUtc(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** What stands out between the paragraphs: a code to type, or a link to open. */
interface Highlight {
  code?: string;
  link?: { url: string; label: string };
}

function render(issuerName: string, subject: string, before: string[], after: string[] = [], highlight: Highlight = {}): EmailContent {
  const { code, link } = highlight;
  const text = [...before, ...(code ? [code] : []), ...(link ? [link.url] : []), ...after, `— ${issuerName}`].join('\n\n') + '\n';
  const paragraph = (p: string) => `<p style="margin:0 0 16px">${escapeHtml(p)}</p>`;
  const codeBlock = code ? `<p style="margin:0 0 16px;font:bold 28px/1.2 monospace;letter-spacing:4px">${escapeHtml(code)}</p>` : '';
  // The address is shown as text too: some mail clients hide or rewrite links.
  const linkBlock = link
    ? `<p style="margin:0 0 16px"><a href="${escapeHtml(link.url)}" style="font-weight:bold">${escapeHtml(link.label)}</a></p>\n` +
      `<p style="margin:0 0 16px;word-break:break-all;color:#555">${escapeHtml(link.url)}</p>`
    : '';
  const html = [
    '<!DOCTYPE html>',
    `<html><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font:16px/1.5 sans-serif;color:#1a1a1a">',
    ...before.map(paragraph),
    codeBlock,
    linkBlock,
    ...after.map(paragraph),
    `<p style="margin:0;color:#555">— ${escapeHtml(issuerName)}</p>`,
    '</body></html>',
  ]
    .filter(Boolean)
    .join('\n');
  return { subject, text, html };
}

/** ` named "…"` when the key has a name. */
const named = (keyName: string | undefined) => (keyName ? ` named "${keyName}"` : '');

function assertUnreachable(value: never): never {
  throw new Error(`Unhandled security event: ${String(value)}`);
}
