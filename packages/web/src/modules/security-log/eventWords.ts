import type { SecurityEventFieldsFragment, TwoFactorMethod } from '../../generated/graphql';

export type SecurityEvent = SecurityEventFieldsFragment;

/** How many entries a security log shows (the API gives at most 200). */
export const SECURITY_LOG_LENGTH = 100;

/** The method in plain words, as the log names it ("2FA turned on (authenticator app)"). */
export const METHOD_WORDS: Record<TwoFactorMethod, string> = {
  TOTP: 'authenticator app',
  EMAIL: 'codes by e-mail',
  SMS: 'codes by SMS',
};

/** What an entry of the security log says happened, and the reason support gave for a reset. */
export function describeEvent(event: SecurityEvent): { what: string; reason: string | null } {
  const how = event.method ? ` (${METHOD_WORDS[event.method]})` : '';
  const which = event.detail ? ` (${event.detail})` : '';
  // Repeats within one episode (refusals in one lockout or IP window, staff reads in one hour) are one entry that counts them.
  const times = event.count > 1 ? ` (${event.count} times)` : '';
  switch (event.type) {
    case 'TWO_FACTOR_ENABLED':
      return { what: `2FA turned on${how}`, reason: null };
    case 'TWO_FACTOR_SWITCHED':
      return { what: `2FA method changed${event.method ? ` to ${METHOD_WORDS[event.method]}` : ''}`, reason: null };
    case 'TWO_FACTOR_DISABLED':
      return { what: `2FA turned off${how}`, reason: null };
    case 'TWO_FACTOR_RESET':
      return { what: '2FA reset by support', reason: event.detail ?? null };
    case 'CHALLENGE_PASSED':
      return { what: `Signed in with a 2FA code${how}`, reason: null };
    case 'CHALLENGE_FAILED':
      return { what: 'Wrong code at sign-in', reason: null };
    case 'CHECK_REFUSED_LOCKED':
      return { what: `Code refused at sign-in while 2FA checks were locked${times}`, reason: null };
    case 'CHECK_REFUSED_IP_LIMIT':
      return { what: `Code refused at sign-in: too many wrong codes came from that network${times}`, reason: null };
    case 'RECOVERY_CODE_USED':
      return { what: 'Recovery code used to sign in', reason: null };
    case 'RECOVERY_CODES_REGENERATED':
      return { what: 'New recovery codes made; the old ones stopped working', reason: null };
    case 'LOCKOUT_STARTED':
      return { what: '2FA checks locked after too many wrong codes', reason: null };
    // "Remember this browser": `detail` names the browser ("Firefox on Windows"), or, when all
    // were forgotten at once, how many.
    case 'BROWSER_REMEMBERED':
      return { what: `Browser remembered at sign-in${which}`, reason: null };
    case 'REMEMBERED_BROWSER_SIGN_IN':
      return { what: `Signed in without a 2FA code from a remembered browser${which}`, reason: null };
    case 'BROWSER_FORGOTTEN':
      return { what: `Stopped remembering ${event.detail ?? 'a browser'}`, reason: null };
    case 'REMEMBERED_BROWSER_COPIED':
      // Someone signed in with a cookie the real browser had already replaced: a copy of it.
      return { what: `An old copy of a remembered browser was used${which}, so it is no longer remembered`, reason: null };
    // Staff reads are recorded too: a search in the staff member's own log, a read in the account's.
    case 'SUPPORT_SEARCHED':
      return { what: event.detail ? `Searched accounts for “${event.detail}”` : 'Searched accounts', reason: null };
    case 'SUPPORT_READ_LOG':
      return { what: `Support read this security log${times}`, reason: null };
  }
}
