import type { DataSource } from 'typeorm';
import type { CounterStore } from '../../limits/counter-store';
import type { Clock } from '../../shared/clock';
import { AppError, invalidInput, tooManyAttempts } from '../../shared/errors';
import { UserEntity } from '../auth/entities/user.entity';
import { EnrollmentState, TwoFactorEnrollmentEntity } from '../two-factor/entities/two-factor-enrollment.entity';
import type { Actor, TwoFactorService } from '../two-factor/two-factor.service';
import { UserSummary } from './dto/user-summary.type';

export const SUPPORT_LIMITS = {
  maxResetsPerHour: 10,
  reasonMinLength: 10,
  reasonMaxLength: 500,
  searchMaxResults: 50,
} as const;
const HOUR_MS = 60 * 60_000;

export const SUPPORT_MESSAGES = {
  RESET: 'The 2FA of the account was reset. The user was signed out everywhere and told by e-mail.',
  OWN_2FA_REQUIRED: 'Turn on 2FA for your own account before resetting anyone else’s.',
  NOT_YOURSELF: 'You cannot reset your own 2FA: ask another member of support.',
  REASON_LENGTH: `Give a reason of ${SUPPORT_LIMITS.reasonMinLength} to ${SUPPORT_LIMITS.reasonMaxLength} characters.`,
  NO_SUCH_USER: 'There is no such account.',
  TOO_MANY_RESETS: `At most ${SUPPORT_LIMITS.maxResetsPerHour} resets an hour. Try again later.`,
} as const;

/** Support staff helping customers who lost their phone, mailbox or number. */
export class SupportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly twoFactor: TwoFactorService,
    private readonly counters: CounterStore,
  ) {}

  /** Accounts whose e-mail contains `query`, with their 2FA method. */
  async search(query: string, first: number): Promise<UserSummary[]> {
    // % and _ in the text are matched literally (e-mail addresses often hold an underscore).
    const needle = query
      .trim()
      .toLowerCase()
      .replace(/[\\%_]/g, (c) => `\\${c}`);
    if (!needle) return [];
    const users = await this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('user')
      .where("user.email LIKE :pattern ESCAPE '\\'", { pattern: `%${needle}%` })
      .orderBy('user.email', 'ASC')
      .take(Math.min(Math.max(1, first), SUPPORT_LIMITS.searchMaxResults))
      .getMany();
    if (users.length === 0) return [];
    const active = await this.dataSource.getRepository(TwoFactorEnrollmentEntity).find({
      where: users.map((u) => ({ userId: u.id, state: EnrollmentState.ACTIVE })),
    });
    const methodOf = new Map(active.map((e) => [e.userId, e.method]));
    return users.map((u) =>
      Object.assign(new UserSummary(), {
        id: u.id,
        email: u.email,
        role: u.role,
        createdAt: u.createdAt,
        twoFactorMethod: methodOf.get(u.id) ?? null,
      }),
    );
  }

  /**
   * Resets a user's 2FA. The staff member must have 2FA on and prove it now, give a reason, not
   * target their own account, and stay under 10 resets an hour.
   */
  async resetTwoFactor(staff: Actor, userId: string, reason: string, proof: string): Promise<UserSummary> {
    const why = reason.trim();
    if (why.length < SUPPORT_LIMITS.reasonMinLength || why.length > SUPPORT_LIMITS.reasonMaxLength) {
      throw invalidInput('reason', SUPPORT_MESSAGES.REASON_LENGTH);
    }
    if (userId === staff.user.id) throw new AppError('FORBIDDEN', SUPPORT_MESSAGES.NOT_YOURSELF, { reason: 'NOT_YOURSELF' });
    const target = await this.dataSource.getRepository(UserEntity).findOneBy({ id: userId });
    if (!target) throw invalidInput('userId', SUPPORT_MESSAGES.NO_SUCH_USER);
    await this.twoFactor.proveOwnFactor(staff, proof, SUPPORT_MESSAGES.OWN_2FA_REQUIRED, 'OWN_2FA_REQUIRED');

    const now = this.clock.now().getTime();
    const resets = await this.counters.increment(`support:resets:${staff.user.id}`, HOUR_MS, now);
    if (resets.count > SUPPORT_LIMITS.maxResetsPerHour)
      throw tooManyAttempts(SUPPORT_MESSAGES.TOO_MANY_RESETS, resets.resetAtMs - now, 'RESET_LIMIT');

    await this.twoFactor.reset(target.id, { actorUserId: staff.user.id, reason: why, ip: staff.ip });
    return (await this.search(target.email, 1))[0]!;
  }
}
