/** The sentences of security keys that are not errors (those are in the error catalogue). */
export const WEBAUTHN_MESSAGES = {
  VERIFIED: 'Security key successfully registered. 2FA method will be set to security key',
} as const;
