import { AUTH_MESSAGES, invalidInput } from '../../shared/errors';

const MAX_EMAIL_LENGTH = 254;
// One @, a non-empty local part, a dotted domain of letters, digits and hyphens; no spaces.
const EMAIL_PATTERN = /^[^\s@]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

/** Trims and lower-cases an address, or throws BAD_USER_INPUT naming `field`. */
export function normalizeEmail(raw: string, field = 'email'): string {
  const email = raw.trim().toLowerCase();
  if (email.length > MAX_EMAIL_LENGTH || !EMAIL_PATTERN.test(email)) {
    throw invalidInput(field, AUTH_MESSAGES.EMAIL_INVALID);
  }
  return email;
}
