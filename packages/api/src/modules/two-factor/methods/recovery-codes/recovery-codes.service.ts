import { randomInt, randomUUID } from 'node:crypto';
import { IsNull, type DataSource, type EntityManager } from 'typeorm';
import type { Clock } from '../../../../shared/clock';
import type { PasswordHasher } from '../../../auth/password';
import { RecoveryCodeEntity } from '../../entities/recovery-code.entity';
import { codeAlreadyUsed } from '../../code-guard';
import type { CheckResult } from '../method.types';

export const RECOVERY_CODE_COUNT = 10;
// Crockford's base32, lower-case: no i, l, o or u, so codes read aloud and typed by hand survive.
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const GROUP = 4;
const GROUPS = 3;
const CODE_PATTERN = new RegExp(`^[${ALPHABET}]{${GROUP * GROUPS}}$`);

/**
 * Lower-cases, drops spaces and dashes, and reads i and l as 1 and o as 0 (Crockford), so
 * "ABCD-EFGH-JKMN", "abcd efgh jkmn" and a code copied with a misread letter are the same code.
 */
export const normalizeRecoveryCode = (input: string) => input.toLowerCase().replace(/[\s-]/g, '').replace(/[il]/g, '1').replace(/o/g, '0');

/** Whether an input is shaped like a recovery code (and not a six-digit code). */
export const looksLikeRecoveryCode = (input: string) => CODE_PATTERN.test(normalizeRecoveryCode(input));

/**
 * Ten single-use codes for when the phone, mailbox or number is gone. Each is
 * `selector-verifier-verifier` (60 bits); the selector finds the one row to check, so a try costs
 * one argon2id verification.
 */
export class RecoveryCodeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly passwords: PasswordHasher,
  ) {}

  /** New codes, hashed outside any transaction (argon2 is slow); store them with `replace`. */
  async generate(): Promise<{ codes: string[]; rows: Array<Pick<RecoveryCodeEntity, 'selector' | 'codeHash'>> }> {
    const codes: string[] = [];
    const selectors = new Set<string>();
    while (codes.length < RECOVERY_CODE_COUNT) {
      const raw = Array.from({ length: GROUP * GROUPS }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
      const selector = raw.slice(0, GROUP);
      if (selectors.has(selector)) continue;
      selectors.add(selector);
      codes.push(raw.match(new RegExp(`.{${GROUP}}`, 'g'))!.join('-'));
    }
    const rows = await Promise.all(
      codes.map(async (code) => ({ selector: code.slice(0, GROUP), codeHash: await this.passwords.hash(normalizeRecoveryCode(code)) })),
    );
    return { codes, rows };
  }

  /** Replaces all of a user's codes with `rows` (inside the caller's transaction). */
  async replace(manager: EntityManager, userId: string, rows: Array<Pick<RecoveryCodeEntity, 'selector' | 'codeHash'>>): Promise<void> {
    await manager.delete(RecoveryCodeEntity, { userId });
    const now = this.clock.now();
    await manager.insert(
      RecoveryCodeEntity,
      rows.map((row) => ({ id: randomUUID(), userId, selector: row.selector, codeHash: row.codeHash, createdAt: now, usedAt: null })),
    );
  }

  /** The ids of a user's codes, used ones included: the set a later `replaceExpected` expects to find. */
  async current(userId: string): Promise<string[]> {
    const rows = await this.dataSource.getRepository(RecoveryCodeEntity).find({ select: { id: true }, where: { userId } });
    return rows.map((row) => row.id);
  }

  /**
   * Replaces a user's codes, but only the set `expected` named (read before the proof was checked);
   * when another request replaced them meanwhile, its codes stand and this one is refused
   * (CODE_ALREADY_USED), so the codes a user is shown are always the codes stored. The caller's
   * transaction must hold the user's active method first (TwoFactorService.holdActive): on
   * PostgreSQL that row lock makes racing replacements wait, so this read sees the winner's codes.
   */
  async replaceExpected(
    manager: EntityManager,
    userId: string,
    expected: readonly string[],
    rows: Array<Pick<RecoveryCodeEntity, 'selector' | 'codeHash'>>,
  ): Promise<void> {
    const found = await manager.find(RecoveryCodeEntity, { select: { id: true }, where: { userId } });
    const unchanged = found.length === expected.length && found.every((row) => expected.includes(row.id));
    if (!unchanged) throw codeAlreadyUsed();
    await this.replace(manager, userId, rows);
  }

  async remaining(userId: string): Promise<number> {
    return this.dataSource.getRepository(RecoveryCodeEntity).countBy({ userId, usedAt: IsNull() });
  }

  /**
   * Uses a code: `valid` once for a right, unused code; of parallel uses of one code, one is
   * `valid` and the others `used`, like any later use.
   */
  async use(userId: string, input: string): Promise<CheckResult> {
    const code = normalizeRecoveryCode(input);
    if (!CODE_PATTERN.test(code)) return { ok: false, reason: 'invalid' };
    const repository = this.dataSource.getRepository(RecoveryCodeEntity);
    const row = await repository.findOneBy({ userId, selector: code.slice(0, GROUP) });
    // An unknown selector costs the same slow hash, so timing does not tell which selectors exist.
    const matches = row ? await this.passwords.verify(row.codeHash, code) : await this.passwords.verifyAgainstDecoy(code);
    if (!row || !matches) return { ok: false, reason: 'invalid' };
    if (row.usedAt) return { ok: false, reason: 'used' };
    const used = await repository.update({ id: row.id, usedAt: IsNull() }, { usedAt: this.clock.now() });
    return used.affected === 1 ? { ok: true } : { ok: false, reason: 'used' };
  }
}
