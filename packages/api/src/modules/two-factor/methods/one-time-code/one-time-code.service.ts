import { randomInt, randomUUID } from 'node:crypto';
import { IsNull, MoreThan, type DataSource } from 'typeorm';
import { DeliveryError } from '../../../../delivery/delivery-error';
import type { EmailSender, SmsSender } from '../../../../delivery/delivery.types';
import { verificationCodeEmail, verificationCodeSms } from '../../../../delivery/templates';
import type { Clock } from '../../../../shared/clock';
import { AppError, tooManyAttempts } from '../../../../shared/errors';
import type { Logger } from '../../../../shared/logger';
import type { Metrics } from '../../../../observability/metrics';
import type { SecretBox } from '../../../../shared/secret-box';
import { CodeChannel, CodePurpose, OneTimeCodeEntity } from '../../entities/one-time-code.entity';
import { TWO_FACTOR_MESSAGES } from '../../two-factor.messages';

export const CODE_TTL_MS = 10 * 60_000;
export const RESEND_WAIT_MS = 60_000;
export const MAX_CODES_PER_HOUR = 5;
export const MAX_TRIES_PER_CODE = 5;
const HOUR_MS = 60 * 60_000;

export interface CodeTarget {
  userId: string;
  purpose: CodePurpose;
  /** LOGIN codes belong to one challenge; other purposes leave it null. */
  challengeId?: string | null;
}

export interface CodeDelivery extends CodeTarget {
  channel: CodeChannel;
  destination: string;
}

export interface SentCode {
  expiresAt: Date;
  resendAvailableAt: Date;
}

/** `used`: the right code, already spent by a success (an earlier one, or a racing request). */
export type CodeCheck = 'valid' | 'invalid' | 'expired' | 'used';

/**
 * Six-digit codes sent by e-mail or SMS: generated from a CSPRNG, stored as a keyed hash, valid
 * 10 minutes, single use, spent after 5 wrong tries. A resend waits 60 s and replaces the
 * previous code; at most 5 codes an hour per user and per destination.
 */
export class OneTimeCodeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly secrets: SecretBox,
    private readonly senders: { email: EmailSender; sms: SmsSender },
    private readonly issuerName: string,
    private readonly logger: Logger,
    private readonly metrics: Metrics,
  ) {}

  private get codes() {
    return this.dataSource.getRepository(OneTimeCodeEntity);
  }

  async send(delivery: CodeDelivery): Promise<SentCode> {
    const now = this.clock.now();
    await this.assertMaySend(delivery, now);

    const code = randomInt(0, 1_000_000).toString().padStart(6, '0');
    const row = this.codes.create({
      id: randomUUID(),
      userId: delivery.userId,
      purpose: delivery.purpose,
      channel: delivery.channel,
      destination: delivery.destination,
      challengeId: delivery.challengeId ?? null,
      codeHash: this.secrets.hashCode(code),
      attempts: 0,
      createdAt: now,
      expiresAt: new Date(now.getTime() + CODE_TTL_MS),
      spentAt: null,
    });
    await this.codes.insert(row);
    const sender = delivery.channel === CodeChannel.EMAIL ? this.senders.email : this.senders.sms;
    const labels = { channel: delivery.channel, provider: sender.provider };
    try {
      await this.deliver(delivery, code);
      this.metrics.codesSent.inc({ ...labels, outcome: 'sent' });
    } catch (error) {
      this.metrics.codesSent.inc({ ...labels, outcome: 'failed' });
      // Nothing is spent: the failed code goes, the previous one (if any) still works.
      await this.codes.delete({ id: row.id });
      if (error instanceof DeliveryError) {
        this.logger.warn({ provider: error.provider, channel: error.channel, reason: error.reason }, 'code delivery failed');
        throw new AppError('DELIVERY_FAILED', TWO_FACTOR_MESSAGES.DELIVERY_FAILED);
      }
      throw error;
    }
    // The new code replaces any earlier one for the same purpose.
    await this.codes
      .createQueryBuilder()
      .update()
      .set({ spentAt: now })
      .where('user_id = :userId AND purpose = :purpose AND spent_at IS NULL AND id <> :id', {
        userId: delivery.userId,
        purpose: delivery.purpose,
        id: row.id,
      })
      .andWhere(delivery.challengeId ? 'challenge_id = :challengeId' : 'challenge_id IS NULL', { challengeId: delivery.challengeId })
      .execute();
    return { expiresAt: row.expiresAt, resendAvailableAt: new Date(now.getTime() + RESEND_WAIT_MS) };
  }

  /** When the latest code for this target was sent, for the client's resend countdown. */
  async latest(target: CodeTarget): Promise<OneTimeCodeEntity | null> {
    return this.codes.findOne({
      where: { userId: target.userId, purpose: target.purpose, challengeId: target.challengeId ?? IsNull() },
      order: { createdAt: 'DESC' },
    });
  }

  /**
   * Checks a code against the latest one sent for the target, and spends it when right. The try is
   * counted before the comparison, by a conditional UPDATE: of parallel tries only the first five
   * get compared, and of parallel right answers exactly one spends the code.
   */
  async check(target: CodeTarget, code: string): Promise<CodeCheck> {
    const now = this.clock.now();
    const latest = await this.latest(target);
    if (!latest) return 'invalid';
    const matches = /^\d{6}$/.test(code) && this.secrets.codeMatches(code, latest.codeHash);
    // A spent code that is right was used (unless tries used it up: then it is just refused).
    const spentAnswer = (attempts: number) => (matches && attempts <= MAX_TRIES_PER_CODE - 1 ? 'used' : 'invalid');
    if (latest.spentAt) return spentAnswer(latest.attempts);
    if (latest.expiresAt.getTime() <= now.getTime()) return 'expired';

    const counted = await this.codes
      .createQueryBuilder()
      .update()
      .set({ attempts: () => 'attempts + 1' })
      .where('id = :id AND spent_at IS NULL AND attempts < :max', { id: latest.id, max: MAX_TRIES_PER_CODE })
      .execute();
    if (counted.affected !== 1) return spentAnswer(latest.attempts);

    if (matches) {
      const spent = await this.codes.update({ id: latest.id, spentAt: IsNull() }, { spentAt: now });
      return spent.affected === 1 ? 'valid' : 'used';
    }
    // The fifth wrong try spends the code.
    await this.codes.update({ id: latest.id, spentAt: IsNull(), attempts: MoreThan(MAX_TRIES_PER_CODE - 1) }, { spentAt: now });
    return 'invalid';
  }

  /** Spends every open code of a user for a purpose (e.g. when a set-up is replaced). */
  async spendAll(userId: string, purpose: CodePurpose): Promise<void> {
    await this.codes.update({ userId, purpose, spentAt: IsNull() }, { spentAt: this.clock.now() });
  }

  private async assertMaySend(delivery: CodeDelivery, now: Date): Promise<void> {
    // The wait is between two codes to the same place for the same step: a new set-up to another
    // address or number does not wait for the previous one.
    const latest = await this.latest(delivery);
    if (latest && latest.destination === delivery.destination) {
      const waitMs = latest.createdAt.getTime() + RESEND_WAIT_MS - now.getTime();
      if (waitMs > 0) throw tooManyAttempts(TWO_FACTOR_MESSAGES.RESEND_WAIT, waitMs, 'RESEND_WAIT');
    }
    const hourAgo = new Date(now.getTime() - HOUR_MS);
    for (const where of [{ userId: delivery.userId }, { destination: delivery.destination }]) {
      const recent = await this.codes.find({
        where: { ...where, createdAt: MoreThan(hourAgo) },
        order: { createdAt: 'ASC' },
        take: MAX_CODES_PER_HOUR,
      });
      if (recent.length >= MAX_CODES_PER_HOUR) {
        throw tooManyAttempts(TWO_FACTOR_MESSAGES.HOURLY_CAP, recent[0]!.createdAt.getTime() + HOUR_MS - now.getTime(), 'HOURLY_CAP');
      }
    }
  }

  private async deliver(delivery: CodeDelivery, code: string): Promise<void> {
    if (delivery.channel === CodeChannel.EMAIL) {
      const purpose = delivery.purpose === CodePurpose.LOGIN ? 'login' : 'enroll';
      const message = verificationCodeEmail({ issuerName: this.issuerName, code, purpose });
      await this.senders.email.send({ to: delivery.destination, ...message, code });
    } else {
      await this.senders.sms.send({ to: delivery.destination, text: verificationCodeSms({ issuerName: this.issuerName, code }), code });
    }
  }
}
