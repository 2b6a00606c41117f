import type { Role, TwoFactorMethod, TwoFactorRequirement } from '../../generated/graphql';

export const ADMIN_ONLY_WORDS = 'This page is for administrators. Your account cannot change the 2FA policy or roles.';

/** Who must use 2FA, in the order the form lists them. */
export const REQUIREMENT_WORDS: Record<TwoFactorRequirement, string> = {
  NONE: 'Nobody: 2FA is offered, not required',
  STAFF: 'Staff: support and administrators',
  ALL: 'Everyone',
};
export const REQUIREMENTS = Object.keys(REQUIREMENT_WORDS) as TwoFactorRequirement[];

/** The methods in the order the form lists them (strongest first, as the API orders them). */
export const POLICY_METHODS: readonly TwoFactorMethod[] = ['TOTP', 'WEBAUTHN', 'EMAIL', 'SMS'];

export const NOT_SET_UP_HINT = 'This server is not set up to deliver it: its operator must configure it first.';

export const ROLE_WORDS: Record<Role, string> = { CUSTOMER: 'Customer', SUPPORT: 'Support', ADMIN: 'Administrator' };
export const ROLES: readonly Role[] = ['CUSTOMER', 'SUPPORT', 'ADMIN'];

export const DAYS_PROBLEM = 'Enter a number of days from 0 to 365.';
export const CONFLICT_WORDS =
  'Someone else saved the policy while you were editing it. Your change was not saved: reload the policy to see theirs, then make your change again.';

/** "GB, de ,US" → ["GB", "DE", "US"]: what the server checks as ISO 3166 codes. */
export function countriesOf(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((code) => code.trim().toUpperCase())
    .filter(Boolean);
}

/** "7" → 7; anything but a whole number → null (the form says so before sending). */
export function daysOf(text: string): number | null {
  return /^\s*\d{1,4}\s*$/.test(text) ? Number(text.trim()) : null;
}
