import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { InstantColumn } from '../../../db/columns';
import type { TwoFactorMethod } from '../../two-factor/two-factor-method';
import type { SessionSecondFactor } from '../session-second-factor';
import { UserEntity } from './user.entity';

/** A signed-in session. The token itself is never stored: only its SHA-256. */
@Entity({ name: 'sessions' })
export class SessionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Index('idx_sessions_token_hash', { unique: true })
  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash: string;

  @Index('idx_sessions_user_id')
  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @InstantColumn({ name: 'created_at' })
  createdAt: Date;

  @InstantColumn({ name: 'last_seen_at' })
  lastSeenAt: Date;

  /** The absolute end, however active the session is. */
  @InstantColumn({ name: 'expires_at' })
  expiresAt: Date;

  @InstantColumn({ name: 'revoked_at', nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null;

  @Column({ name: 'user_agent', type: 'varchar', length: 256, nullable: true })
  userAgent: string | null;

  /** How its sign-in passed the second step; null for sessions older than this record. */
  @Column({ name: 'second_factor', type: 'varchar', length: 24, nullable: true })
  secondFactor: SessionSecondFactor | null;

  /** For a CODE second factor: the method. */
  @Column({ name: 'second_factor_method', type: 'varchar', length: 8, nullable: true })
  secondFactorMethod: TwoFactorMethod | null;
}
