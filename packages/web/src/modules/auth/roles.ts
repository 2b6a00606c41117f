import type { Role } from '../../generated/graphql';

/** Who may help others (SPEC §3): they see "Support: reset 2FA". The API checks again. */
export const STAFF_ROLES: readonly Role[] = ['SUPPORT', 'ADMIN'];

export function isStaff(role: Role): boolean {
  return STAFF_ROLES.includes(role);
}
