import { getExampleNumber, isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js/min';
import examples from 'libphonenumber-js/mobile/examples';

/**
 * Phone numbers read and written as people of each country do, from libphonenumber's metadata
 * (about 20 kB gzipped: the SMS set-up loads this module on its own, see usePhoneNumbers).
 */

export interface PhoneExample {
  /** As written inside the country: "07400 123456". */
  national: string;
  /** As written from abroad: "+44 7400 123456". */
  international: string;
}

/** A mobile number of the country, to show how to write one; null for a region without an example. */
export function exampleNumber(country: string): PhoneExample | null {
  if (!isSupportedCountry(country)) return null;
  const example = getExampleNumber(country, examples);
  return example ? { national: example.formatNational(), international: example.formatInternational() } : null;
}

/**
 * The number just typed, in full and in international form ("+44 7911 123456") when it reads as
 * a number (of the chosen country, unless it starts with its own +code); as typed otherwise.
 */
export function typedNumberInFull(typed: string, country: string): string {
  const parsed = parsePhoneNumberFromString(typed, isSupportedCountry(country) ? country : undefined);
  return parsed?.isPossible() ? parsed.formatInternational() : typed.trim();
}
