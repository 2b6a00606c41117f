import { randomInt, randomUUID } from 'node:crypto';
import { IsNull, MoreThan, type DataSource } from 'typeorm';
import { DeliveryError } from '../../../../delivery/delivery-error';
import type { EmailSender, SmsSender } from '../../../../delivery/delivery.types';
import { verificationCodeEmail, verificationCodeSms, type CodePurpose as EmailPurpose } from '../../../../delivery/templates';
import type { Clock } from '../../../../shared/clock';
import { fail } from '../../../../errors/app-error';
import type { Logger } from '../../../../shared/logger';
import type { Metrics } from '../../../../observability/metrics';
import type { SecretBox } from '../../../../shared/secret-box';
import { CodeChannel, CodePurpose, OneTimeCodeEntity } from '../../entities/one-time-code.entity';
import type { HeldSlots } from '../../../../limits/held-slots';
import { RESEND_WAIT_MS, type CodeSendLimits, type SendRequest } from './send-limits';

export const CODE_TTL_MS = 10 * 60_000;
/** The e-mail says what its code is for: a proof before Disable or a switch is no set-up. */
const EMAIL_PURPOSES: Record<CodePurpose, EmailPurpose> = {
  [CodePurpose.ENROLL]: 'enroll',
  [CodePurpose.LOGIN]: 'login',
  [CodePurpose.PROOF]: 'proof',
};
export const MAX_TRIES_PER_CODE = 5;

export interface CodeTarget {
  userId: string;
  purpose: CodePurpose;
  /** LOGIN codes belong to one challenge; other purposes leave it null. */
  challengeId?: string | null;
}

/** A code to send: its target, where it goes, and the client's address (for the per-IP budget). */
export type CodeDelivery = CodeTarget & SendRequest;

export interface SentCode {
  expiresAt: Date;
  resendAvailableAt: Date;
}

export interface OneTimeCodeDependencies {
  dataSource: DataSource;
  clock: Clock;
  secrets: SecretBox;
  senders: { email: EmailSender; sms: SmsSender };
  issuerName: string;
  logger: Logger;
  metrics: Metrics;
  limits: CodeSendLimits;
}

/** `used`: the right code, already spent by a success (an earlier one, or a racing request). */
export type CodeCheck = 'valid' | 'invalid' | 'expired' | 'used';

/**
 * Six-digit codes sent by e-mail or SMS: generated from a CSPRNG, stored as a keyed hash, valid
 * 10 minutes, single use, spent after 5 wrong tries. A resend replaces the previous code. How
 * often codes may be sent is CodeSendLimits' business (send-limits.ts): its slots are taken
 * before a code exists, and given back when the code does not go out.
 */
export class OneTimeCodeService {
  private readonly dataSource: DataSource;
  private readonly clock: Clock;
  private readonly secrets: SecretBox;
  private readonly senders: { email: EmailSender; sms: SmsSender };
  private readonly issuerName: string;
  private readonly logger: Logger;
  private readonly metrics: Metrics;
  private readonly limits: CodeSendLimits;

  constructor(deps: OneTimeCodeDependencies) {
    this.dataSource = deps.dataSource;
    this.clock = deps.clock;
    this.secrets = deps.secrets;
    this.senders = deps.senders;
    this.issuerName = deps.issuerName;
    this.logger = deps.logger;
    this.metrics = deps.metrics;
    this.limits = deps.limits;
  }

  private get codes() {
    return this.dataSource.getRepository(OneTimeCodeEntity);
  }

  /**
   * Takes the send slots of a code ahead of sending it, for a caller that must know a code may go
   * out before it does something it cannot undo (spending a proof). Pass them to `send`, or
   * `release` them. Throws TOO_MANY_ATTEMPTS (with the cap's reason) when a cap is full.
   */
  reserve(delivery: CodeDelivery): Promise<HeldSlots> {
    return this.limits.take(delivery);
  }

  /** Sends a new code, within the send caps (reserved here unless `slots` are given). */
  async send(delivery: CodeDelivery, slots?: HeldSlots): Promise<SentCode> {
    const held = slots ?? (await this.reserve(delivery));
    let sent: SentCode;
    try {
      sent = await this.generateAndDeliver(delivery);
    } catch (error) {
      // Nothing is spent: the slots go back, as if this send had not been asked for.
      await held.release().catch((releaseError: unknown) => this.logger.warn({ err: releaseError }, 'send slots could not be given back'));
      throw error;
    }
    held.keep();
    return sent;
  }

  private async generateAndDeliver(delivery: CodeDelivery): Promise<SentCode> {
    const now = this.clock.now();
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
      // The failed code goes; the previous one (if any) still works.
      await this.codes.delete({ id: row.id });
      if (error instanceof DeliveryError) {
        this.logger.warn({ provider: error.provider, channel: error.channel, reason: error.reason }, 'code delivery failed');
        throw fail('DELIVERY_FAILED');
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

  /**
   * Hands the newest live sign-in code of a user to a new challenge that could not get one of its
   * own (a send cap was full, the provider failed), so a code the user already received still lets
   * them in. Only a code sent to the destination in use moves; it keeps its expiry and its tries,
   * and the challenge it came from loses it.
   */
  async carryOver(userId: string, destination: string, challengeId: string): Promise<void> {
    const live = await this.codes.findOne({
      where: { userId, purpose: CodePurpose.LOGIN, destination, spentAt: IsNull(), expiresAt: MoreThan(this.clock.now()) },
      order: { createdAt: 'DESC' },
    });
    if (live) await this.codes.update({ id: live.id, spentAt: IsNull() }, { challengeId });
  }

  /** Spends every open code of a user for a purpose (e.g. when a set-up is replaced). */
  async spendAll(userId: string, purpose: CodePurpose): Promise<void> {
    await this.codes.update({ userId, purpose, spentAt: IsNull() }, { spentAt: this.clock.now() });
  }

  private async deliver(delivery: CodeDelivery, code: string): Promise<void> {
    if (delivery.channel === CodeChannel.EMAIL) {
      const message = verificationCodeEmail({ issuerName: this.issuerName, code, purpose: EMAIL_PURPOSES[delivery.purpose] });
      await this.senders.email.send({ to: delivery.destination, ...message, code });
    } else {
      await this.senders.sms.send({ to: delivery.destination, text: verificationCodeSms({ issuerName: this.issuerName, code }), code });
    }
  }
}
