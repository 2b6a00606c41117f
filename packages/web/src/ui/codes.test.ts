/** @jest-environment node */
import { cleanTypedCode, codeToSend, normalizeRecoveryCode } from './codes';

describe('codes as typed and pasted', () => {
  it.each([
    ['123456', '123456'],
    ['123 456', '123456'],
    ['123-456', '123456'],
    [' 12 34 56 ', '123456'],
    ['1234567', '123456'],
    ['12a', '12'],
  ])('keeps the digits of a six-digit code: %j → %j', (typed, kept) => {
    expect(cleanTypedCode('otp', typed)).toBe(kept);
  });

  it('leaves recovery codes as typed, but for leading spaces', () => {
    expect(cleanTypedCode('recovery', '  AB12-cd34')).toBe('AB12-cd34');
  });

  it.each([
    ['otp', '123456', '123456'],
    ['otp', '12345', null],
    ['otp', 'ab12-cd34-ef56', null],
    ['recovery', 'ab12-cd34-ef56', 'ab12-cd34-ef56'],
    ['recovery', '123456', null],
    ['otpOrRecovery', '123 456', '123456'],
    ['otpOrRecovery', 'AB12 CD34 EF56', 'ab12-cd34-ef56'],
    ['otpOrRecovery', 'hello', null],
  ] as const)('sends a %s code typed as %j as %j', (kind, typed, sent) => {
    expect(codeToSend(kind, typed)).toBe(sent);
  });

  it("reads recovery codes as Crockford's base32: any case, no dashes, i and l as 1, o as 0", () => {
    expect(normalizeRecoveryCode('AB12CD34EF56')).toBe('ab12-cd34-ef56');
    expect(normalizeRecoveryCode('abio-lcd3-4ef5')).toBe('ab10-1cd3-4ef5');
    expect(normalizeRecoveryCode('ab12-cd34-ef5')).toBeNull();
    // u is not in the alphabet, so a code with it cannot be one.
    expect(normalizeRecoveryCode('ab12-cd34-ef5u')).toBeNull();
  });
});
