import type { SecurityEventFieldsFragment, SecurityLogPageFieldsFragment } from './graphql/securityLog.generated';
import type { TwoFactorMethod } from '../../generated/graphql';

export type SecurityEvent = SecurityEventFieldsFragment;
export type SecurityLogPage = SecurityLogPageFieldsFragment;

/** How many entries a page of a security log shows; "Show older entries" asks for the next one. */
export const SECURITY_LOG_PAGE = 50;

/** The method in plain words, as the log names it ("2FA turned on (authenticator app)"). */
export const METHOD_WORDS: Record<TwoFactorMethod, string> = {
  TOTP: 'authenticator app',
  WEBAUTHN: 'security key',
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
    case 'TWO_FACTOR_CREDENTIAL_ADDED':
      return { what: `Security key added${which}`, reason: null };
    case 'TWO_FACTOR_CREDENTIAL_REMOVED':
      return { what: `Security key removed${which}`, reason: null };
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
    // The account's own settings: `detail` holds masked addresses, or the device a session was on.
    case 'EMAIL_VERIFIED':
      return { what: 'E-mail address verified', reason: null };
    case 'EMAIL_CHANGE_REQUESTED':
      return { what: `New e-mail address asked for${which}; it takes over once its link is opened`, reason: null };
    case 'EMAIL_CHANGED':
      return { what: `E-mail address changed${which}`, reason: null };
    case 'PASSWORD_RESET_REQUESTED':
      return { what: 'Password reset link sent', reason: null };
    case 'PASSWORD_RESET':
      return { what: 'Password reset with an e-mailed link; every session was signed out', reason: null };
    case 'PASSWORD_CHANGED':
      return { what: 'Password changed; the other sessions were signed out', reason: null };
    case 'SESSION_REVOKED':
      return { what: `Signed out a session${which}`, reason: null };
    case 'OTHER_SESSIONS_REVOKED':
      return { what: `Signed out everywhere else (${event.count} ${event.count === 1 ? 'session' : 'sessions'})`, reason: null };
    case 'NEW_DEVICE_SIGN_IN':
      return { what: `Signed in from a new device${which}`, reason: null };
    // In an admin's own log: `detail` holds the webhook's address, without its query.
    case 'WEBHOOK_CREATED':
      return { what: `Webhook created${which}`, reason: null };
    case 'WEBHOOK_DELETED':
      return { what: `Webhook deleted${which}`, reason: null };
    // API tokens: `detail` holds the token's name (and its scopes when made), or why all ended at once.
    case 'API_TOKEN_CREATED':
      return { what: `API token created: ${event.detail ?? 'unnamed'}`, reason: null };
    case 'API_TOKEN_REVOKED':
      return { what: `API token revoked${event.detail ? `: ${event.detail}` : ''}`, reason: null };
    case 'API_TOKENS_ENDED':
      return {
        what: `${event.count === 1 ? 'API token' : `${event.count} API tokens`} stopped working${event.detail ? `: ${event.detail}` : ''}`,
        reason: null,
      };
    // Account recovery: asked for after the password step, decided by support (`detail` holds
    // their reason), cancelled (`detail` says how) or completed after its wait.
    case 'ACCOUNT_RECOVERY_REQUESTED':
      return { what: 'Account recovery asked for: support was asked to remove 2FA', reason: null };
    case 'ACCOUNT_RECOVERY_APPROVED':
      return {
        what: 'Account recovery approved by support; 2FA is removed after the waiting period unless cancelled',
        reason: event.detail ?? null,
      };
    case 'ACCOUNT_RECOVERY_DENIED':
      return { what: 'Account recovery denied by support', reason: event.detail ?? null };
    case 'ACCOUNT_RECOVERY_CANCELLED':
      return { what: `Account recovery cancelled${event.detail ? ` ${event.detail}` : ''}`, reason: null };
    case 'ACCOUNT_RECOVERY_COMPLETED':
      return { what: 'Account recovery completed: 2FA removed, every session signed out', reason: event.detail ?? null };
    case 'SUPPORT_READ_RECOVERY_QUEUE':
      return { what: `Read the queue of account recovery requests${times}`, reason: null };
    // Administration: `detail` holds the roles (and the account, in the admin's own log) or what a save of the policy changed.
    case 'ROLE_CHANGED':
      return { what: `Role changed${event.detail ? `: ${event.detail}` : ''}`, reason: null };
    case 'ROLE_CHANGE_MADE':
      return { what: `Changed the role of an account${event.detail ? `: ${event.detail}` : ''}`, reason: null };
    case 'POLICY_UPDATED':
      return { what: `Saved the 2FA policy${event.detail ? `: ${event.detail}` : ''}`, reason: null };
  }
}
