import { userSummaries } from './user-summaries';
import { type DataSource } from 'typeorm';
import type { Clock } from '../../shared/clock';
import { checkInputs, fail } from '../../errors/app-error';
import { readKeysetPage, type KeysetPage, type PageRequest } from '../../db/keyset-page';
import type { SecurityEventEntity } from '../audit/entities/security-event.entity';
import { SecurityEventType } from '../audit/security-event-type';
import type { SecurityEventsService } from '../audit/security-events.service';
import { UserEntity } from '../auth/entities/user.entity';
import { rolesBelow } from '../auth/role';
import type { Actor, TwoFactorService } from '../two-factor/two-factor.service';
import type { UserSummary } from './dto/user-summary.type';
import { USERS_CURSOR } from './dto/user-summary-connection';
import { SUPPORT_LIMITS, type StaffRules } from './staff-rules';

export { SUPPORT_LIMITS };
const HOUR_MS = 60 * 60_000;

/** A staff member reading (a session or an API token with SUPPORT_READ): reads need no session of their own. */
type StaffReader = Pick<Actor, 'user' | 'ip'>;

export const SUPPORT_MESSAGES = {
  RESET: 'The 2FA of the account was reset. The user was signed out everywhere and told by e-mail.',
} as const;

export interface SupportDependencies {
  dataSource: DataSource;
  clock: Clock;
  twoFactor: TwoFactorService;
  /** What every staff action on someone else's 2FA asks. */
  rules: StaffRules;
  events: SecurityEventsService;
}

/**
 * Support staff helping customers who lost their phone, mailbox or number. Every tool here needs
 * the staff member's own 2FA on, whatever the server requires of others; staff act only on
 * accounts of a lower role; and every read of someone else's data lands in the security log.
 */
export class SupportService {
  private readonly dataSource: DataSource;
  private readonly clock: Clock;
  private readonly twoFactor: TwoFactorService;
  private readonly rules: StaffRules;
  private readonly events: SecurityEventsService;

  constructor(deps: SupportDependencies) {
    this.dataSource = deps.dataSource;
    this.clock = deps.clock;
    this.twoFactor = deps.twoFactor;
    this.rules = deps.rules;
    this.events = deps.events;
  }

  /** Accounts of a lower role whose e-mail contains `query`, with their 2FA method. The search goes to the staff member's own log. */
  async search(staff: StaffReader, query: string, first: number): Promise<UserSummary[]> {
    await this.requireOwnTwoFactor(staff);
    const users = likePattern(query)
      ? await this.matching(staff, query)
          .orderBy('user.email', 'ASC')
          .take(Math.min(Math.max(1, first), SUPPORT_LIMITS.searchMaxResults))
          .getMany()
      : [];
    await this.recordSearch(staff, query);
    return userSummaries(this.dataSource, users);
  }

  /**
   * One page of the accounts a search finds, newest account first. Each page read is a search, and
   * goes to the staff member's own log like one.
   */
  async searchPage(staff: StaffReader, query: string, request: PageRequest): Promise<KeysetPage<UserSummary>> {
    await this.requireOwnTwoFactor(staff);
    const page = likePattern(query)
      ? await readKeysetPage(USERS_CURSOR, () => this.matching(staff, query), 'user', request)
      : { edges: [], hasNextPage: false, hasPreviousPage: false };
    await this.recordSearch(staff, query);
    const summaries = await userSummaries(
      this.dataSource,
      page.edges.map((edge) => edge.node),
    );
    return { ...page, edges: page.edges.map((edge, index) => ({ node: summaries[index]!, cursor: edge.cursor })) };
  }

  /** The security log of an account of a lower role (or the staff member's own); the read goes to that account's log, naming the staff member. */
  async securityLog(staff: StaffReader, userId: string, first: number): Promise<SecurityEventEntity[]> {
    return this.readLog(staff, userId, (id) => this.events.list(id, first));
  }

  /** One page of the security log `securityLog` reads, recorded the same way. */
  async securityLogPage(staff: StaffReader, userId: string, request: PageRequest): Promise<KeysetPage<SecurityEventEntity>> {
    return this.readLog(staff, userId, (id) => this.events.page(id, request));
  }

  private async readLog<T>(staff: StaffReader, userId: string, read: (userId: string) => Promise<T>): Promise<T> {
    await this.requireOwnTwoFactor(staff);
    if (userId === staff.user.id) return read(userId);
    const target = await this.accountBelow(staff, userId);
    const events = await read(target.id);
    // One entry per staff member and hour, counting the reads: a page that reloads the log after
    // each action must not bury the account's own events.
    const hour = Math.floor(this.clock.now().getTime() / HOUR_MS);
    await this.events.recordRepeated(
      { userId: target.id, type: SecurityEventType.SUPPORT_READ_LOG, actorUserId: staff.user.id, ip: staff.ip },
      `${staff.user.id} in hour ${hour}`,
    );
    return events;
  }

  /** Accounts of a lower role than the staff member's whose e-mail contains the text (a query to finish). */
  private matching(staff: StaffReader, query: string) {
    return this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('user')
      .where("user.email LIKE :pattern ESCAPE '\\'", { pattern: likePattern(query) })
      .andWhere('user.role IN (:...roles)', { roles: rolesBelow(staff.user.role) });
  }

  private recordSearch(staff: StaffReader, query: string): Promise<void> {
    return this.events.record({
      userId: staff.user.id,
      type: SecurityEventType.SUPPORT_SEARCHED,
      actorUserId: staff.user.id,
      ip: staff.ip,
      detail: query.trim(),
    });
  }

  /**
   * Resets a user's 2FA. The staff member must have 2FA on and prove it now, give a reason, target
   * an account of a lower role (never their own) that has 2FA on, and stay under 10 resets an
   * hour. Everything that can refuse is asked before the proof is checked, so a refused reset
   * spends no code. Of two resets of one account at once, the reset itself lets one through: the
   * other is refused with NOTHING_TO_RESET, and does not count against its staff member's hour.
   */
  async resetTwoFactor(staff: Actor, userId: string, reason: string, proof: string): Promise<UserSummary> {
    await this.requireOwnTwoFactor(staff);
    if (userId === staff.user.id) throw fail('NOT_YOURSELF');
    const [why, target] = await checkInputs(
      () => this.rules.acceptableReason(reason),
      () => this.accountToReset(staff, userId),
    );

    const slot = await this.rules.proveAndCountReset(staff, proof);

    try {
      await this.twoFactor.reset(target.id, { actorUserId: staff.user.id, reason: why, ip: staff.ip });
    } catch (error) {
      // Nothing was reset (another reset of the account won): the hour keeps its room.
      await slot.giveBack();
      throw error;
    }
    return (await userSummaries(this.dataSource, [target]))[0]!;
  }

  private requireOwnTwoFactor(staff: StaffReader): Promise<void> {
    return this.rules.requireOwnTwoFactor(staff);
  }

  /** The account `userId`, if its role is below the staff member's and its 2FA is on. */
  private async accountToReset(staff: Actor, userId: string): Promise<UserEntity> {
    const target = await this.accountBelow(staff, userId);
    if (!(await this.twoFactor.activeEnrollment(target.id))) throw fail('NOTHING_TO_RESET');
    return target;
  }

  private accountBelow(staff: StaffReader, userId: string): Promise<UserEntity> {
    return this.rules.accountBelow(staff, userId);
  }
}

/** The LIKE pattern of a search (`%text%`, lower-cased), or '' for a search of nothing. */
function likePattern(query: string): string {
  // % and _ in the text are matched literally (e-mail addresses often hold an underscore).
  const needle = query
    .trim()
    .toLowerCase()
    .replace(/[\\%_]/g, (c) => `\\${c}`);
  return needle ? `%${needle}%` : '';
}
