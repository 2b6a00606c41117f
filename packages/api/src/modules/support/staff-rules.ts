import type { DataSource } from 'typeorm';
import { fail, tooManyAttempts } from '../../errors/app-error';
import type { CounterStore } from '../../limits/counter-store';
import type { Clock } from '../../shared/clock';
import { UserEntity } from '../auth/entities/user.entity';
import { isRoleBelow } from '../auth/role';
import type { Actor, TwoFactorService } from '../two-factor/two-factor.service';

export const SUPPORT_LIMITS = {
  maxResetsPerHour: 10,
  reasonMinLength: 10,
  reasonMaxLength: 500,
  searchMaxResults: 50,
} as const;
const HOUR_MS = 60 * 60_000;

export interface StaffRulesDependencies {
  dataSource: DataSource;
  clock: Clock;
  twoFactor: Pick<TwoFactorService, 'activeEnrollment' | 'proveOwnFactor'>;
  counters: CounterStore;
}

/**
 * What every staff action on someone else's 2FA asks, wherever it is taken (a reset now, or an
 * account recovery approved for later): the staff member's own 2FA on and proved afresh, an
 * account of a lower role and never their own, a written reason, and at most 10 an hour each. The
 * budget is looked at before the proof and counted after it, so a refused action spends no code.
 */
export class StaffRules {
  constructor(private readonly deps: StaffRulesDependencies) {}

  /** Staff tools need the staff member's own 2FA, whatever TWO_FACTOR_REQUIRED says. */
  async requireOwnTwoFactor(staff: Pick<Actor, 'user'>): Promise<void> {
    if (!(await this.deps.twoFactor.activeEnrollment(staff.user.id))) throw fail('OWN_2FA_REQUIRED');
  }

  /** The account `userId`, if it exists and its role is below the staff member's. */
  async accountBelow(staff: Pick<Actor, 'user'>, userId: string): Promise<UserEntity> {
    const target = await this.deps.dataSource.getRepository(UserEntity).findOneBy({ id: userId });
    if (!target) throw fail('NO_SUCH_USER');
    this.assertBelow(staff, target);
    return target;
  }

  /** Staff act only on accounts of a lower role, and so never on their own. */
  assertBelow(staff: Pick<Actor, 'user'>, target: Pick<UserEntity, 'role'>): void {
    if (!isRoleBelow(target.role, staff.user.role)) throw fail('ROLE_NOT_BELOW');
  }

  /** The reason staff give, trimmed, or REASON_LENGTH. */
  acceptableReason(reason: string): string {
    const why = reason.trim();
    if (why.length < SUPPORT_LIMITS.reasonMinLength || why.length > SUPPORT_LIMITS.reasonMaxLength) {
      throw fail('REASON_LENGTH', { minLength: SUPPORT_LIMITS.reasonMinLength, maxLength: SUPPORT_LIMITS.reasonMaxLength });
    }
    return why;
  }

  /**
   * Checks the staff member's hourly budget of resets, then their fresh proof, then counts the
   * reset: the look refuses a full budget before the proof is spent, and the atomic count lets
   * only the first ten of parallel resets past the look go on. The answer gives the count back,
   * for a reset that then did not happen.
   */
  async proveAndCountReset(staff: Actor, proof: string): Promise<{ giveBack(): Promise<void> }> {
    const { counters, clock, twoFactor } = this.deps;
    const key = `support:resets:${staff.user.id}`;
    const now = clock.now().getTime();
    const done = await counters.peek(key, now);
    if (done && done.count >= SUPPORT_LIMITS.maxResetsPerHour) throw tooManyResets(done.resetAtMs - now);
    await twoFactor.proveOwnFactor(staff, proof, 'OWN_2FA_REQUIRED');
    const resets = await counters.increment(key, HOUR_MS, now);
    if (resets.count > SUPPORT_LIMITS.maxResetsPerHour) throw tooManyResets(resets.resetAtMs - now);
    return { giveBack: () => counters.decrement(key, resets.resetAtMs).catch(() => undefined) };
  }

  /** A fresh proof of the staff member's own 2FA, for an action no budget limits (denying a request). */
  async prove(staff: Actor, proof: string): Promise<void> {
    await this.deps.twoFactor.proveOwnFactor(staff, proof, 'OWN_2FA_REQUIRED');
  }
}

const tooManyResets = (retryAfterMs: number) => tooManyAttempts('RESET_LIMIT', retryAfterMs, { limit: SUPPORT_LIMITS.maxResetsPerHour });
