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

/** Who asks for a code to be sent (their address counts against the per-IP budget), and for which sign-in. */
export interface SendContext {
  ip: string;
  challengeId?: string;
}

export interface PreparedEnrollment {
  destination: string | null;
  secretCiphertext: string | null;
  /** What enableTwoFactor answers once the pending enrollment is stored (a code method sends here). */
  present(enrollment: TwoFactorEnrollmentEntity): Promise<TotpSetup | CodeSent>;
  /** Gives back what `prepare` held (a code method's send slots) when the set-up goes no further. */
  release?(): Promise<void>;
}

/**
 * One shape for every second factor. A new method (a security key, say) is a new folder that
 * implements this, registered in two-factor.module.ts; the flows do not change.
 */
export interface TwoFactorMethodModule {
  readonly method: TwoFactorMethod;
  /**
   * Validates the client's input and makes what a pending enrollment stores. A method that sends
   * codes also takes its send slots here, so a full cap refuses before anything else is spent.
   */
  prepare(user: UserEntity, input: EnableTwoFactorInput, context: SendContext): Promise<PreparedEnrollment>;
  /** Checks a code of this method for an enrollment and a purpose. */
  check(enrollment: TwoFactorEnrollmentEntity, code: string, purpose: CodePurpose, challengeId?: string): Promise<CodeCheckResult>;
  /** Methods that deliver codes send one; others (TOTP) have none. */
  sendCode?(enrollment: TwoFactorEnrollmentEntity, purpose: CodePurpose, context: SendContext): Promise<SentCode>;
  /** The masked destination shown in settings and challenges, if the method has one. */
  mask(enrollment: TwoFactorEnrollmentEntity): string | null;
}
