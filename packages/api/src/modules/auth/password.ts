import argon2 from 'argon2';
import { fail } from '../../errors/app-error';

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 256;

/**
 * How hard a password (or recovery code) hash is to compute. `standard` is OWASP's argon2id
 * baseline (19 MiB, 2 passes, 1 lane): slow for a guesser, ~25 ms for us. `test` (64 KiB, 1 pass)
 * exists so the test suites, which hash thousands of passwords, spend their time on behaviour;
 * the configuration accepts it only under NODE_ENV=test.
 */
export const PASSWORD_HASH_COSTS = ['standard', 'test'] as const;
export type PasswordHashCost = (typeof PASSWORD_HASH_COSTS)[number];

const ARGON2_OPTIONS: Record<PasswordHashCost, argon2.HashOptions> = {
  standard: { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 },
  test: { type: argon2.argon2id, memoryCost: 64, timeCost: 1, parallelism: 1 },
};

/** Throws BAD_USER_INPUT naming `field` when the password's length is outside the rule. */
export function assertPasswordAcceptable(password: string, field = 'password'): void {
  // Length in code points, so an emoji counts as one character, as a person would count it.
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH || length > PASSWORD_MAX_LENGTH) {
    throw fail('PASSWORD_LENGTH', { minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH, field });
  }
}

/** Hashes and checks passwords and recovery codes at one cost. A hash records its own cost, so any verifies. */
export class PasswordHasher {
  private decoyHash: Promise<string> | undefined;

  constructor(readonly cost: PasswordHashCost = 'standard') {}

  hash(password: string): Promise<string> {
    return argon2.hash(password, ARGON2_OPTIONS[this.cost]);
  }

  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  }

  /**
   * Spends the same time as a real check, for sign-ins to unknown e-mails: the answer time must not
   * tell whether an account exists.
   */
  async verifyAgainstDecoy(password: string): Promise<false> {
    this.decoyHash ??= this.hash('decoy password for unknown accounts');
    await this.verify(await this.decoyHash, password);
    return false;
  }
}
