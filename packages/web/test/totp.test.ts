/** @jest-environment node */
import { base32Decode, totpCode, totpStep, wrongTotpCode } from '../e2e/support/totp';

/** The browser tests compute codes with e2e/support/totp.ts: it must match RFC 6238 (SHA-1 vectors). */
describe('the browser tests’ TOTP', () => {
  const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'; // base32 of "12345678901234567890"

  it('decodes base32', () => {
    expect(base32Decode(RFC_SECRET).toString('ascii')).toBe('12345678901234567890');
  });

  it.each([
    [59, '287082'],
    [1111111109, '081804'],
    [1234567890, '005924'],
    [2000000000, '279037'],
  ])('gives the RFC 6238 code at T=%s (last six digits)', (unixSeconds, code) => {
    expect(totpCode(RFC_SECRET, totpStep(unixSeconds * 1000))).toBe(code);
  });

  it('finds a code that is wrong around now', () => {
    const wrong = wrongTotpCode(RFC_SECRET);
    const step = totpStep();
    for (const delta of [-1, 0, 1]) expect(totpCode(RFC_SECRET, step + delta)).not.toBe(wrong);
  });
});
