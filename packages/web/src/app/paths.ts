import type { TwoFactorMethod } from '../generated/graphql';

/** Every address of the panel, so links and redirects cannot drift apart. */
export const PATHS = {
  home: '/',
  signIn: '/signin',
  register: '/register',
  twoFactorSettings: '/settings/2fa',
  enableTotp: '/settings/2fa/totp',
  enableEmail: '/settings/2fa/email',
  enableSms: '/settings/2fa/sms',
  securityLog: '/settings/security-log',
  supportReset: '/support/2fa-reset',
} as const;

/** Where the Enable button of each method leads: that method's set-up wizard. */
export const ENABLE_PATHS: Record<TwoFactorMethod, string> = {
  TOTP: PATHS.enableTotp,
  EMAIL: PATHS.enableEmail,
  SMS: PATHS.enableSms,
};
