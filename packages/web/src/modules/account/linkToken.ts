import { PATHS } from '../../app/paths';

/**
 * The token of a link from an e-mail: it travels in the fragment (`#token=…`), which browsers
 * never send to a server nor put in a Referer. Null when there is none.
 */
export function tokenFromHash(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token')?.trim();
  return token ? token : null;
}

/** Where to ask for a new link of each kind. */
export const NEW_LINK_PATHS = {
  reset: PATHS.forgotPassword,
  verify: PATHS.account,
} as const;
