import { maskEmail, maskPhone } from '../../src/delivery/mask';

describe('maskEmail', () => {
  it.each([
    ['john.doe@example.com', 'j***@example.com'],
    ['a@b.example', 'a***@b.example'],
    ['"odd@local"@example.com', '"***@example.com'],
    ['no-at-sign', '***'],
    ['@example.com', '***'],
  ])('%s → %s', (email, masked) => {
    expect(maskEmail(email)).toBe(masked);
  });
});

describe('maskPhone', () => {
  it.each([
    ['+4915112345678', '+49 *** *** 78'],
    ['+14155550123', '+1 *** *** 23'],
    ['+353861234567', '+353 *** *** 67'],
    ['+33612345678', '+33 *** *** 78'],
  ])('keeps the country code and the last two digits: %s → %s', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });

  it('hides almost everything of what is not a phone number', () => {
    expect(maskPhone('12345678')).toBe('*** 78');
    expect(maskPhone('123')).toBe('***');
    expect(maskPhone('')).toBe('***');
  });
});
