import { Column, Entity } from 'typeorm';
import { InstantColumn } from '../../../db/columns';
import { UserOwnedRow } from '../../auth/entities/user-owned-row';
import { TwoFactorMethod } from '../two-factor-method';

/**
 * A sign-in halfway through: the password was right, a second factor is owed. It holds no
 * password and is no session: only verifyLoginChallenge accepts its id.
 */
@Entity({ name: 'login_challenges' })
export class LoginChallengeEntity extends UserOwnedRow {
  @Column({ type: 'varchar', length: 8 })
  method: TwoFactorMethod;

  /** Codes tried against this challenge, counted before each check (so parallel tries cannot pass the limit). */
  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @InstantColumn({ name: 'created_at' })
  createdAt: Date;

  @InstantColumn({ name: 'expires_at' })
  expiresAt: Date;

  /** Set once, by the first right code; a second success is impossible. */
  @InstantColumn({ name: 'completed_at', nullable: true })
  completedAt: Date | null;
}
