import type { DataSource } from 'typeorm';
import type { Clock } from '../../../../shared/clock';
import { AppError } from '../../../../errors/app-error';
import { ErrorCode } from '../../../../errors/error-catalogue';
import type { UserEntity } from '../../../auth/entities/user.entity';
import { CodeSent } from '../../dto/enable-two-factor-result';
import type { EnableTwoFactorInput } from '../../dto/enable-two-factor.input';
import { type CodeChannel, CodePurpose } from '../../entities/one-time-code.entity';
import type { TwoFactorEnrollmentEntity } from '../../entities/two-factor-enrollment.entity';
import type {
  ChallengeOpening,
  CheckResult,
  MethodContext,
  MethodDefinition,
  MethodDependencies,
  PreparedEnrollment,
  TwoFactorMethodModule,
} from '../method.types';
import { CodeDestinationEntity } from './code-destination.entity';
import type { CodeDelivery, OneTimeCodeService, SentCode } from './one-time-code.service';

/**
 * What e-mail and SMS share: a destination checked at set-up, and six-digit codes sent to it.
 * The subclasses only say how to read and mask their destination.
 */
export abstract class CodeMethod implements TwoFactorMethodModule {
  protected abstract readonly channel: CodeChannel;
  /** The seed's "The code was sent to …" sentence for this method. */
  protected abstract readonly sentMessage: string;
  protected readonly codes: OneTimeCodeService;
  private readonly dataSource: DataSource;
  private readonly clock: Clock;

  constructor(
    readonly definition: MethodDefinition,
    deps: MethodDependencies,
  ) {
    this.codes = deps.codes;
    this.dataSource = deps.dataSource;
    this.clock = deps.clock;
  }

  /** Validates and normalises the destination from the input; throws BAD_USER_INPUT. */
  protected abstract readDestination(input: EnableTwoFactorInput): string | Promise<string>;
  abstract maskDestination(destination: string): string;

  async prepare(user: UserEntity, input: EnableTwoFactorInput, context: MethodContext): Promise<PreparedEnrollment> {
    const destination = await this.readDestination(input);
    const delivery: CodeDelivery = { userId: user.id, purpose: CodePurpose.ENROLL, channel: this.channel, destination, ip: context.ip };
    const slots = await this.codes.reserve(delivery);
    return {
      store: async (manager, enrollment) => {
        await manager.insert(CodeDestinationEntity, { enrollmentId: enrollment.id, destination });
      },
      present: async () => this.codeSent(await this.codes.send(delivery, slots), destination),
      release: () => slots.release(),
    };
  }

  async sendCode(enrollment: TwoFactorEnrollmentEntity, purpose: CodePurpose, context: MethodContext): Promise<CodeSent> {
    const destination = await this.destinationOf(enrollment);
    return this.codeSent(await this.codes.send(this.delivery(enrollment, destination, purpose, context)), destination);
  }

  /**
   * Sends the sign-in's code. When none can go out (a send cap is full, the provider failed) the
   * challenge opens all the same, without a new code: a code received earlier is carried over to
   * it, and a recovery code works too, so a limit never stands between the owner and the account.
   */
  async openChallenge(enrollment: TwoFactorEnrollmentEntity, context: MethodContext & { challengeId: string }): Promise<ChallengeOpening> {
    const destination = await this.destinationOf(enrollment);
    const now = this.clock.now();
    try {
      const sent = await this.codes.send(this.delivery(enrollment, destination, CodePurpose.LOGIN, context));
      return { codeSent: true, resendAvailableAt: sent.resendAvailableAt };
    } catch (error) {
      const resendAvailableAt = whenSendingResumes(error, now);
      // Anything else (the limit store is down, say) fails the sign-in.
      if (!resendAvailableAt) throw error;
      await this.codes.carryOver(enrollment.userId, destination, context.challengeId);
      return { codeSent: false, resendAvailableAt };
    }
  }

  async check(enrollment: TwoFactorEnrollmentEntity, code: string, purpose: CodePurpose, context: MethodContext): Promise<CheckResult> {
    const result = await this.codes.check({ userId: enrollment.userId, purpose, challengeId: context.challengeId ?? null }, code.trim());
    return result === 'valid' ? { ok: true } : { ok: false, reason: result };
  }

  async mask(enrollment: TwoFactorEnrollmentEntity): Promise<string | null> {
    const state = await this.dataSource.getRepository(CodeDestinationEntity).findOneBy({ enrollmentId: enrollment.id });
    return state ? this.maskDestination(state.destination) : null;
  }

  async discardOpen(userId: string, purpose: CodePurpose): Promise<void> {
    await this.codes.spendAll(userId, purpose);
  }

  private async destinationOf(enrollment: TwoFactorEnrollmentEntity): Promise<string> {
    const state = await this.dataSource.getRepository(CodeDestinationEntity).findOneByOrFail({ enrollmentId: enrollment.id });
    return state.destination;
  }

  private delivery(enrollment: TwoFactorEnrollmentEntity, destination: string, purpose: CodePurpose, context: MethodContext): CodeDelivery {
    return {
      userId: enrollment.userId,
      purpose,
      challengeId: context.challengeId ?? null,
      channel: this.channel,
      destination,
      ip: context.ip,
    };
  }

  private codeSent(sent: SentCode, destination: string): CodeSent {
    return Object.assign(new CodeSent(), {
      message: this.sentMessage,
      maskedDestination: this.maskDestination(destination),
      ...sent,
    });
  }
}

/**
 * Whether a sign-in goes on without a new code, and from when one may be sent: a full send cap
 * says when it frees up; a provider that failed may be tried again at once (nothing was spent).
 */
function whenSendingResumes(error: unknown, now: Date): Date | null {
  if (!(error instanceof AppError)) return null;
  if (error.code === ErrorCode.DELIVERY_FAILED) return now;
  if (error.code !== ErrorCode.TOO_MANY_ATTEMPTS) return null;
  const retryAfterSeconds = Number(error.extensions.retryAfterSeconds ?? 0);
  return new Date(now.getTime() + retryAfterSeconds * 1000);
}
