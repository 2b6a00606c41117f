import { Column, Entity, Index } from 'typeorm';
import { InstantColumn } from '../../../db/columns';
import { UserOwnedRow } from '../../../db/user-owned-row';
import { TwoFactorMethod } from '../two-factor-method';

export enum EnrollmentState {
  /** Being set up: not used at login until verified. */
  PENDING = 'PENDING',
  /** The user's one working method. */
  ACTIVE = 'ACTIVE',
}

/**
 * A user's 2FA method. At most one ACTIVE and one PENDING per user (a unique index holds it), so
 * a new method can be set up while the old one keeps working, then swapped in one transaction.
 */
@Entity({ name: 'two_factor_enrollments' })
@Index('idx_two_factor_enrollments_user_state', ['userId', 'state'], { unique: true })
export class TwoFactorEnrollmentEntity extends UserOwnedRow {
  @Column({ type: 'varchar', length: 8 })
  method: TwoFactorMethod;

  @Column({ type: 'varchar', length: 8 })
  state: EnrollmentState;

  /** TOTP only: the shared secret, sealed with ENCRYPTION_KEY. */
  @Column({ name: 'secret_ciphertext', type: 'varchar', length: 256, nullable: true })
  secretCiphertext: string | null;

  /** EMAIL: the address; SMS: the number in E.164. */
  @Column({ type: 'varchar', length: 320, nullable: true })
  destination: string | null;

  /** TOTP only: the last time step accepted; codes of this step or earlier are refused (no replay). */
  @Column({
    name: 'last_totp_step',
    type: 'bigint',
    nullable: true,
    transformer: { to: (v: number | null) => v, from: (v: string | number | null) => (v === null ? null : Number(v)) },
  })
  lastTotpStep: number | null;

  @InstantColumn({ name: 'created_at' })
  createdAt: Date;

  /** PENDING only: when the set-up ends unfinished. */
  @InstantColumn({ name: 'expires_at', nullable: true })
  expiresAt: Date | null;

  @InstantColumn({ name: 'activated_at', nullable: true })
  activatedAt: Date | null;
}
