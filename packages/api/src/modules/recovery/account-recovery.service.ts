import { randomUUID } from 'node:crypto';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { preparedSelect } from '../../db/prepared-statements';
import { checkInputs, fail, tooManyAttempts } from '../../errors/app-error';
import { isUniqueViolation } from '../../db/unique-violation';
import { formatUtc } from '../../delivery/templates';
import type { CounterStore } from '../../limits/counter-store';
import type { Clock } from '../../shared/clock';
import type { Logger } from '../../shared/logger';
import type { SecurityEventsService } from '../audit/security-events.service';
import { SecurityEventType } from '../audit/security-event-type';
import { SessionEntity } from '../auth/entities/session.entity';
import type { UserEntity } from '../auth/entities/user.entity';
import { rolesBelow } from '../auth/role';
import type { ClientInfo } from '../../shared/client-info';
import { AccountLinkPurpose } from '../account/links/account-link.entity';
import type { AccountLinkService } from '../account/links/account-links.service';
import type { LinkMailer } from '../account/links/link-mailer';
import type { StaffRules } from '../support/staff-rules';
import { EnrollmentState, TwoFactorEnrollmentEntity } from '../two-factor/entities/two-factor-enrollment.entity';
import type { LoginChallengeService } from '../two-factor/login-challenge.service';
import { HOUR_MS, takeSlots, type Cap } from '../two-factor/methods/one-time-code/send-limits';
import { browserLabel } from '../two-factor/remembered-browsers/browser-label';
import type { Actor, TwoFactorService } from '../two-factor/two-factor.service';
import { AccountRecoveryRequestEntity } from './account-recovery-request.entity';
import { AccountRecoveryStatus, OPEN_RECOVERY_STATUSES } from './account-recovery-status';
import { AccountRecoveryRequest, RecentSignIn, RecoveryAccountFacts } from './dto/account-recovery-request.type';

export const RECOVERY_LIMITS = {
  messageMinLength: 20,
  messageMaxLength: 1000,
  /** Requests an account may get in a day: enough to retry after a cancellation, not to flood support. */
  perAccountPerDay: 3,
  /** Requests one IP address may make in an hour, whatever accounts they are for. */
  perIpPerHour: 5,
  /** How many requests the staff queue lists, newest first. */
  queueLength: 100,
  /** Sign-ins shown to staff per account. */
  recentSignIns: 10,
  /** Requests completed per run of the periodic job; the rest wait for the next run. */
  completionsPerRun: 50,
} as const;
const DAY_MS = 24 * HOUR_MS;
const REQUEST_ID = /^[0-9a-f-]{36}$/i;
const USER_AGENT_MAX_LENGTH = 256;

/** How a cancellation came, as the security log says it. */
const CANCELLED_BY = { link: 'by the link e-mailed to the account', session: 'from a signed-in session' } as const;

export interface AccountRecoveryDependencies {
  dataSource: DataSource;
  clock: Clock;
  logger: Logger;
  counters: CounterStore;
  events: SecurityEventsService;
  links: AccountLinkService;
  mailer: LinkMailer;
  challenges: Pick<LoginChallengeService, 'passwordPassedBy'>;
  twoFactor: Pick<TwoFactorService, 'activeEnrollment' | 'reset'>;
  staff: StaffRules;
  /** RECOVERY_WAIT_HOURS: how long an approval waits for a cancellation. */
  waitMs: number;
}

/**
 * "Contact technical support", made a path in the product. Someone who passed the password step
 * and cannot give a code asks support to remove the account's 2FA; the account is told at once
 * (an e-mail with a link to cancel, a banner in every signed-in session). Support decides under the
 * rules of a reset. An approval takes effect only when its wait passes with nobody cancelling; then
 * the reset of support happens, done by the periodic job or by the next sign-in, whichever comes
 * first. Every change of a request is a conditional write naming the status it expects, so
 * racing decisions, cancellations and completions each have exactly one winner.
 */
export class AccountRecoveryService {
  /** Every sign-in asks for the account's open request: a prepared read, not a find built each time. */
  private readonly openRequestOf;

  constructor(private readonly deps: AccountRecoveryDependencies) {
    this.openRequestOf = preparedSelect(deps.dataSource, {
      name: 'open_recovery_request_of_user',
      select: { r: AccountRecoveryRequestEntity },
      from: 'account_recovery_requests r',
      where: 'WHERE r.open_user_id = ? LIMIT 1',
    });
  }

  private get requests() {
    return this.deps.dataSource.getRepository(AccountRecoveryRequestEntity);
  }

  get waitHours(): number {
    return Math.round(this.deps.waitMs / HOUR_MS);
  }

  /**
   * Files a request for the account whose password step `challengeId` passed. Refused when the
   * challenge is used or expired, when the account has no 2FA to recover, when it has an open
   * request already (one winner of two at once), and over the limits per account and per IP.
   * The account's verified address is e-mailed a link to cancel; if that e-mail cannot go out,
   * nothing is filed.
   */
  async request(challengeId: string, rawMessage: string, client: ClientInfo): Promise<AccountRecoveryRequest> {
    const { challenges, twoFactor, counters, clock, mailer, events } = this.deps;
    const user = await challenges.passwordPassedBy(challengeId);
    if (!(await twoFactor.activeEnrollment(user.id))) throw fail('CHALLENGE_ENDED');
    const message = acceptableMessage(rawMessage);
    const ip = client.ip ?? 'unknown';
    const now = clock.now();
    const slots = await takeSlots(counters, requestCaps(user.id, ip), now.getTime());
    const row = this.requests.create({
      id: randomUUID(),
      userId: user.id,
      status: AccountRecoveryStatus.PENDING,
      openUserId: user.id,
      message,
      requestedIp: client.ip,
      userAgent: client.userAgent?.slice(0, USER_AGENT_MAX_LENGTH) ?? null,
      createdAt: now,
      decidedBy: null,
      decidedAt: null,
      decisionReason: null,
      effectiveAt: null,
      closedAt: null,
    });
    try {
      await this.requests.insert(row);
    } catch (error) {
      await slots.release().catch(() => undefined);
      if (isUniqueViolation(error)) throw fail('RECOVERY_ALREADY_OPEN');
      throw error;
    }
    // An address nobody proved may be someone else's: it gets no mail, and staff see that it is unverified.
    if (user.emailVerified) {
      try {
        await mailer.send({ purpose: AccountLinkPurpose.ACCOUNT_RECOVERY_CANCEL, userId: user.id, to: user.email, ip });
      } catch (error) {
        await this.requests.delete({ id: row.id, status: AccountRecoveryStatus.PENDING });
        await slots.release().catch(() => undefined);
        throw error;
      }
    }
    slots.keep();
    await events.record({ userId: user.id, type: SecurityEventType.ACCOUNT_RECOVERY_REQUESTED, ip: client.ip });
    return this.present(row);
  }

  /** The account's open request (pending, or approved and waiting), for the banner of its sessions. */
  async openFor(userId: string): Promise<AccountRecoveryRequest | null> {
    const open = (await this.openRequestOf.first([userId]))?.r;
    return open ? this.present(open) : null;
  }

  /**
   * Cancels the open request of the account a cancellation link was e-mailed to. The link is spent
   * in the same transaction as the request's closing, so of racing uses one cancels.
   */
  async cancelByLink(token: string, ip: string | null): Promise<void> {
    const { links, dataSource } = this.deps;
    const link = await links.open(token, [AccountLinkPurpose.ACCOUNT_RECOVERY_CANCEL]);
    const open = await this.requests.findOneBy({ openUserId: link.userId });
    if (!open) throw fail('RECOVERY_NOT_OPEN');
    await dataSource.transaction(async (manager) => {
      await links.spend(link, manager);
      await this.close(manager, open);
    });
    await this.afterCancel(open, ip, CANCELLED_BY.link);
  }

  /** Cancels one of the signed-in user's own requests; another user's id is as unknown as a made-up one. */
  async cancelById(actor: Actor, id: string): Promise<void> {
    const request = REQUEST_ID.test(id) ? await this.requests.findOneBy({ id, userId: actor.user.id }) : null;
    if (!request) throw fail('NO_SUCH_RECOVERY_REQUEST');
    await this.deps.dataSource.transaction((manager) => this.close(manager, request));
    await this.afterCancel(request, actor.ip, CANCELLED_BY.session);
  }

  /**
   * The queue of requests on accounts of a lower role than the staff member's (all statuses, or
   * one), newest first, with what helps to decide. The read goes to the staff member's own log.
   */
  async queue(staff: Actor, status: AccountRecoveryStatus | null): Promise<AccountRecoveryRequest[]> {
    await this.deps.staff.requireOwnTwoFactor(staff);
    const query = this.requests
      .createQueryBuilder('request')
      .innerJoinAndSelect('request.user', 'user')
      .where('user.role IN (:...roles)', { roles: rolesBelow(staff.user.role) })
      .orderBy('request.created_at', 'DESC')
      .take(RECOVERY_LIMITS.queueLength);
    if (status) query.andWhere('request.status = :status', { status });
    const rows = await query.getMany();
    const hour = Math.floor(this.deps.clock.now().getTime() / HOUR_MS);
    await this.deps.events.recordRepeated(
      { userId: staff.user.id, type: SecurityEventType.SUPPORT_READ_RECOVERY_QUEUE, actorUserId: staff.user.id, ip: staff.ip },
      `hour ${hour}`,
    );
    const facts = await this.accountFacts(rows.map((row) => row.user!));
    return rows.map((row) => this.present(row, facts.get(row.userId) ?? null));
  }

  /**
   * Staff approve or deny a pending request, under the rules of a reset: their own 2FA proved now,
   * an account of a lower role and never their own, a reason, and (an approval being a reset that
   * waits) the hourly budget of resets. Everything that can refuse is asked before the proof is
   * checked. The decision is a conditional write on PENDING: of two at once, and of a decision and
   * a cancellation at once, one wins and the other is refused.
   */
  async decide(staff: Actor, id: string, approve: boolean, reason: string, proof: string): Promise<AccountRecoveryRequest> {
    const { staff: rules, clock, dataSource, events } = this.deps;
    await rules.requireOwnTwoFactor(staff);
    const [why, [request, account]] = await checkInputs(
      () => rules.acceptableReason(reason),
      () => this.requestBelow(staff, id),
    );
    if (request.status !== AccountRecoveryStatus.PENDING) throw fail('RECOVERY_ALREADY_DECIDED');
    if (approve) await rules.proveAndCountReset(staff, proof);
    else await rules.prove(staff, proof);

    const now = clock.now();
    const decision = approve
      ? { status: AccountRecoveryStatus.APPROVED, effectiveAt: new Date(now.getTime() + this.deps.waitMs) }
      : { status: AccountRecoveryStatus.DENIED, openUserId: null, closedAt: now };
    const decided = await dataSource
      .getRepository(AccountRecoveryRequestEntity)
      .createQueryBuilder()
      .update()
      .set({ ...decision, decidedBy: staff.user.id, decidedAt: now, decisionReason: why })
      .where('id = :id AND status = :pending', { id: request.id, pending: AccountRecoveryStatus.PENDING })
      .execute();
    if (decided.affected !== 1) throw fail('RECOVERY_ALREADY_DECIDED');
    Object.assign(request, decision, { decidedBy: staff.user.id, decidedAt: now, decisionReason: why });

    await events.record({
      userId: request.userId,
      type: approve ? SecurityEventType.ACCOUNT_RECOVERY_APPROVED : SecurityEventType.ACCOUNT_RECOVERY_DENIED,
      actorUserId: staff.user.id,
      ip: staff.ip,
      detail: why,
    });
    if (approve) await this.mailApproval(account, request, staff.ip);
    else await this.deps.links.spendAll(request.userId, [AccountLinkPurpose.ACCOUNT_RECOVERY_CANCEL]);
    const facts = await this.accountFacts([account]);
    return this.present(request, facts.get(account.id) ?? null);
  }

  /**
   * Completes every approved request whose wait is over: the periodic job's work. Each is claimed
   * by a conditional write APPROVED→COMPLETED inside the reset's own transaction, so when several
   * API processes run it at once, each request is completed (and its 2FA reset) exactly once.
   */
  async completeDue(): Promise<number> {
    const now = this.deps.clock.now().getTime();
    const due = await this.requests
      .createQueryBuilder('request')
      .where('request.status = :approved AND request.effective_at <= :now', { approved: AccountRecoveryStatus.APPROVED, now })
      .orderBy('request.effective_at', 'ASC')
      .take(RECOVERY_LIMITS.completionsPerRun)
      .getMany();
    let completed = 0;
    for (const request of due) if (await this.complete(request)) completed++;
    return completed;
  }

  /** Completes the user's approved request if its wait is over: a sign-in does not wait for the job. */
  async completeDueFor(userId: string): Promise<void> {
    const open = await this.requests.findOneBy({ openUserId: userId });
    if (open?.status === AccountRecoveryStatus.APPROVED && open.effectiveAt!.getTime() <= this.deps.clock.now().getTime()) {
      await this.complete(open);
    }
  }

  private async complete(request: AccountRecoveryRequestEntity): Promise<boolean> {
    const done = await this.deps.twoFactor.reset(
      request.userId,
      { actorUserId: request.decidedBy, reason: request.decisionReason ?? '', ip: null },
      {
        event: SecurityEventType.ACCOUNT_RECOVERY_COMPLETED,
        claim: async (manager) => {
          const now = this.deps.clock.now();
          const claimed = await manager
            .createQueryBuilder()
            .update(AccountRecoveryRequestEntity)
            .set({ status: AccountRecoveryStatus.COMPLETED, openUserId: null, closedAt: now })
            .where('id = :id AND status = :approved AND effective_at <= :now', {
              id: request.id,
              approved: AccountRecoveryStatus.APPROVED,
              now: now.getTime(),
            })
            .execute();
          return claimed.affected === 1;
        },
      },
    );
    if (done) {
      await this.deps.links.spendAll(request.userId, [AccountLinkPurpose.ACCOUNT_RECOVERY_CANCEL]);
      this.deps.logger.info({ userId: request.userId, request: request.id }, 'account recovery completed: 2FA removed');
    }
    return done;
  }

  /** Closes an open request as cancelled, or tells why it cannot be: it is no longer open. */
  private async close(manager: EntityManager, request: AccountRecoveryRequestEntity): Promise<void> {
    const closed = await manager
      .createQueryBuilder()
      .update(AccountRecoveryRequestEntity)
      .set({ status: AccountRecoveryStatus.CANCELLED, openUserId: null, closedAt: this.deps.clock.now() })
      .where('id = :id AND status IN (:...open)', { id: request.id, open: [...OPEN_RECOVERY_STATUSES] })
      .execute();
    if (closed.affected !== 1) throw fail('RECOVERY_NOT_OPEN');
  }

  private async afterCancel(request: AccountRecoveryRequestEntity, ip: string | null, by: string): Promise<void> {
    await this.deps.links.spendAll(request.userId, [AccountLinkPurpose.ACCOUNT_RECOVERY_CANCEL]);
    await this.deps.events.record({ userId: request.userId, type: SecurityEventType.ACCOUNT_RECOVERY_CANCELLED, ip, detail: by });
  }

  /** The request `id` and its account, if the request exists and the account's role is below the staff member's. */
  private async requestBelow(staff: Actor, id: string): Promise<[AccountRecoveryRequestEntity, UserEntity]> {
    const request = REQUEST_ID.test(id) ? await this.requests.findOne({ where: { id }, relations: { user: true } }) : null;
    if (!request?.user) throw fail('NO_SUCH_RECOVERY_REQUEST');
    if (request.userId === staff.user.id) throw fail('NOT_YOURSELF');
    this.deps.staff.assertBelow(staff, request.user);
    return [request, request.user];
  }

  /**
   * The approval, told to the account's verified address with a new link to cancel (the first one
   * may be lost or old by now) and the moment it takes effect. The decision stands if the e-mail
   * cannot go out: the request's e-mail and the banner of every session told of it already.
   */
  private async mailApproval(account: UserEntity, request: AccountRecoveryRequestEntity, ip: string): Promise<void> {
    if (!account.emailVerified) return;
    const { mailer, logger } = this.deps;
    try {
      const slots = await mailer.reserve(mailer.channelCaps());
      await mailer.deliver(
        {
          purpose: AccountLinkPurpose.ACCOUNT_RECOVERY_CANCEL,
          words: 'ACCOUNT_RECOVERY_APPROVED',
          details: [`It takes effect on ${formatUtc(request.effectiveAt!)} unless it is cancelled before.`],
          userId: account.id,
          to: account.email,
          ip,
        },
        slots,
      );
    } catch (error) {
      logger.warn({ err: error, userId: account.id }, 'the approval of an account recovery could not be e-mailed');
    }
  }

  /** What staff see of each account: its address, age, method and latest sign-ins. */
  private async accountFacts(users: UserEntity[]): Promise<Map<string, RecoveryAccountFacts>> {
    const unique = [...new Map(users.map((user) => [user.id, user])).values()];
    if (unique.length === 0) return new Map();
    const { dataSource } = this.deps;
    const active = await dataSource.getRepository(TwoFactorEnrollmentEntity).findBy({
      userId: In(unique.map((user) => user.id)),
      state: EnrollmentState.ACTIVE,
    });
    const methodOf = new Map(active.map((enrollment) => [enrollment.userId, enrollment.method]));
    const facts = new Map<string, RecoveryAccountFacts>();
    for (const user of unique) {
      const sessions = await dataSource.getRepository(SessionEntity).find({
        where: { userId: user.id },
        order: { createdAt: 'DESC' },
        take: RECOVERY_LIMITS.recentSignIns,
      });
      facts.set(
        user.id,
        Object.assign(new RecoveryAccountFacts(), {
          id: user.id,
          email: user.email,
          emailVerified: user.emailVerified,
          role: user.role,
          createdAt: user.createdAt,
          twoFactorMethod: methodOf.get(user.id) ?? null,
          recentSignIns: sessions.map((session) =>
            Object.assign(new RecentSignIn(), {
              at: session.createdAt,
              ip: session.ip,
              device: browserLabel(session.userAgent),
              secondFactor: session.secondFactor,
            }),
          ),
        }),
      );
    }
    return facts;
  }

  private present(row: AccountRecoveryRequestEntity, account: RecoveryAccountFacts | null = null): AccountRecoveryRequest {
    return Object.assign(new AccountRecoveryRequest(), {
      id: row.id,
      status: row.status,
      message: row.message,
      createdAt: row.createdAt,
      effectiveAt: row.effectiveAt,
      waitHours: this.waitHours,
      requestIp: row.requestedIp,
      decidedAt: row.decidedAt,
      decisionReason: row.decisionReason,
      account,
    });
  }
}

/** The customer's words to support, trimmed, or RECOVERY_MESSAGE_LENGTH. */
function acceptableMessage(message: string): string {
  const text = message.trim();
  const length = [...text].length;
  if (length < RECOVERY_LIMITS.messageMinLength || length > RECOVERY_LIMITS.messageMaxLength) {
    throw fail('RECOVERY_MESSAGE_LENGTH', { minLength: RECOVERY_LIMITS.messageMinLength, maxLength: RECOVERY_LIMITS.messageMaxLength });
  }
  return text;
}

/** The limits on filing requests: per account a day, per IP address an hour. */
function requestCaps(userId: string, ip: string): Cap[] {
  const refusal = (retryAfterMs: number) => tooManyAttempts('RECOVERY_REQUEST_LIMIT', retryAfterMs);
  return [
    { key: `recovery:user:${userId}`, limit: RECOVERY_LIMITS.perAccountPerDay, windowMs: DAY_MS, refusal },
    { key: `recovery:ip:${ip}`, limit: RECOVERY_LIMITS.perIpPerHour, windowMs: HOUR_MS, refusal },
  ];
}
