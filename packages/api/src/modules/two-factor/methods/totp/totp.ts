import { randomBytes } from 'node:crypto';
import { NodeCryptoPlugin } from '@otplib/plugin-crypto-node';
import { generate, verify } from 'otplib';

/** RFC 6238 as Google and Microsoft Authenticator read it: SHA-1, 6 digits, 30-second steps. */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
const SECRET_BYTES = 20;
/** Login and proofs: the current step and one either side. */
const LOGIN_TOLERANCE_SECONDS = TOTP_PERIOD_SECONDS;
/** Enrollment only: how far off a phone's clock may be for us to recognise the code and say so. */
const CLOCK_HINT_TOLERANCE_SECONDS = 10 * 60;

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
/** HMAC by node's OpenSSL: otplib's default computes it in JavaScript, several times slower per code. */
const openSslHmac = new NodeCryptoPlugin();

/** 20 random bytes as base32 without padding: what authenticator apps expect. */
export function generateTotpSecret(): string {
  return base32Encode(randomBytes(SECRET_BYTES));
}

export function base32Encode(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32_ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32_ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

export function otpauthUri(issuer: string, accountName: string, secret: string): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(accountName)}`;
  const params = [
    `secret=${secret}`,
    `issuer=${encodeURIComponent(issuer)}`,
    'algorithm=SHA1',
    `digits=${TOTP_DIGITS}`,
    `period=${TOTP_PERIOD_SECONDS}`,
  ].join('&');
  return `otpauth://totp/${label}?${params}`;
}

export const totpStepAt = (when: Date) => Math.floor(when.getTime() / 1000 / TOTP_PERIOD_SECONDS);

export type TotpCheck =
  | { valid: true; step: number }
  /**
   * `clockOffsetSteps` is set only when the code matched further off than allowed; `alreadyUsed`
   * when it matched a step at or before the last accepted one (a replay).
   */
  | { valid: false; clockOffsetSteps?: number; alreadyUsed?: true };

/**
 * Checks a code at `now`, refusing any step at or before `lastAcceptedStep`. With `clockHint` it
 * also recognises codes up to ±10 minutes off, to tell the user the phone's clock is wrong;
 * such a code is still refused.
 */
export async function checkTotp(
  secret: string,
  code: string,
  now: Date,
  options: { lastAcceptedStep?: number | null; clockHint?: boolean } = {},
): Promise<TotpCheck> {
  if (!/^\d{6}$/.test(code)) return { valid: false };
  const epoch = Math.floor(now.getTime() / 1000);
  const base = {
    secret,
    token: code,
    epoch,
    algorithm: 'sha1',
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
    crypto: openSslHmac,
  } as const;
  const afterTimeStep = options.lastAcceptedStep ?? undefined;

  const result = await verify({
    ...base,
    epochTolerance: LOGIN_TOLERANCE_SECONDS,
    ...(afterTimeStep !== undefined ? { afterTimeStep } : {}),
  });
  if (result.valid) return { valid: true, step: totpStepAt(now) + result.delta };
  if (afterTimeStep !== undefined && (await verify({ ...base, epochTolerance: LOGIN_TOLERANCE_SECONDS })).valid) {
    return { valid: false, alreadyUsed: true };
  }
  if (!options.clockHint) return { valid: false };

  const wide = await verify({ ...base, epochTolerance: CLOCK_HINT_TOLERANCE_SECONDS });
  return wide.valid ? { valid: false, clockOffsetSteps: wide.delta } : { valid: false };
}

/** The code an authenticator shows at `when` (tests and tools). */
export function totpAt(secret: string, when: Date): Promise<string> {
  return generate({
    secret,
    epoch: Math.floor(when.getTime() / 1000),
    algorithm: 'sha1',
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
    crypto: openSslHmac,
  });
}
