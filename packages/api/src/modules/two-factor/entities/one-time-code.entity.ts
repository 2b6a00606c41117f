import { Column, Entity, Index } from 'typeorm';
import { InstantColumn } from '../../../db/columns';
import { UserOwnedRow } from '../../auth/entities/user-owned-row';

export enum CodePurpose {
  /** Confirms a new e-mail address or phone number while enabling 2FA. */
  ENROLL = 'ENROLL',
  /** The second step of a sign-in. */
  LOGIN = 'LOGIN',
  /** A fresh proof before switching, disabling or regenerating recovery codes. */
  PROOF = 'PROOF',
}

export enum CodeChannel {
  EMAIL = 'EMAIL',
  SMS = 'SMS',
}

/** A six-digit code sent by e-mail or SMS. Only its keyed hash is stored. */
@Entity({ name: 'one_time_codes' })
@Index('idx_one_time_codes_user_created', ['userId', 'createdAt'])
@Index('idx_one_time_codes_destination_created', ['destination', 'createdAt'])
export class OneTimeCodeEntity extends UserOwnedRow {
  @Column({ type: 'varchar', length: 8 })
  purpose: CodePurpose;

  @Column({ type: 'varchar', length: 8 })
  channel: CodeChannel;

  @Column({ type: 'varchar', length: 320 })
  destination: string;

  /** For LOGIN codes: the challenge the code belongs to. */
  @Column({ name: 'challenge_id', type: 'varchar', length: 36, nullable: true })
  challengeId: string | null;

  @Column({ name: 'code_hash', type: 'varchar', length: 64 })
  codeHash: string;

  /** Checks made against this code, counted before each comparison (so parallel tries cannot pass the limit). */
  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @InstantColumn({ name: 'created_at' })
  createdAt: Date;

  @InstantColumn({ name: 'expires_at' })
  expiresAt: Date;

  /** Used, replaced by a resend, or out of tries: it opens nothing any more. */
  @InstantColumn({ name: 'spent_at', nullable: true })
  spentAt: Date | null;
}
