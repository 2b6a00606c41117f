import { randomBytes } from 'node:crypto';
import { counterToBytes, dynamicTruncate, truncateDigits } from '@otplib/core';
import { NodeCryptoPlugin } from '@otplib/plugin-crypto-node';
import { ScureBase32Plugin } from '@otplib/plugin-base32-scure';

/** RFC 6238 as Google and Microsoft Authenticator read it: SHA-1, 6 digits, 30-second steps. */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
const SECRET_BYTES = 20;
/** Login and proofs: the current step and one either side. */
const LOGIN_WINDOW_STEPS = 1;
/** Enrollment only: how far off a phone's clock may be (10 minutes) for us to recognise the code and say so. */
const CLOCK_HINT_WINDOW_STEPS = (10 * 60) / TOTP_PERIOD_SECONDS;

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
/** HMAC by node's OpenSSL: otplib's default computes it in JavaScript, several times slower per code. */
const openSslHmac = new NodeCryptoPlugin();
const base32 = new ScureBase32Plugin();

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
 *
 * Each step's code is otplib's HOTP of the step, tried nearest step first, so a code of the
 * current step (nearly every sign-in) costs one HMAC. otplib's TOTP `verify` costs about four
 * times as much: it checks and normalises its options again for every step it tries.
 */
export async function checkTotp(
  secret: string,
  code: string,
  now: Date,
  options: { lastAcceptedStep?: number | null; clockHint?: boolean } = {},
): Promise<TotpCheck> {
  if (!/^\d{6}$/.test(code)) return { valid: false };
  const key = base32.decode(secret);
  const current = totpStepAt(now);
  const lastAccepted = options.lastAcceptedStep ?? -1;

  let replayed = false;
  for (const step of stepsNearestFirst(current, LOGIN_WINDOW_STEPS)) {
    if (!codeMatches(key, step, code)) continue;
    if (step > lastAccepted) return { valid: true, step };
    replayed = true;
  }
  if (replayed) return { valid: false, alreadyUsed: true };
  if (!options.clockHint) return { valid: false };

  for (const step of stepsNearestFirst(current, CLOCK_HINT_WINDOW_STEPS)) {
    if (Math.abs(step - current) > LOGIN_WINDOW_STEPS && codeMatches(key, step, code)) {
      return { valid: false, clockOffsetSteps: step - current };
    }
  }
  return { valid: false };
}

/** The steps up to `window` either side of `current`: current, -1, +1, -2, +2… (none before step 0). */
function* stepsNearestFirst(current: number, window: number): Generator<number> {
  yield current;
  for (let distance = 1; distance <= window; distance++) {
    if (current - distance >= 0) yield current - distance;
    yield current + distance;
  }
}

function codeMatches(key: Uint8Array, step: number, code: string): boolean {
  return openSslHmac.constantTimeEqual(codeAtStep(key, step), code);
}

/**
 * A step's code: RFC 4226's HOTP of the step number, as authenticator apps compute it, from
 * otplib's own steps (the counter's bytes, the HMAC, the truncation). otplib's `generateSync` does
 * the same after checking and normalising its options on every call, which under load cost about
 * three times the HMAC itself. Our secrets are always 20 bytes, made by `generateTotpSecret`.
 */
function codeAtStep(key: Uint8Array, step: number): string {
  return truncateDigits(dynamicTruncate(openSslHmac.hmac('sha1', key, counterToBytes(step))), TOTP_DIGITS);
}

/** The code an authenticator shows at `when` (tests and tools). */
export async function totpAt(secret: string, when: Date): Promise<string> {
  return codeAtStep(base32.decode(secret), totpStepAt(when));
}
