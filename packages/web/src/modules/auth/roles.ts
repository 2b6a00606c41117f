import type { Role } from '../../generated/graphql';

/** Who may help others (SUPPORT and ADMIN): they see "Support: reset 2FA". The API checks again. */
export const STAFF_ROLES: readonly Role[] = ['SUPPORT', 'ADMIN'];

export function isStaff(role: Role): boolean {
  return STAFF_ROLES.includes(role);
}

/** Who configures the deployment (ADMIN): they see "Webhooks" and "Administration". The API checks again. */
export function isAdmin(role: Role): boolean {
  return role === 'ADMIN';
}
