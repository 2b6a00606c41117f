import { In, type DataSource } from 'typeorm';
import type { CounterStore } from '../../limits/counter-store';
import type { Clock } from '../../shared/clock';
import { AppError, invalidInput, tooManyAttempts } from '../../shared/errors';
import type { SecurityEventEntity } from '../audit/entities/security-event.entity';
import { SecurityEventType } from '../audit/security-event-type';
import type { SecurityEventsService } from '../audit/security-events.service';
import { UserEntity } from '../auth/entities/user.entity';
import { isRoleBelow, rolesBelow } from '../auth/role';
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
  OWN_2FA_REQUIRED: 'Turn on 2FA for your own account first: the support tools need it.',
  NOT_YOURSELF: 'You cannot reset your own 2FA: ask another member of support.',
  ROLE_NOT_BELOW: 'Staff can act only on accounts of a lower role than their own.',
  REASON_LENGTH: `Give a reason of ${SUPPORT_LIMITS.reasonMinLength} to ${SUPPORT_LIMITS.reasonMaxLength} characters.`,
  NO_SUCH_USER: 'There is no such account.',
  TOO_MANY_RESETS: `At most ${SUPPORT_LIMITS.maxResetsPerHour} resets an hour. Try again later.`,
} as const;

/**
 * Support staff helping customers who lost their phone, mailbox or number. Every tool here needs
 * the staff member's own 2FA on, whatever the server requires of others; staff act only on
 * accounts of a lower role; and every read of someone else's data lands in the security log.
 */
export class SupportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly twoFactor: TwoFactorService,
    private readonly counters: CounterStore,
    private readonly events: SecurityEventsService,
  ) {}

  /** Accounts of a lower role whose e-mail contains `query`, with their 2FA method. The search goes to the staff member's own log. */
  async search(staff: Actor, query: string, first: number): Promise<UserSummary[]> {
    await this.requireOwnTwoFactor(staff);
    // % and _ in the text are matched literally (e-mail addresses often hold an underscore).
    const needle = query
      .trim()
      .toLowerCase()
      .replace(/[\\%_]/g, (c) => `\\${c}`);
    const users = needle
      ? await this.dataSource
          .getRepository(UserEntity)
          .createQueryBuilder('user')
          .where("user.email LIKE :pattern ESCAPE '\\'", { pattern: `%${needle}%` })
          .andWhere('user.role IN (:...roles)', { roles: rolesBelow(staff.user.role) })
          .orderBy('user.email', 'ASC')
          .take(Math.min(Math.max(1, first), SUPPORT_LIMITS.searchMaxResults))
          .getMany()
      : [];
    await this.events.record({
      userId: staff.user.id,
      type: SecurityEventType.SUPPORT_SEARCHED,
      actorUserId: staff.user.id,
      ip: staff.ip,
      detail: query.trim(),
    });
    return this.summaries(users);
  }

  /** The security log of an account of a lower role (or the staff member's own); the read goes to that account's log, naming the staff member. */
  async securityLog(staff: Actor, userId: string, first: number): Promise<SecurityEventEntity[]> {
    await this.requireOwnTwoFactor(staff);
    if (userId === staff.user.id) return this.events.list(userId, first);
    const target = await this.accountBelow(staff, userId);
    const events = await this.events.list(target.id, first);
    // One entry per staff member and hour, counting the reads: a page that reloads the log after
    // each action must not bury the account's own events.
    const hour = Math.floor(this.clock.now().getTime() / HOUR_MS);
    await this.events.recordRepeated(
      { userId: target.id, type: SecurityEventType.SUPPORT_READ_LOG, actorUserId: staff.user.id, ip: staff.ip },
      `${staff.user.id} in hour ${hour}`,
    );
    return events;
  }

  /**
   * Resets a user's 2FA. The staff member must have 2FA on and prove it now, give a reason, target
   * an account of a lower role (never their own), and stay under 10 resets an hour. Everything
   * that can refuse is asked before the proof is checked, so a refused reset spends no code.
   */
  async resetTwoFactor(staff: Actor, userId: string, reason: string, proof: string): Promise<UserSummary> {
    await this.requireOwnTwoFactor(staff);
    const why = reason.trim();
    if (why.length < SUPPORT_LIMITS.reasonMinLength || why.length > SUPPORT_LIMITS.reasonMaxLength) {
      throw invalidInput('reason', SUPPORT_MESSAGES.REASON_LENGTH);
    }
    if (userId === staff.user.id) throw new AppError('FORBIDDEN', SUPPORT_MESSAGES.NOT_YOURSELF, { reason: 'NOT_YOURSELF' });
    const target = await this.accountBelow(staff, userId);

    const resetsKey = `support:resets:${staff.user.id}`;
    const now = this.clock.now().getTime();
    const done = await this.counters.peek(resetsKey, now);
    if (done && done.count >= SUPPORT_LIMITS.maxResetsPerHour) throw tooManyResets(done.resetAtMs - now);
    await this.twoFactor.proveOwnFactor(staff, proof, SUPPORT_MESSAGES.OWN_2FA_REQUIRED, 'OWN_2FA_REQUIRED');
    // Counted atomically: of parallel resets past the look above, only the first ten go on.
    const resets = await this.counters.increment(resetsKey, HOUR_MS, now);
    if (resets.count > SUPPORT_LIMITS.maxResetsPerHour) throw tooManyResets(resets.resetAtMs - now);

    await this.twoFactor.reset(target.id, { actorUserId: staff.user.id, reason: why, ip: staff.ip });
    return (await this.summaries([target]))[0]!;
  }

  /** Staff tools need the staff member's own 2FA, whatever TWO_FACTOR_REQUIRED says. */
  private async requireOwnTwoFactor(staff: Actor): Promise<void> {
    if (!(await this.twoFactor.activeEnrollment(staff.user.id))) {
      throw new AppError('FORBIDDEN', SUPPORT_MESSAGES.OWN_2FA_REQUIRED, { reason: 'OWN_2FA_REQUIRED' });
    }
  }

  /** The account `userId`, if it exists and its role is below the staff member's. */
  private async accountBelow(staff: Actor, userId: string): Promise<UserEntity> {
    const target = await this.dataSource.getRepository(UserEntity).findOneBy({ id: userId });
    if (!target) throw invalidInput('userId', SUPPORT_MESSAGES.NO_SUCH_USER);
    if (!isRoleBelow(target.role, staff.user.role)) {
      throw new AppError('FORBIDDEN', SUPPORT_MESSAGES.ROLE_NOT_BELOW, { reason: 'ROLE_NOT_BELOW' });
    }
    return target;
  }

  private async summaries(users: UserEntity[]): Promise<UserSummary[]> {
    if (users.length === 0) return [];
    const active = await this.dataSource.getRepository(TwoFactorEnrollmentEntity).findBy({
      userId: In(users.map((u) => u.id)),
      state: EnrollmentState.ACTIVE,
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
}

const tooManyResets = (retryAfterMs: number) => tooManyAttempts(SUPPORT_MESSAGES.TOO_MANY_RESETS, retryAfterMs, 'RESET_LIMIT');
