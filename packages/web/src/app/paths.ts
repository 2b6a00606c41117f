import type { TwoFactorMethod } from '../generated/graphql';

/** Every address of the panel, so links and redirects cannot drift apart. */
export const PATHS = {
  home: '/',
  signIn: '/signin',
  register: '/register',
  forgotPassword: '/forgot-password',
  /** Opened from the e-mailed link: the token is in the fragment (`#token=…`). */
  resetPassword: '/reset-password',
  /** Opened from the e-mailed link: the token is in the fragment (`#token=…`). */
  verifyEmail: '/verify-email',
  account: '/settings/account',
  twoFactorSettings: '/settings/2fa',
  enableTotp: '/settings/2fa/totp',
  enableEmail: '/settings/2fa/email',
  enableSms: '/settings/2fa/sms',
  enableSecurityKey: '/settings/2fa/security-key',
  securityLog: '/settings/security-log',
  supportReset: '/support/2fa-reset',
  webhooks: '/webhooks',
  administration: '/admin',
  supportRecovery: '/support/recovery-requests',
  /** Opened from the link e-mailed when a recovery is asked for or approved: the token is in the fragment. */
  cancelRecovery: '/cancel-recovery',
} as const;

/** Where the Enable button of each method leads: that method's set-up wizard. */
export const ENABLE_PATHS: Record<TwoFactorMethod, string> = {
  TOTP: PATHS.enableTotp,
  WEBAUTHN: PATHS.enableSecurityKey,
  EMAIL: PATHS.enableEmail,
  SMS: PATHS.enableSms,
};
