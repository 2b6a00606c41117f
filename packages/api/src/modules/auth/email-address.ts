import { fail } from '../../errors/app-error';

const MAX_EMAIL_LENGTH = 254;
// One @, a non-empty local part, a dotted domain of letters, digits and hyphens; no spaces.
const EMAIL_PATTERN = /^[^\s@]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;
/**
 * Unicode's "other" characters: controls (NUL included: PostgreSQL cannot store it), format
 * characters (zero-width spaces and joiners, bidi overrides such as U+202E that make an address
 * read as another), lone surrogates, private-use and unassigned code points. None belongs in an
 * address a person reads and types.
 */
const INVISIBLE_OR_CONTROL = /\p{C}/u;

/** Trims and lower-cases an address, or throws BAD_USER_INPUT naming `field`. */
export function normalizeEmail(raw: string, field = 'email'): string {
  const email = raw.trim().toLowerCase();
  if (email.length > MAX_EMAIL_LENGTH || !couldBelongToAnAccount(email) || !EMAIL_PATTERN.test(email)) {
    throw fail('EMAIL_INVALID', { field });
  }
  return email;
}

/** False for an address no account can have: one with control or invisible characters. */
export const couldBelongToAnAccount = (email: string): boolean => !INVISIBLE_OR_CONTROL.test(email);
