import { registerEnumType } from 'type-graphql';

export enum TwoFactorMethod {
  TOTP = 'TOTP',
  EMAIL = 'EMAIL',
  SMS = 'SMS',
}

registerEnumType(TwoFactorMethod, {
  name: 'TwoFactorMethod',
  description: 'A second-factor method. At most one is active for a user.',
  valuesConfig: {
    TOTP: { description: 'Time-based one-time passwords from an authenticator app (RFC 6238).' },
    EMAIL: { description: 'A six-digit code sent by e-mail.' },
    SMS: { description: 'A six-digit code sent by SMS.' },
  },
});
