import { randomUUID } from 'node:crypto';
import { In, IsNull, type DataSource } from 'typeorm';
import type { Clock } from '../../shared/clock';
import { AppError } from '../../shared/errors';
import type { SecurityEventsService } from '../audit/security-events.service';
import { SecurityEventType } from '../audit/security-event-type';
import type { RememberedBrowserCookie } from '../auth/account.service';
import type { UserEntity } from '../auth/entities/user.entity';
import type { ClientInfo, IssuedSession, SessionService } from '../auth/session.service';
import type { AttemptTicket, Refusal, TwoFactorAttemptLimiter } from './attempt-limiter';
import { guardedCheck } from './code-guard';
import { TwoFactorChallenge } from './dto/two-factor-challenge.type';
import { LoginChallengeEntity } from './entities/login-challenge.entity';
import { CodePurpose } from './entities/one-time-code.entity';
import type { TwoFactorEnrollmentEntity } from './entities/two-factor-enrollment.entity';
import type { CodeCheckResult } from './methods/method.types';
import type { OneTimeCodeService } from './methods/one-time-code/one-time-code.service';
import { looksLikeRecoveryCode, type RecoveryCodeService } from './methods/recovery-codes/recovery-codes.service';
import type { RememberedBrowserService } from './remembered-browsers/remembered-browsers.service';
import type { TwoFactorService } from './two-factor.service';
import { TWO_FACTOR_MESSAGES } from './two-factor.messages';

export const CHALLENGE_TTL_MS = 10 * 60_000;
/** Codes a challenge takes: five wrong ones, or four and a right one. */
export const MAX_CODES_PER_CHALLENGE = 5;

export interface ChallengeVerified extends IssuedSession {
  user: UserEntity;
  usedRecoveryCode: boolean;
  /** Set when the user asked to remember this browser. */
  rememberedBrowser?: RememberedBrowserCookie;
}

/**
 * The second step of a sign-in. A challenge belongs to one user, lives 10 minutes, allows 5 wrong
 * codes and is spent by its first success; only then is there a session.
 */
export class LoginChallengeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly twoFactor: TwoFactorService,
    private readonly recoveryCodes: RecoveryCodeService,
    private readonly sessions: SessionService,
    private readonly limiter: TwoFactorAttemptLimiter,
    private readonly events: SecurityEventsService,
    private readonly rememberedBrowsers: RememberedBrowserService,
    private readonly codes: OneTimeCodeService,
  ) {}

  private get challenges() {
    return this.dataSource.getRepository(LoginChallengeEntity);
  }

  /**
   * Opens a challenge after a right password; e-mail and SMS methods get their code now. When no
   * code can go out (a send cap is full, the provider failed) the challenge opens all the same,
   * with `codeSent: false`: a code received earlier (carried over) or a recovery code still lets
   * the owner in, so a limit never stands between them and their account.
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
    const module = this.twoFactor.module(active.method);
    if (!module.sendCode) return this.present(challenge, active, { codeSent: false, resendAvailableAt: null });
    try {
      const sent = await module.sendCode(active, CodePurpose.LOGIN, { ip, challengeId: challenge.id });
      return this.present(challenge, active, { codeSent: true, resendAvailableAt: sent.resendAvailableAt });
    } catch (error) {
      const resendAvailableAt = whenSendingResumes(error, now);
      if (!resendAvailableAt) {
        // Anything else (the limit store is down, say) fails the sign-in, leaving nothing half-made.
        await this.challenges.delete({ id: challenge.id });
        throw error;
      }
      await this.codes.carryOver(user.id, active.destination!, challenge.id);
      return this.present(challenge, active, { codeSent: false, resendAvailableAt });
    }
  }

  /** Sends a new code for an open challenge, within the send caps; the challenge's counts stay as they are. */
  async resend(challengeId: string, ip: string): Promise<TwoFactorChallenge> {
    const challenge = await this.openChallenge(challengeId);
    const active = await this.activeFor(challenge);
    const module = this.twoFactor.module(active.method);
    if (!module.sendCode) throw new AppError('BAD_USER_INPUT', TWO_FACTOR_MESSAGES.NO_CODE_METHOD);
    const sent = await module.sendCode(active, CodePurpose.LOGIN, { ip, challengeId: challenge.id });
    return this.present(challenge, active, { codeSent: true, resendAvailableAt: sent.resendAvailableAt });
  }

  /** Turns a challenge and a right code (or recovery code) into a session, and remembers the browser if asked. */
  async verify(challengeId: string, code: string, client: ClientInfo, rememberBrowser = false): Promise<ChallengeVerified> {
    // Refused before the code is looked at, so a forbidden request spends nothing.
    if (rememberBrowser) this.rememberedBrowsers.assertAllowed();
    const challenge = await this.openChallenge(challengeId);
    const active = await this.activeFor(challenge);
    const usedRecoveryCode = looksLikeRecoveryCode(code);
    const ticket = { userId: challenge.userId, ip: client.ip ?? 'unknown' };
    // A recovery code belongs to no method: the log must not say an authenticator code was used.
    const event = { userId: challenge.userId, method: usedRecoveryCode ? null : active.method, ip: client.ip };

    await guardedCheck(
      this.limiter,
      ticket,
      async (): Promise<CodeCheckResult> => {
        await this.countAttempt(challenge.id);
        if (usedRecoveryCode) {
          return this.recoveryCodes.use(challenge.userId, code);
        }
        return this.twoFactor.module(active.method).check(active, code, CodePurpose.LOGIN, challenge.id);
      },
      this.twoFactor.observer(usedRecoveryCode ? 'RECOVERY' : active.method),
      {
        wrongCode: () => this.events.record({ ...event, type: SecurityEventType.CHALLENGE_FAILED }),
        refused: (refusal) => this.recordRefusal(ticket, refusal),
      },
    );

    // Spend the challenge; of racing successes exactly one gets here with affected = 1.
    const spent = await this.challenges.update({ id: challenge.id, completedAt: IsNull() }, { completedAt: this.clock.now() });
    if (spent.affected !== 1) throw new AppError('UNAUTHENTICATED', TWO_FACTOR_MESSAGES.CHALLENGE_ENDED, { reason: 'CHALLENGE_ENDED' });
    const issued = await this.sessions.issue(challenge.userId, client);
    // One entry per sign-in, saying how it passed.
    if (usedRecoveryCode) {
      await this.events.record({
        ...event,
        type: SecurityEventType.RECOVERY_CODE_USED,
        recoveryCodesRemaining: await this.recoveryCodes.remaining(challenge.userId),
      });
    } else {
      await this.events.record({ ...event, type: SecurityEventType.CHALLENGE_PASSED });
    }
    const rememberedBrowser = rememberBrowser ? await this.rememberedBrowsers.remember(challenge.userId, client) : undefined;
    return { ...issued, user: challenge.user!, usedRecoveryCode, ...(rememberedBrowser ? { rememberedBrowser } : {}) };
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
    const counted = await this.challenges
      .createQueryBuilder()
      .update()
      .set({ attempts: () => 'attempts + 1' })
      .where('id = :id AND completed_at IS NULL AND attempts < :max', { id: challengeId, max: MAX_CODES_PER_CHALLENGE })
      .execute();
    if (counted.affected !== 1) throw new AppError('TOO_MANY_ATTEMPTS', TWO_FACTOR_MESSAGES.CHALLENGE_SPENT, { reason: 'CHALLENGE_SPENT' });
  }

  /** The users the given challenges belong to, by challenge id (unknown ids are left out). */
  async ownersOf(challengeIds: string[]): Promise<Map<string, string>> {
    const ids = [...new Set(challengeIds.filter(isChallengeId))];
    if (ids.length === 0) return new Map();
    const found = await this.challenges.find({ select: { id: true, userId: true }, where: { id: In(ids) } });
    return new Map(found.map((c) => [c.id, c.userId]));
  }

  /** The challenge if it can still be answered; otherwise the error that says why not. */
  private async openChallenge(challengeId: string): Promise<LoginChallengeEntity> {
    const challenge = isChallengeId(challengeId)
      ? await this.challenges.findOne({ where: { id: challengeId }, relations: { user: true } })
      : null;
    if (!challenge || challenge.completedAt || !challenge.user) {
      throw new AppError('UNAUTHENTICATED', TWO_FACTOR_MESSAGES.CHALLENGE_ENDED, { reason: 'CHALLENGE_ENDED' });
    }
    if (challenge.expiresAt.getTime() <= this.clock.now().getTime()) {
      throw new AppError('CODE_EXPIRED', TWO_FACTOR_MESSAGES.CHALLENGE_EXPIRED, { reason: 'CHALLENGE_EXPIRED' });
    }
    if (challenge.attempts >= MAX_CODES_PER_CHALLENGE) {
      throw new AppError('TOO_MANY_ATTEMPTS', TWO_FACTOR_MESSAGES.CHALLENGE_SPENT, { reason: 'CHALLENGE_SPENT' });
    }
    return challenge;
  }

  /** The user's active method now (support may have reset it since the challenge began). */
  private async activeFor(challenge: LoginChallengeEntity): Promise<TwoFactorEnrollmentEntity> {
    const active = await this.twoFactor.activeEnrollment(challenge.userId);
    if (!active || active.method !== challenge.method) {
      throw new AppError('UNAUTHENTICATED', TWO_FACTOR_MESSAGES.CHALLENGE_ENDED, { reason: 'CHALLENGE_ENDED' });
    }
    return active;
  }

  private present(
    challenge: LoginChallengeEntity,
    active: TwoFactorEnrollmentEntity,
    delivery: { codeSent: boolean; resendAvailableAt: Date | null },
  ): TwoFactorChallenge {
    return Object.assign(new TwoFactorChallenge(), {
      challengeId: challenge.id,
      method: challenge.method,
      maskedDestination: this.twoFactor.module(active.method).mask(active),
      expiresAt: challenge.expiresAt,
      ...delivery,
      rememberBrowserDays: this.rememberedBrowsers.rememberDays,
    });
  }
}

/**
 * Whether a sign-in goes on without a new code, and from when one may be sent: a full send cap
 * says when it frees up; a provider that failed may be tried again at once (nothing was spent).
 */
function whenSendingResumes(error: unknown, now: Date): Date | null {
  if (!(error instanceof AppError)) return null;
  if (error.code === 'DELIVERY_FAILED') return now;
  if (error.code !== 'TOO_MANY_ATTEMPTS') return null;
  const retryAfterSeconds = Number(error.extensions.retryAfterSeconds ?? 0);
  return new Date(now.getTime() + retryAfterSeconds * 1000);
}
/** Challenge ids are UUIDs: anything else is looked up nowhere. */
const isChallengeId = (value: string) => /^[0-9a-f-]{36}$/i.test(value);
