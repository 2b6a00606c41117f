import {
  base32Encode,
  checkTotp,
  generateTotpSecret,
  otpauthUri,
  totpAt,
  totpStepAt,
} from '../../src/modules/two-factor/methods/totp/totp';
import { NodeCryptoPlugin } from '@otplib/plugin-crypto-node';
import { ScureBase32Plugin, generateSync } from 'otplib';
import QRCode from 'qrcode';
import { qrCodePngDataUrl } from '../../src/modules/two-factor/methods/totp/qr-png';
import { base32Decode, referenceTotp } from '../support/reference-totp';
import { decodeQrPng } from '../support/png';

// RFC 6238 Appendix B, the SHA-1 rows: seed "12345678901234567890", 8 digits.
const RFC_SECRET = base32Encode(Buffer.from('12345678901234567890', 'ascii'));
const RFC_VECTORS: Array<[number, string]> = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];
const at = (seconds: number) => new Date(seconds * 1000);

describe('ASVS V2.8.1, V2.8.4 (5.0 V6.5.5), 800-63B 5.1.4.2: TOTP', () => {
  it.each(RFC_VECTORS)('matches RFC 6238 at T=%i (our reference HOTP and the 6-digit check agree)', async (seconds, expected) => {
    expect(referenceTotp(RFC_SECRET, seconds, 8)).toBe(expected);
    // Six digits are the same number modulo 10^6.
    const sixDigits = expected.slice(-6);
    expect(await totpAt(RFC_SECRET, at(seconds))).toBe(sixDigits);
    expect(await checkTotp(RFC_SECRET, sixDigits, at(seconds))).toEqual({ valid: true, step: Math.floor(seconds / 30) });
  });

  it("gives otplib's own TOTP code for any secret and time (its generateSync, every option checked)", async () => {
    const plugins = { crypto: new NodeCryptoPlugin(), base32: new ScureBase32Plugin() };
    for (let i = 0; i < 200; i++) {
      const secret = generateTotpSecret();
      const seconds = Math.floor(Math.random() * 4_000_000_000);
      expect({ secret, seconds, code: await totpAt(secret, at(seconds)) }).toEqual({
        secret,
        seconds,
        code: generateSync({ secret, epoch: seconds, ...plugins }),
      });
    }
  });

  it('makes 20-byte secrets in base32 without padding, different every time', () => {
    const secrets = new Set(Array.from({ length: 50 }, generateTotpSecret));
    expect(secrets.size).toBe(50);
    for (const secret of secrets) {
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      expect(base32Decode(secret)).toHaveLength(20);
    }
  });

  describe('the window', () => {
    const secret = generateTotpSecret();
    const now = at(1_800_000_015); // 15 s into a step
    const codeAt = (offsetSeconds: number) => referenceTotp(secret, 1_800_000_015 + offsetSeconds);

    it('accepts the current step and one either side', async () => {
      for (const offset of [-30, 0, 30]) {
        const result = await checkTotp(secret, codeAt(offset), now);
        expect(result).toEqual({ valid: true, step: totpStepAt(now) + offset / 30 });
      }
    });

    it('refuses two steps away', async () => {
      expect(await checkTotp(secret, codeAt(-60), now)).toEqual({ valid: false });
      expect(await checkTotp(secret, codeAt(60), now)).toEqual({ valid: false });
    });

    it('refuses a step at or before the last accepted one (replay), and says it was used', async () => {
      const step = totpStepAt(now);
      expect(await checkTotp(secret, codeAt(0), now, { lastAcceptedStep: step })).toEqual({ valid: false, alreadyUsed: true });
      expect(await checkTotp(secret, codeAt(-30), now, { lastAcceptedStep: step - 1 })).toEqual({ valid: false, alreadyUsed: true });
      // A wrong code is not called used.
      expect(await checkTotp(secret, '000000' === codeAt(0) ? '111111' : '000000', now, { lastAcceptedStep: step })).toEqual({
        valid: false,
      });
      expect(await checkTotp(secret, codeAt(30), now, { lastAcceptedStep: step })).toEqual({ valid: true, step: step + 1 });
    });

    it('refuses every code of the window as used when the last accepted step is ahead of it (a clock set back)', async () => {
      const ahead = totpStepAt(now) + 5;
      for (const offset of [-30, 0, 30]) {
        expect(await checkTotp(secret, codeAt(offset), now, { lastAcceptedStep: ahead })).toEqual({ valid: false, alreadyUsed: true });
      }
    });

    it('recognises codes up to 10 minutes off only when asked for the clock hint, and still refuses them', async () => {
      expect(await checkTotp(secret, codeAt(-5 * 60), now)).toEqual({ valid: false });
      expect(await checkTotp(secret, codeAt(-5 * 60), now, { clockHint: true })).toEqual({ valid: false, clockOffsetSteps: -10 });
      expect(await checkTotp(secret, codeAt(10 * 60), now, { clockHint: true })).toEqual({ valid: false, clockOffsetSteps: 20 });
      expect(await checkTotp(secret, codeAt(11 * 60), now, { clockHint: true })).toEqual({ valid: false });
    });

    it('refuses anything but six digits', async () => {
      for (const bad of ['', '12345', '1234567', 'abcdef', ` ${codeAt(0)}x`]) {
        expect((await checkTotp(secret, bad, now)).valid).toBe(false);
      }
    });
  });

  it('builds the otpauth URI (issuer, account, secret)', () => {
    const uri = otpauthUri('HostKey', 'ann@example.com', 'JBSWY3DPEHPK3PXP');
    expect(uri).toBe('otpauth://totp/HostKey:ann%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=HostKey&algorithm=SHA1&digits=6&period=30');
  });

  it('draws the URI as a PNG QR code: every module of the matrix, square, with a light border', () => {
    const uri = otpauthUri('HostKey', 'ann@example.com', generateTotpSecret());
    const dataUrl = qrCodePngDataUrl(uri);
    expect(dataUrl).toMatch(/^data:image\/png;base64,/);
    const image = decodeQrPng(dataUrl);
    const { modules } = QRCode.create(uri, { errorCorrectionLevel: 'M' });
    const side = modules.size + 4;
    expect(image.width).toBe(image.height);
    expect(image.width % side).toBe(0);
    const scale = image.width / side;
    expect(image.width).toBeGreaterThanOrEqual(400);
    for (let row = -2; row < modules.size + 2; row++) {
      for (let column = -2; column < modules.size + 2; column++) {
        const inside = row >= 0 && column >= 0 && row < modules.size && column < modules.size;
        const dark = inside && modules.get(row, column) === 1;
        // Every pixel of the module's square, not just one: the scaling leaves no seams.
        for (let dy = 0; dy < scale; dy++) {
          for (let dx = 0; dx < scale; dx++) {
            const y = (row + 2) * scale + dy;
            const x = (column + 2) * scale + dx;
            if (image.dark(x, y) !== dark)
              throw new Error(`pixel ${x},${y} of module ${row},${column} should be ${dark ? 'dark' : 'light'}`);
          }
        }
      }
    }
  });
});
