import { createHmac } from 'node:crypto';

/**
 * RFC 6238 TOTP as authenticator apps compute it (SHA-1, 6 digits, 30 s), written out here so
 * the browser tests compute codes from the key the page shows, like a user's phone would.
 */
export const TOTP_PERIOD_MS = 30_000;
const DIGITS = 6;
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Decode(text: string): Buffer {
  const clean = text.replace(/[\s=]/g, '').toUpperCase();
  let bits = '';
  for (const char of clean) {
    const value = BASE32.indexOf(char);
    if (value < 0) throw new Error(`not base32: ${char}`);
    bits += value.toString(2).padStart(5, '0');
  }
  const bytes: number[] = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

/** The time step of an instant: codes change when it does. */
export function totpStep(atMs: number = Date.now()): number {
  return Math.floor(atMs / TOTP_PERIOD_MS);
}

/** The code of one time step (RFC 4226 HOTP of the step counter). */
export function totpCode(secret: string, step: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const digest = createHmac('sha1', base32Decode(secret)).update(counter).digest();
  const offset = digest[digest.length - 1]! & 0x0f;
  const binary = digest.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** DIGITS).padStart(DIGITS, '0');
}

/**
 * How long a code may take from the test to the API's check of it, with room for a loaded machine.
 * A code of the step before now is accepted only until the next step begins.
 */
const STEP_END_MARGIN_MS = 8_000;

/**
 * The code of the step before now, for turning TOTP on through the API while leaving this step's
 * code to the browser (the API accepts one step either side of its own, and never a step at or
 * before the last one it accepted). Near the end of a step it first waits for the next one: the
 * API would check the code in a step where it is two behind, and refuse it as a clock that is off.
 */
export async function codeOfStepBeforeNow(secret: string): Promise<{ code: string; step: number }> {
  const left = TOTP_PERIOD_MS - (Date.now() % TOTP_PERIOD_MS);
  if (left < STEP_END_MARGIN_MS) await new Promise((resolve) => setTimeout(resolve, left + 100));
  const step = totpStep();
  return { code: totpCode(secret, step - 1), step };
}

/** A six-digit code that is none of the codes valid around now (the API accepts one step either side). */
export function wrongTotpCode(secret: string): string {
  const step = totpStep();
  const valid = new Set([-2, -1, 0, 1, 2].map((delta) => totpCode(secret, step + delta)));
  for (let candidate = 0; ; candidate++) {
    const code = String(candidate).padStart(DIGITS, '0');
    if (!valid.has(code)) return code;
  }
}
