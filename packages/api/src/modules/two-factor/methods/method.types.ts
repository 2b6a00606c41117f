import type { UserEntity } from '../../auth/entities/user.entity';
import type { CodeSent, TotpSetup } from '../dto/enable-two-factor-result';
import type { EnableTwoFactorInput } from '../dto/enable-two-factor.input';
import type { CodePurpose } from '../entities/one-time-code.entity';
import type { TwoFactorEnrollmentEntity } from '../entities/two-factor-enrollment.entity';
import type { TwoFactorMethod } from '../two-factor-method';
import type { SentCode } from './one-time-code/one-time-code.service';

/** The outcome of one code check. Right codes are spent by the check itself. */
export type CodeCheckResult =
  | { ok: true; totpStep?: number } /** `used`: the code was right but is spent (used before, or by a racing request). */
  | { ok: false; reason: 'invalid' | 'expired' | 'used'; clockOffsetMinutes?: number };

export interface PreparedEnrollment {
  destination: string | null;
  secretCiphertext: string | null;
  /** What enableTwoFactor answers once the pending enrollment is stored (a code method sends here). */
  present(enrollment: TwoFactorEnrollmentEntity): Promise<TotpSetup | CodeSent>;
}

/**
 * One shape for every second factor. A new method (a security key, say) is a new folder that
 * implements this, registered in two-factor.module.ts; the flows do not change.
 */
export interface TwoFactorMethodModule {
  readonly method: TwoFactorMethod;
  /** Validates the client's input and makes what a pending enrollment stores. */
  prepare(user: UserEntity, input: EnableTwoFactorInput): Promise<PreparedEnrollment>;
  /** Checks a code of this method for an enrollment and a purpose. */
  check(enrollment: TwoFactorEnrollmentEntity, code: string, purpose: CodePurpose, challengeId?: string): Promise<CodeCheckResult>;
  /** Methods that deliver codes send one; others (TOTP) have none. */
  sendCode?(enrollment: TwoFactorEnrollmentEntity, purpose: CodePurpose, challengeId?: string): Promise<SentCode>;
  /** The masked destination shown in settings and challenges, if the method has one. */
  mask(enrollment: TwoFactorEnrollmentEntity): string | null;
}
