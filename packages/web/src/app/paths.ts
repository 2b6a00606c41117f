/** Every address of the panel, so links and redirects cannot drift apart. */
export const PATHS = {
  home: '/',
  signIn: '/signin',
  register: '/register',
  twoFactorSettings: '/settings/2fa',
} as const;
