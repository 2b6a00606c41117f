import { registerEnumType } from 'type-graphql';

export enum Role {
  CUSTOMER = 'CUSTOMER',
  SUPPORT = 'SUPPORT',
  ADMIN = 'ADMIN',
}

registerEnumType(Role, {
  name: 'Role',
  description: 'What a user may do: customers manage their own account; support and admins also help others.',
  valuesConfig: {
    CUSTOMER: { description: 'A customer of the hosting panel.' },
    SUPPORT: { description: 'Support staff: may reset the 2FA of customers.' },
    ADMIN: { description: 'Administrator: support rights plus server-wide settings.' },
  },
});

export const ROLES = Object.values(Role);
