import { randomUUID } from 'node:crypto';
import { In, type DataSource } from 'typeorm';
import { instant } from '../../db/columns';
import { preparedSelect, preparedWrite } from '../../db/prepared-statements';
import type { Clock } from '../../shared/clock';
import { fail } from '../../errors/app-error';
import type { SecurityEventsService } from '../audit/security-events.service';
import { SecurityEventType } from '../audit/security-event-type';
import type { RememberedBrowserCookie } from '../auth/account.service';
import { UserEntity } from '../auth/entities/user.entity';
import type { ClientInfo } from '../../shared/client-info';
import type { IssuedSession, SessionService } from '../auth/session.service';
import { SessionSecondFactor } from '../auth/session-second-factor';
import type { AttemptTicket, Refusal, TwoFactorAttemptLimiter } from './attempt-limiter';
import { countChecks, guardedCheck } from './code-guard';
import { TwoFactorChallenge } from './dto/two-factor-challenge.type';
import { LoginChallengeEntity } from './entities/login-challenge.entity';
import { CodePurpose } from './entities/one-time-code.entity';
import type { TwoFactorEnrollmentEntity } from './entities/two-factor-enrollment.entity';
import type { ChallengeOpening, CheckResult } from './methods/method.types';
import type { MethodModules } from './methods/method-modules';
import type { Metrics } from '../../observability/metrics';
import { looksLikeRecoveryCode, type RecoveryCodeService } from './methods/recovery-codes/recovery-codes.service';
import type { RememberedBrowserService } from './remembered-browsers/remembered-browsers.service';
import type { TwoFactorService } from './two-factor.service';

export const CHALLENGE_TTL_MS = 10 * 60_000;
/** Codes a challenge takes: five wrong ones, or four and a right one. */
export const MAX_CODES_PER_CHALLENGE = 5;

export interface ChallengeVerified extends IssuedSession {
  user: UserEntity;
  usedRecoveryCode: boolean;
  /** After a recovery code: how many are left. */
  recoveryCodesRemaining: number | null;
  /** Set when the user asked to remember this browser. */
  rememberedBrowser?: RememberedBrowserCookie;
}

export interface LoginChallengeDependencies {
  dataSource: DataSource;
  clock: Clock;
  twoFactor: TwoFactorService;
  methods: MethodModules;
  recoveryCodes: RecoveryCodeService;
  sessions: SessionService;
  limiter: TwoFactorAttemptLimiter;
  events: SecurityEventsService;
  rememberedBrowsers: RememberedBrowserService;
  metrics: Metrics;
}

/**
 * The second step of a sign-in. A challenge belongs to one user, lives 10 minutes, allows 5 wrong
 * codes and is spent by its first success; only then is there a session. How a challenge begins
 * and what answers it is the active method's business.
 */
export class LoginChallengeService {
  private readonly dataSource: DataSource;
  private readonly clock: Clock;
  private readonly twoFactor: TwoFactorService;
  private readonly methods: MethodModules;
  private readonly recoveryCodes: RecoveryCodeService;
  private readonly sessions: SessionService;
  private readonly limiter: TwoFactorAttemptLimiter;
  private readonly events: SecurityEventsService;
  private readonly rememberedBrowsers: RememberedBrowserService;
  private readonly metrics: Metrics;

  constructor(deps: LoginChallengeDependencies) {
    this.dataSource = deps.dataSource;
    this.clock = deps.clock;
    this.twoFactor = deps.twoFactor;
    this.methods = deps.methods;
    this.recoveryCodes = deps.recoveryCodes;
    this.sessions = deps.sessions;
    this.limiter = deps.limiter;
    this.events = deps.events;
    this.rememberedBrowsers = deps.rememberedBrowsers;
    this.metrics = deps.metrics;
    this.challengeById = preparedSelect(deps.dataSource, {
      name: 'login_challenge_by_id',
      select: { challenge: LoginChallengeEntity, user: UserEntity },
      from: '"login_challenges" "challenge" LEFT JOIN "users" "user" ON "user"."id" = "challenge"."user_id"',
      where: 'WHERE "challenge"."id" = ?',
    });
    this.countTry = preparedWrite(deps.dataSource, {
      name: 'login_challenge_count_try',
      sql: 'UPDATE "login_challenges" SET "attempts" = "attempts" + 1 WHERE "id" = ? AND "completed_at" IS NULL AND "attempts" < ?',
    });
    this.spend = preparedWrite(deps.dataSource, {
      name: 'login_challenge_spend',
      sql: 'UPDATE "login_challenges" SET "completed_at" = ? WHERE "id" = ? AND "completed_at" IS NULL',
    });
  }

  /** Each code check counts a try, and a passed one spends the challenge: prepared once. */
  private readonly countTry;
  private readonly spend;

  /** Every code check reads its challenge and user first: one prepared statement. */
  private readonly challengeById;

  private get challenges() {
    return this.dataSource.getRepository(LoginChallengeEntity);
  }

  /**
   * Opens a challenge after a right password, and lets the active method begin it (an e-mail or
   * SMS method sends its code; a method may open it without one, e.g. when a send limit is full).
   * When the method fails, the sign-in fails, leaving nothing half-made.
   */
  async start(user: UserEntity, active: TwoFactorEnrollmentEntity, ip: string): Promise<TwoFactorChallenge> {
    const now = this.clock.now();
    const challenge = this.challenges.create({
      id: randomUUID(),
      userId: user.id,
      method: active.method,
      attempts: 0,
      createdAt: now,
      expiresAt: new Date(now.getTime() + CHALLENGE_TTL_MS),
      completedAt: null,
    });
    await this.challenges.insert(challenge);
    let opening: ChallengeOpening;
    try {
      opening = await this.methods.get(active.method).openChallenge(active, { ip, challengeId: challenge.id });
    } catch (error) {
      await this.challenges.delete({ id: challenge.id });
      throw error;
    }
    return this.present(challenge, active, opening);
  }

  /** Sends a new code for an open challenge, within the send caps; the challenge's counts stay as they are. */
  async resend(challengeId: string, ip: string): Promise<TwoFactorChallenge> {
    const challenge = await this.openChallenge(challengeId);
    const active = await this.activeFor(challenge);
    const module = this.methods.get(active.method);
    if (!module.sendCode) throw fail('NO_CODE_METHOD');
    const sent = await module.sendCode(active, CodePurpose.LOGIN, { ip, challengeId: challenge.id });
    return this.present(challenge, active, { codeSent: true, resendAvailableAt: sent.resendAvailableAt });
  }

  /** Turns a challenge and a right code (or recovery code) into a session, and remembers the browser if asked. */
  async verify(challengeId: string, code: string, client: ClientInfo, rememberBrowser = false): Promise<ChallengeVerified> {
    // Refused before the code is looked at, so a forbidden request spends nothing.
    if (rememberBrowser) await this.rememberedBrowsers.assertAllowed();
    const challenge = await this.openChallenge(challengeId);
    const active = await this.activeFor(challenge);
    const usedRecoveryCode = looksLikeRecoveryCode(code);
    const ticket = { userId: challenge.userId, ip: client.ip ?? 'unknown' };
    // A recovery code belongs to no method: the log must not say an authenticator code was used.
    const event = { userId: challenge.userId, method: usedRecoveryCode ? null : active.method, ip: client.ip };

    await guardedCheck(
      this.limiter,
      ticket,
      async (): Promise<CheckResult> => {
        await this.countAttempt(challenge.id);
        if (usedRecoveryCode) {
          return this.recoveryCodes.use(challenge.userId, code);
        }
        return this.methods.get(active.method).check(active, code, CodePurpose.LOGIN, { ip: ticket.ip, challengeId: challenge.id });
      },
      countChecks(this.metrics, usedRecoveryCode ? 'RECOVERY' : active.method),
      {
        wrongCode: () => this.events.record({ ...event, type: SecurityEventType.CHALLENGE_FAILED }),
        refused: (refusal) => this.recordRefusal(ticket, refusal),
      },
    );

    // Spend the challenge; of racing successes exactly one gets here with affected = 1.
    if ((await this.spend([instant(this.clock.now()), challenge.id])) !== 1) throw fail('CHALLENGE_ENDED');
    const issued = await this.sessions.issue(
      challenge.userId,
      client,
      usedRecoveryCode ? { kind: SessionSecondFactor.RECOVERY_CODE } : { kind: SessionSecondFactor.CODE, method: active.method },
    );
    // One entry per sign-in, saying how it passed.
    const recoveryCodesRemaining = usedRecoveryCode ? await this.recoveryCodes.remaining(challenge.userId) : null;
    if (recoveryCodesRemaining !== null) {
      await this.events.record({ ...event, type: SecurityEventType.RECOVERY_CODE_USED, recoveryCodesRemaining });
    } else {
      await this.events.record({ ...event, type: SecurityEventType.CHALLENGE_PASSED });
    }
    const rememberedBrowser = rememberBrowser ? await this.rememberedBrowsers.remember(challenge.userId, client) : undefined;
    return {
      ...issued,
      user: challenge.user!,
      usedRecoveryCode,
      recoveryCodesRemaining,
      ...(rememberedBrowser ? { rememberedBrowser } : {}),
    };
  }

  /**
   * Codes refused unchecked go to the log as one counted entry per lock (or per IP window): a
   * locked account hammered with guesses keeps a readable log.
   */
  private recordRefusal(ticket: AttemptTicket, refusal: Refusal): Promise<void> {
    const byLock = refusal.by === 'LOCKED';
    return this.events.recordRepeated(
      {
        userId: ticket.userId,
        type: byLock ? SecurityEventType.CHECK_REFUSED_LOCKED : SecurityEventType.CHECK_REFUSED_IP_LIMIT,
        ip: ticket.ip,
      },
      byLock ? `lock until ${refusal.endsAtMs}` : `ip ${ticket.ip} until ${refusal.endsAtMs}`,
    );
  }

  /**
   * Counts a try before the code is compared, by a conditional UPDATE, so parallel tries cannot
   * get more than five codes compared against one challenge.
   */
  private async countAttempt(challengeId: string): Promise<void> {
    if ((await this.countTry([challengeId, MAX_CODES_PER_CHALLENGE])) !== 1) throw fail('CHALLENGE_SPENT');
  }

  /** The users the given challenges belong to, by challenge id (unknown ids are left out). */
  async ownersOf(challengeIds: string[]): Promise<Map<string, string>> {
    const ids = [...new Set(challengeIds.filter(isChallengeId))];
    if (ids.length === 0) return new Map();
    const found = await this.challenges.find({ select: { id: true, userId: true }, where: { id: In(ids) } });
    return new Map(found.map((c) => [c.id, c.userId]));
  }

  /**
   * The user who passed the password step of a challenge that is neither used nor expired, however
   * many of its codes were wrong and whether or not 2FA checks are locked: what an account recovery
   * request is made with, by someone who cannot give a code at all.
   */
  async passwordPassedBy(challengeId: string): Promise<UserEntity> {
    const challenge = isChallengeId(challengeId)
      ? await this.challenges.findOne({ where: { id: challengeId }, relations: { user: true } })
      : null;
    if (!challenge || challenge.completedAt || !challenge.user) throw fail('CHALLENGE_ENDED');
    if (challenge.expiresAt.getTime() <= this.clock.now().getTime()) throw fail('CHALLENGE_EXPIRED');
    return challenge.user;
  }

  /** The challenge if it can still be answered; otherwise the error that says why not. */
  private async openChallenge(challengeId: string): Promise<LoginChallengeEntity> {
    const found = isChallengeId(challengeId) ? await this.challengeById.first([challengeId]) : undefined;
    const challenge = found?.challenge;
    if (!challenge || challenge.completedAt || !found.user) throw fail('CHALLENGE_ENDED');
    challenge.user = found.user;
    if (challenge.expiresAt.getTime() <= this.clock.now().getTime()) throw fail('CHALLENGE_EXPIRED');
    if (challenge.attempts >= MAX_CODES_PER_CHALLENGE) throw fail('CHALLENGE_SPENT');
    return challenge;
  }

  /** The user's active method now (support may have reset it since the challenge began). */
  private async activeFor(challenge: LoginChallengeEntity): Promise<TwoFactorEnrollmentEntity> {
    const active = await this.twoFactor.activeEnrollment(challenge.userId);
    if (!active || active.method !== challenge.method) throw fail('CHALLENGE_ENDED');
    return active;
  }

  private async present(
    challenge: LoginChallengeEntity,
    active: TwoFactorEnrollmentEntity,
    opening: ChallengeOpening,
  ): Promise<TwoFactorChallenge> {
    const module = this.methods.get(active.method);
    return Object.assign(new TwoFactorChallenge(), {
      challengeId: challenge.id,
      method: challenge.method,
      maskedDestination: await module.mask(active),
      expiresAt: challenge.expiresAt,
      codeSent: opening.codeSent,
      resendAvailableAt: opening.resendAvailableAt,
      webAuthnOptionsJSON: opening.webAuthnOptionsJSON ?? null,
      sendsCodes: module.definition.sendsCodes,
      proof: module.definition.proof,
      rememberBrowserDays: await this.rememberedBrowsers.rememberDays(),
    });
  }
}

/** Challenge ids are UUIDs: anything else is looked up nowhere. */
const isChallengeId = (value: string) => /^[0-9a-f-]{36}$/i.test(value);
