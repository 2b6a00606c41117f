import { Column, Entity, Index } from 'typeorm';
import { InstantColumn } from '../../../db/columns';
import { UserOwnedRow } from '../../auth/entities/user-owned-row';
import type { TwoFactorMethod } from '../two-factor-method';

export enum EnrollmentState {
  /** Being set up: not used at login until verified. */
  PENDING = 'PENDING',
  /** The user's one working method. */
  ACTIVE = 'ACTIVE',
}

/**
 * A user's 2FA method. At most one ACTIVE and one PENDING per user (a unique index holds it), so
 * a new method can be set up while the old one keeps working, then swapped in one transaction.
 * What a method keeps (a secret, a destination, keys) lives in its own table, keyed by this row.
 */
@Entity({ name: 'two_factor_enrollments' })
@Index('idx_two_factor_enrollments_user_state', ['userId', 'state'], { unique: true })
export class TwoFactorEnrollmentEntity extends UserOwnedRow {
  @Column({ type: 'varchar', length: 8 })
  method: TwoFactorMethod;

  @Column({ type: 'varchar', length: 8 })
  state: EnrollmentState;

  @InstantColumn({ name: 'created_at' })
  createdAt: Date;

  /** PENDING only: when the set-up ends unfinished. */
  @InstantColumn({ name: 'expires_at', nullable: true })
  expiresAt: Date | null;

  @InstantColumn({ name: 'activated_at', nullable: true })
  activatedAt: Date | null;
}
