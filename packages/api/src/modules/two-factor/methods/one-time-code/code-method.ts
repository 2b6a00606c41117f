import type { UserEntity } from '../../../auth/entities/user.entity';
import { CodeSent } from '../../dto/enable-two-factor-result';
import type { EnableTwoFactorInput } from '../../dto/enable-two-factor.input';
import { type CodeChannel, CodePurpose } from '../../entities/one-time-code.entity';
import type { TwoFactorEnrollmentEntity } from '../../entities/two-factor-enrollment.entity';
import type { TwoFactorMethod } from '../../two-factor-method';
import type { CodeCheckResult, PreparedEnrollment, SendContext, TwoFactorMethodModule } from '../method.types';
import type { CodeDelivery, OneTimeCodeService, SentCode } from './one-time-code.service';

/**
 * What e-mail and SMS share: a destination checked at set-up, and six-digit codes sent to it.
 * The subclasses only say how to read and mask their destination.
 */
export abstract class CodeMethod implements TwoFactorMethodModule {
  abstract readonly method: TwoFactorMethod;
  protected abstract readonly channel: CodeChannel;
  /** The seed's "The code was sent to …" sentence for this method. */
  protected abstract readonly sentMessage: string;

  constructor(protected readonly codes: OneTimeCodeService) {}

  /** Validates and normalises the destination from the input; throws BAD_USER_INPUT. */
  protected abstract readDestination(input: EnableTwoFactorInput): string;
  abstract maskDestination(destination: string): string;

  async prepare(user: UserEntity, input: EnableTwoFactorInput, context: SendContext): Promise<PreparedEnrollment> {
    const destination = this.readDestination(input);
    const delivery: CodeDelivery = { userId: user.id, purpose: CodePurpose.ENROLL, channel: this.channel, destination, ip: context.ip };
    const slots = await this.codes.reserve(delivery);
    return {
      destination,
      secretCiphertext: null,
      present: async () => this.codeSent(await this.codes.send(delivery, slots), destination),
      release: () => slots.release(),
    };
  }

  sendCode(enrollment: TwoFactorEnrollmentEntity, purpose: CodePurpose, context: SendContext): Promise<SentCode> {
    return this.codes.send({
      userId: enrollment.userId,
      purpose,
      challengeId: context.challengeId ?? null,
      channel: this.channel,
      destination: enrollment.destination!,
      ip: context.ip,
    });
  }

  async check(enrollment: TwoFactorEnrollmentEntity, code: string, purpose: CodePurpose, challengeId?: string): Promise<CodeCheckResult> {
    const result = await this.codes.check({ userId: enrollment.userId, purpose, challengeId: challengeId ?? null }, code.trim());
    return result === 'valid' ? { ok: true } : { ok: false, reason: result };
  }

  mask(enrollment: TwoFactorEnrollmentEntity): string | null {
    return enrollment.destination ? this.maskDestination(enrollment.destination) : null;
  }

  codeSent(sent: SentCode, destination: string): CodeSent {
    return Object.assign(new CodeSent(), {
      message: this.sentMessage,
      maskedDestination: this.maskDestination(destination),
      ...sent,
    });
  }
}
