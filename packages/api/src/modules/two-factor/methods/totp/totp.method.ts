import type { EntityManager } from 'typeorm';
import { preparedSelect, preparedWrite } from '../../../../db/prepared-statements';
import type { Clock } from '../../../../shared/clock';
import { fail } from '../../../../errors/app-error';
import type { SecretBox } from '../../../../shared/secret-box';
import type { UserEntity } from '../../../auth/entities/user.entity';
import { TotpSetup } from '../../dto/enable-two-factor-result';
import { CodePurpose } from '../../entities/one-time-code.entity';
import type { TwoFactorEnrollmentEntity } from '../../entities/two-factor-enrollment.entity';
import type {
  ChallengeOpening,
  CheckResult,
  MethodDefinition,
  MethodDependencies,
  PreparedEnrollment,
  TwoFactorMethodModule,
} from '../method.types';
import { TotpSecretEntity } from './totp-secret.entity';
import { TOTP_PERIOD_SECONDS, checkTotp, generateTotpSecret, otpauthUri } from './totp';
import { qrCodePngDataUrl } from './qr-png';

/** Codes from an authenticator app: nothing is sent, a secret is shared once at set-up. */
export class TotpMethod implements TwoFactorMethodModule {
  private readonly clock: Clock;
  private readonly secrets: SecretBox;
  private readonly issuerName: string;
  // Read and written at every sign-in with a code: prepared once.
  private readonly secretOf;
  private readonly acceptLaterStep;

  constructor(
    readonly definition: MethodDefinition,
    deps: MethodDependencies,
  ) {
    this.clock = deps.clock;
    this.secrets = deps.secrets;
    this.issuerName = deps.issuerName;
    this.secretOf = preparedSelect(deps.dataSource, {
      name: 'totp_secret_of_enrollment',
      select: { secret: TotpSecretEntity },
      from: '"totp_secrets" "secret"',
      where: 'WHERE "secret"."enrollment_id" = ?',
    });
    this.acceptLaterStep = preparedWrite(deps.dataSource, {
      name: 'totp_accept_later_step',
      sql: 'UPDATE "totp_secrets" SET "last_step" = ? WHERE "enrollment_id" = ? AND ("last_step" IS NULL OR "last_step" < ?)',
    });
  }

  async prepare(user: UserEntity): Promise<PreparedEnrollment> {
    const secret = generateTotpSecret();
    return {
      store: async (manager, enrollment) => {
        await manager.insert(TotpSecretEntity, {
          enrollmentId: enrollment.id,
          secretCiphertext: this.secrets.encrypt(secret),
          lastStep: null,
        });
      },
      present: async (enrollment) => {
        const uri = otpauthUri(this.issuerName, user.email, secret);
        return Object.assign(new TotpSetup(), {
          secret,
          otpauthUri: uri,
          qrCodeDataUrl: qrCodePngDataUrl(uri),
          expiresAt: enrollment.expiresAt!,
        });
      },
    };
  }

  async check(enrollment: TwoFactorEnrollmentEntity, code: string, purpose: CodePurpose): Promise<CheckResult> {
    const state = (await this.secretOf.first([enrollment.id]))?.secret;
    if (!state) return { ok: false, reason: 'invalid' };
    const secret = this.secrets.decrypt(state.secretCiphertext);
    const enrolling = purpose === CodePurpose.ENROLL;
    const result = await checkTotp(secret, code.trim(), this.clock.now(), {
      lastAcceptedStep: enrolling ? null : state.lastStep,
      clockHint: enrolling,
    });
    if (!result.valid) {
      if (result.alreadyUsed) return { ok: false, reason: 'used' };
      const offsetSeconds = (result.clockOffsetSteps ?? 0) * TOTP_PERIOD_SECONDS;
      if (!offsetSeconds) return { ok: false, reason: 'invalid' };
      const minutes = Math.max(1, Math.round(Math.abs(offsetSeconds) / 60));
      return {
        ok: false,
        reason: 'invalid',
        error: fail('CLOCK_OFF', { clockOffsetMinutes: minutes }),
      };
    }
    // At set-up the step is recorded with the activation, so the code cannot be used again at sign-in.
    if (enrolling) {
      return {
        ok: true,
        activate: async (manager) => {
          await this.acceptStep(manager, enrollment, result.step);
        },
      };
    }
    return (await this.acceptStep(undefined, enrollment, result.step)) ? { ok: true } : { ok: false, reason: 'used' };
  }

  /**
   * Records the step only if it is later than the last one: of racing uses of one code, one wins,
   * also across API processes, because the database decides.
   */
  private async acceptStep(transaction: EntityManager | undefined, enrollment: TwoFactorEnrollmentEntity, step: number): Promise<boolean> {
    return (await this.acceptLaterStep([step, enrollment.id, step], transaction)) === 1;
  }

  async openChallenge(): Promise<ChallengeOpening> {
    return { codeSent: false, resendAvailableAt: null };
  }

  async mask(): Promise<null> {
    return null;
  }
}
