/**
 * The shapes of the codes a user types: six-digit codes (authenticator app, e-mail, SMS) and
 * recovery codes (`xxxx-xxxx-xxxx`, Crockford base32, lower case). Checked here only to answer
 * before a round trip (a malformed code would still cost one of the user's limited tries);
 * the API decides.
 */
export const OTP_LENGTH = 6;
const RECOVERY_GROUP = 4;
const RECOVERY_LENGTH = 12;
const RECOVERY_ALPHABET = /^[0-9abcdefghjkmnpqrstvwxyz]+$/;

export type CodeKind = 'otp' | 'recovery' | 'otpOrRecovery';

export const CODE_PROBLEMS: Record<CodeKind, string> = {
  otp: 'Enter the 6-digit code.',
  recovery: 'Enter a recovery code: 12 letters and digits, like 7k2m-q9xa-3hfd.',
  otpOrRecovery: 'Enter the 6-digit code, or a recovery code.',
};

/** What is kept of typed or pasted text: digits only for six-digit codes, so "123 456" works. */
export function cleanTypedCode(kind: CodeKind, raw: string): string {
  if (kind === 'otp') return raw.replace(/\D/g, '').slice(0, OTP_LENGTH);
  return raw.replace(/^\s+/, '');
}

/** The code to send, or null when it cannot be one. */
export function codeToSend(kind: CodeKind, typed: string): string | null {
  const digits = typed.replace(/[\s-]/g, '');
  if (kind !== 'recovery' && /^\d{6}$/.test(digits)) return digits;
  if (kind === 'otp') return null;
  return normalizeRecoveryCode(typed);
}

/**
 * Crockford's reading of a recovery code: any case, spaces and dashes ignored, and the letters
 * people confuse with digits (i, l → 1; o → 0) read as those digits.
 */
export function normalizeRecoveryCode(typed: string): string | null {
  const compact = typed.toLowerCase().replace(/[\s-]/g, '').replace(/[il]/g, '1').replace(/o/g, '0');
  if (compact.length !== RECOVERY_LENGTH || !RECOVERY_ALPHABET.test(compact)) return null;
  return compact.match(new RegExp(`.{${RECOVERY_GROUP}}`, 'g'))!.join('-');
}
