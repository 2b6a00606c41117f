import type { DataSource } from 'typeorm';
import type { SecretBox } from '../../../../shared/secret-box';
import type { UserEntity } from '../../../auth/entities/user.entity';
import { TotpSetup } from '../../dto/enable-two-factor-result';
import { CodePurpose } from '../../entities/one-time-code.entity';
import { TwoFactorEnrollmentEntity } from '../../entities/two-factor-enrollment.entity';
import { TwoFactorMethod } from '../../two-factor-method';
import type { CodeCheckResult, PreparedEnrollment, TwoFactorMethodModule } from '../method.types';
import type { Clock } from '../../../../shared/clock';
import { TOTP_PERIOD_SECONDS, checkTotp, generateTotpSecret, otpauthUri, qrCodeDataUrl } from './totp';

export class TotpMethod implements TwoFactorMethodModule {
  readonly method = TwoFactorMethod.TOTP;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly secrets: SecretBox,
    private readonly issuerName: string,
  ) {}

  async prepare(user: UserEntity): Promise<PreparedEnrollment> {
    const secret = generateTotpSecret();
    return {
      destination: null,
      secretCiphertext: this.secrets.encrypt(secret),
      present: async (enrollment) => {
        const uri = otpauthUri(this.issuerName, user.email, secret);
        return Object.assign(new TotpSetup(), {
          secret,
          otpauthUri: uri,
          qrCodeDataUrl: await qrCodeDataUrl(uri),
          expiresAt: enrollment.expiresAt!,
        });
      },
    };
  }

  async check(enrollment: TwoFactorEnrollmentEntity, code: string, purpose: CodePurpose): Promise<CodeCheckResult> {
    const secret = this.secrets.decrypt(enrollment.secretCiphertext!);
    const enrolling = purpose === CodePurpose.ENROLL;
    const result = await checkTotp(secret, code.trim(), this.clock.now(), {
      lastAcceptedStep: enrolling ? null : enrollment.lastTotpStep,
      clockHint: enrolling,
    });
    if (!result.valid) {
      if (result.alreadyUsed) return { ok: false, reason: 'used' };
      const offsetSeconds = (result.clockOffsetSteps ?? 0) * TOTP_PERIOD_SECONDS;
      return offsetSeconds
        ? { ok: false, reason: 'invalid', clockOffsetMinutes: Math.max(1, Math.round(Math.abs(offsetSeconds) / 60)) }
        : { ok: false, reason: 'invalid' };
    }
    if (enrolling) return { ok: true, totpStep: result.step };
    // Record the step only if it is later than the last one: of racing uses of one code, one wins,
    // also across API processes, because the database decides.
    const accepted = await this.dataSource
      .getRepository(TwoFactorEnrollmentEntity)
      .createQueryBuilder()
      .update()
      .set({ lastTotpStep: result.step })
      .where('id = :id AND (last_totp_step IS NULL OR last_totp_step < :step)', { id: enrollment.id, step: result.step })
      .execute();
    return accepted.affected === 1 ? { ok: true, totpStep: result.step } : { ok: false, reason: 'used' };
  }

  mask(): null {
    return null;
  }
}
