import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { InstantColumn } from '../../../../db/columns';
import type { CodePurpose } from '../../entities/one-time-code.entity';
import { TwoFactorEnrollmentEntity } from '../../entities/two-factor-enrollment.entity';

/**
 * A challenge a key must sign: for registering a key (ENROLL), a sign-in (LOGIN) or a fresh proof
 * (PROOF). It is spent by its first success, by a conditional write, so one signed answer opens
 * one thing even when it is sent many times at once.
 */
@Entity({ name: 'webauthn_challenges' })
@Index('idx_webauthn_challenges_enrollment_challenge', ['enrollmentId', 'challenge'], { unique: true })
export class WebAuthnChallengeEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'enrollment_id', type: 'varchar', length: 36 })
  enrollmentId: string;

  @ManyToOne(() => TwoFactorEnrollmentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'enrollment_id' })
  enrollment?: TwoFactorEnrollmentEntity;

  @Column({ type: 'varchar', length: 8 })
  purpose: CodePurpose;

  /** The random challenge (base64url), as the options carried it. */
  @Column({ type: 'varchar', length: 128 })
  challenge: string;

  /** ENROLL: the name the user gave the key being registered. */
  @Column({ name: 'key_name', type: 'varchar', length: 64, nullable: true })
  keyName: string | null;

  /** LOGIN: the sign-in challenge this belongs to. */
  @Column({ name: 'login_challenge_id', type: 'varchar', length: 36, nullable: true })
  loginChallengeId: string | null;

  @InstantColumn({ name: 'created_at' })
  createdAt: Date;

  @InstantColumn({ name: 'expires_at' })
  expiresAt: Date;

  @InstantColumn({ name: 'used_at', nullable: true })
  usedAt: Date | null;
}
