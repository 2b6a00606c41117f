import argon2 from 'argon2';
import { AUTH_MESSAGES, invalidInput } from '../../shared/errors';

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 256;

// OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane): slow for a guesser, ~25 ms for us.
const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function assertPasswordAcceptable(password: string): void {
  // Length in code points, so an emoji counts as one character, as a person would count it.
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH || length > PASSWORD_MAX_LENGTH) {
    throw invalidInput('password', AUTH_MESSAGES.PASSWORD_LENGTH);
  }
}

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

let decoyHash: Promise<string> | undefined;

/**
 * Spends the same time as a real check, for sign-ins to unknown e-mails: the answer time must not
 * tell whether an account exists.
 */
export async function verifyAgainstDecoy(password: string): Promise<false> {
  decoyHash ??= hashPassword('decoy password for unknown accounts');
  await verifyPassword(await decoyHash, password);
  return false;
}
