import { registerEnumType } from 'type-graphql';

export enum Role {
  CUSTOMER = 'CUSTOMER',
  SUPPORT = 'SUPPORT',
  ADMIN = 'ADMIN',
}

registerEnumType(Role, {
  name: 'Role',
  description:
    'What a user may do: customers manage their own account; support and admins also help others. Ordered CUSTOMER < SUPPORT < ADMIN: staff act only on accounts of a lower role.',
  valuesConfig: {
    CUSTOMER: { description: 'A customer of the hosting panel.' },
    SUPPORT: { description: 'Support staff: may reset the 2FA of customers.' },
    ADMIN: { description: 'Administrator: support rights over customers and support staff.' },
  },
});

export const ROLES = Object.values(Role);

/** Roles from the least to the most trusted: staff act only on accounts below their own. */
const ROLE_ORDER: readonly Role[] = [Role.CUSTOMER, Role.SUPPORT, Role.ADMIN];

/** Whether `role` is strictly below `than`. */
export const isRoleBelow = (role: Role, than: Role): boolean => ROLE_ORDER.indexOf(role) < ROLE_ORDER.indexOf(than);

/** The roles strictly below `role`. */
export const rolesBelow = (role: Role): Role[] => ROLE_ORDER.filter((candidate) => isRoleBelow(candidate, role));
