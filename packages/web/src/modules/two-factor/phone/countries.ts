import { CALLING_CODES } from './callingCodes';

export interface Country {
  /** ISO 3166 region, as the API's `phoneCountry` takes it. */
  code: string;
  name: string;
  callingCode: string;
}

const FALLBACK_COUNTRY = 'GB';

/** Every country with its calling code, by name, in the panel's language. */
export function countryList(locale = 'en'): Country[] {
  const names = new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' });
  return Object.entries(CALLING_CODES)
    .map(([code, callingCode]) => ({ code, callingCode, name: names.of(code) ?? code }))
    .sort((a, b) => a.name.localeCompare(b.name, locale));
}

/** The country of the browser's language (en-GB → GB), as a first guess the user can change. */
export function guessCountry(languages: readonly string[]): string {
  for (const language of languages) {
    let region: string | undefined;
    try {
      region = new Intl.Locale(language).maximize().region;
    } catch {
      continue;
    }
    if (region && region in CALLING_CODES) return region;
  }
  return FALLBACK_COUNTRY;
}
