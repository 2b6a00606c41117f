import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/**
 * Destinations as the panel, the API and the logs show them: enough for the owner to recognise,
 * too little for anyone else to use.
 */

const HIDDEN = '***';
// Fewer digits than this after the country code and the mask would show most of the number.
const MIN_NATIONAL_DIGITS = 4;
const VISIBLE_LAST_DIGITS = 2;

/** `john.doe@example.com` → `j***@example.com` */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return HIDDEN;
  return `${email[0]}${HIDDEN}${email.slice(at)}`;
}

/** `+4915112345678` → `+49 *** *** 78`: the country code and the last two digits. */
export function maskPhone(e164: string): string {
  const digits = e164.replace(/\D/g, '');
  const countryCode = parsePhoneNumberFromString(e164)?.countryCallingCode;
  if (!countryCode || digits.length - countryCode.length < MIN_NATIONAL_DIGITS) {
    return digits.length > MIN_NATIONAL_DIGITS ? `${HIDDEN} ${digits.slice(-VISIBLE_LAST_DIGITS)}` : HIDDEN;
  }
  return `+${countryCode} ${HIDDEN} ${HIDDEN} ${digits.slice(-VISIBLE_LAST_DIGITS)}`;
}
