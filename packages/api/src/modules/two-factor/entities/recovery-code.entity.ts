import { Column, Entity, Index } from 'typeorm';
import { InstantColumn } from '../../../db/columns';
import { UserOwnedRow } from '../../auth/entities/user-owned-row';

/**
 * A single-use recovery code. The code is `<selector>-<verifier>`: the selector is stored plain to
 * find the one row to check, the whole code is stored as an argon2id hash. So checking a code costs
 * one slow hash, not ten, and the stored rows reveal nothing usable.
 */
@Entity({ name: 'recovery_codes' })
@Index('idx_recovery_codes_user_selector', ['userId', 'selector'], { unique: true })
export class RecoveryCodeEntity extends UserOwnedRow {
  @Column({ type: 'varchar', length: 8 })
  selector: string;

  @Column({ name: 'code_hash', type: 'varchar', length: 255 })
  codeHash: string;

  @InstantColumn({ name: 'created_at' })
  createdAt: Date;

  @InstantColumn({ name: 'used_at', nullable: true })
  usedAt: Date | null;
}
