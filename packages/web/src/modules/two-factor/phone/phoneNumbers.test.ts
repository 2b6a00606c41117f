/** @jest-environment node */
import { exampleNumber, typedNumberInFull } from './phoneNumbers';

describe('phone numbers as each country writes them', () => {
  it.each([
    ['GB', '07400 123456', '+44 7400 123456'],
    ['US', '(201) 555-0123', '+1 201 555 0123'],
    ['DE', '01512 3456789', '+49 1512 3456789'],
  ])('gives a mobile number of %s as an example: %s, %s', (country, national, international) => {
    expect(exampleNumber(country)).toEqual({ national, international });
  });

  it('has no example for a region it does not know', () => {
    expect(exampleNumber('XX')).toBeNull();
  });

  it('shows the number just typed in full, in international form', () => {
    expect(typedNumberInFull('07911 123456', 'GB')).toBe('+44 7911 123456');
    // A number with its own country code keeps it, whatever country was chosen.
    expect(typedNumberInFull(' +33 6 12 34 56 78 ', 'GB')).toBe('+33 6 12 34 56 78');
    expect(typedNumberInFull(' 12 ', 'GB')).toBe('12');
  });
});
