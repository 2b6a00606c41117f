import { IsNull, type DataSource } from 'typeorm';
import type { Clock } from '../../shared/clock';
import { UserEntity } from '../auth/entities/user.entity';
import { Role } from '../auth/role';

const DAY_MS = 24 * 60 * 60_000;

export interface TwoFactorRequirementPolicy {
  /** Who must have 2FA on (TWO_FACTOR_REQUIRED). */
  requiredFor: 'none' | 'staff' | 'all';
  /** Days they may go on without it, from when the requirement first met them (TWO_FACTOR_GRACE_DAYS). */
  graceDays: number;
}

/**
 * The operator's requirement of 2FA, with its grace period. Until the period ends the panel keeps
 * prompting (no dismissal); after it, a session without 2FA can do nothing but turn 2FA on (the
 * auth checker enforces that), and 2FA cannot be turned off, only switched.
 */
export class TwoFactorRequirement {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly policy: { current(): Promise<TwoFactorRequirementPolicy> },
    private readonly hasTwoFactor: (userId: string) => Promise<boolean>,
  ) {}

  /** Whether the live policy requires 2FA of the user (the policy is cached: no query as a rule). */
  async appliesTo(user: UserEntity): Promise<boolean> {
    return requires((await this.policy.current()).requiredFor, user);
  }

  /**
   * When the grace period of a user the requirement concerns ends (null for anyone else). The
   * period starts the first time the requirement meets the account, and is kept from then on.
   */
  async deadline(user: UserEntity): Promise<Date | null> {
    const policy = await this.policy.current();
    if (!requires(policy.requiredFor, user)) return null;
    return new Date((await this.requiredSince(user)).getTime() + policy.graceDays * DAY_MS);
  }

  /** Whether the user must turn 2FA on before doing anything else. Costs no query before the deadline. */
  async overdue(user: UserEntity): Promise<boolean> {
    const deadline = await this.deadline(user);
    if (!deadline || deadline.getTime() > this.clock.now().getTime()) return false;
    return !(await this.hasTwoFactor(user.id));
  }

  private async requiredSince(user: UserEntity): Promise<Date> {
    if (user.twoFactorRequiredSince) return user.twoFactorRequiredSince;
    const users = this.dataSource.getRepository(UserEntity);
    const now = this.clock.now();
    // Conditional, so two first requests at once agree on one start.
    await users.update({ id: user.id, twoFactorRequiredSince: IsNull() }, { twoFactorRequiredSince: now });
    const { twoFactorRequiredSince } = await users.findOneByOrFail({ id: user.id });
    user.twoFactorRequiredSince = twoFactorRequiredSince;
    return twoFactorRequiredSince ?? now;
  }
}

const requires = (requiredFor: TwoFactorRequirementPolicy['requiredFor'], user: Pick<UserEntity, 'role'>) =>
  requiredFor === 'all' || (requiredFor === 'staff' && user.role !== Role.CUSTOMER);
