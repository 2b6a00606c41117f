/**
 * The API's rules for e-mail and password, checked here only to answer before a round
 * trip; the API decides. Their words live here too, so the client check and the API's
 * BAD_USER_INPUT say the same thing.
 */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 256;

export const PASSWORD_HINT = `Use ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters.`;
export const PASSWORD_LENGTH_PROBLEM = `The password must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters long.`;
export const EMAIL_FORMAT_PROBLEM = 'Enter a valid e-mail address.';

// Deliberately loose: it only catches obvious typos; the API validates addresses properly.
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isPasswordLengthValid(password: string): boolean {
  return password.length >= PASSWORD_MIN_LENGTH && password.length <= PASSWORD_MAX_LENGTH;
}

export function looksLikeEmail(email: string): boolean {
  return EMAIL_SHAPE.test(email);
}
