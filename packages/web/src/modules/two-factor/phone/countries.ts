import { CALLING_CODES } from './callingCodes';

export interface Country {
  /** ISO 3166 region, as the API's `phoneCountry` takes it. */
  code: string;
  name: string;
  callingCode: string;
}

const FALLBACK_COUNTRY = 'GB';

/**
 * Every country with its calling code, by name, in the panel's language; only `offered` ones when
 * the server limits where SMS codes go (twoFactorSettings.smsCountries).
 */
export function countryList(locale = 'en', offered: readonly string[] | null = null): Country[] {
  const names = new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' });
  return Object.entries(CALLING_CODES)
    .filter(([code]) => offered === null || offered.includes(code))
    .map(([code, callingCode]) => ({ code, callingCode, name: names.of(code) ?? code }))
    .sort((a, b) => a.name.localeCompare(b.name, locale));
}

/**
 * The country of the browser's language (en-GB → GB) when SMS codes may go there, as a first guess
 * the user can change; else the first the server offers (its SMS_COUNTRIES, in the operator's
 * order), or the United Kingdom when it offers any.
 */
export function guessCountry(languages: readonly string[], offered: readonly string[] | null = null): string {
  const isOffered = (region: string) => region in CALLING_CODES && (offered === null || offered.includes(region));
  for (const language of languages) {
    let region: string | undefined;
    try {
      region = new Intl.Locale(language).maximize().region;
    } catch {
      continue;
    }
    if (region && isOffered(region)) return region;
  }
  return offered?.find(isOffered) ?? offered?.[0] ?? FALLBACK_COUNTRY;
}
