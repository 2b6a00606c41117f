/** @jest-environment node */
import { countryList, guessCountry } from './countries';

describe('the SMS country list', () => {
  it('names every country in English with its calling code, by name', () => {
    const countries = countryList();
    expect(countries.find((country) => country.code === 'GB')).toEqual({ code: 'GB', name: 'United Kingdom', callingCode: '44' });
    expect(countries.find((country) => country.code === 'DE')?.callingCode).toBe('49');
    const names = countries.map((country) => country.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')));
  });

  it('lists only the countries the server sends SMS codes to, and guesses among them', () => {
    expect(countryList('en', ['GB', 'DE']).map((country) => country.code)).toEqual(['DE', 'GB']);
    expect(guessCountry(['de-DE'], ['GB', 'DE'])).toBe('DE');
    // Else the first the server offers, in its order, whatever the browser's country.
    expect(guessCountry(['nl'], ['GB', 'DE'])).toBe('GB');
    expect(guessCountry(['en-US'], ['DE', 'GB'])).toBe('DE');
    expect(guessCountry(['nl'], ['XX', 'AT'])).toBe('AT');
  });

  it.each([
    [['en-GB'], 'GB'],
    [['de-DE', 'en'], 'DE'],
    [['nl'], 'NL'],
    [['x-klingon', 'en-US'], 'US'],
    [[], 'GB'],
  ])('guesses the country from the browser languages %j: %s', (languages, country) => {
    expect(guessCountry(languages)).toBe(country);
  });
});
