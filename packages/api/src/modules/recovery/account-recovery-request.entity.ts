import { Column, Entity, Index } from 'typeorm';
import { InstantColumn } from '../../db/columns';
import { UserOwnedRow } from '../auth/entities/user-owned-row';
import type { AccountRecoveryStatus } from './account-recovery-status';

/**
 * A customer who passed the password step but lost their 2FA method asks support to remove it.
 * Support decides; an approval takes effect only after a waiting period during which the account's
 * owner (told by e-mail, and by a banner in every signed-in session) can cancel it.
 */
@Entity({ name: 'account_recovery_requests' })
@Index('idx_account_recovery_requests_user', ['userId', 'createdAt'])
@Index('idx_account_recovery_requests_status', ['status', 'effectiveAt'])
export class AccountRecoveryRequestEntity extends UserOwnedRow {
  @Column({ type: 'varchar', length: 12 })
  status: AccountRecoveryStatus;

  /**
   * The account's id while the request is open (PENDING or APPROVED), null once it is closed. Its
   * unique index holds "one open request per account" on both databases (NULLs never collide), so
   * of two requests made at once exactly one is inserted.
   */
  @Index('idx_account_recovery_requests_open', { unique: true })
  @Column({ name: 'open_user_id', type: 'varchar', length: 36, nullable: true })
  openUserId: string | null;

  /** What the customer told support: what was lost, how to reach them. */
  @Column({ type: 'varchar', length: 1000 })
  message: string;

  @Column({ name: 'requested_ip', type: 'varchar', length: 64, nullable: true })
  requestedIp: string | null;

  @Column({ name: 'user_agent', type: 'varchar', length: 256, nullable: true })
  userAgent: string | null;

  @InstantColumn({ name: 'created_at' })
  createdAt: Date;

  /** The staff member who approved or denied it. */
  @Column({ name: 'decided_by', type: 'varchar', length: 36, nullable: true })
  decidedBy: string | null;

  @InstantColumn({ name: 'decided_at', nullable: true })
  decidedAt: Date | null;

  @Column({ name: 'decision_reason', type: 'varchar', length: 500, nullable: true })
  decisionReason: string | null;

  /** APPROVED: when 2FA is removed unless cancelled before (the approval plus RECOVERY_WAIT_HOURS). */
  @InstantColumn({ name: 'effective_at', nullable: true })
  effectiveAt: Date | null;

  /** When it was cancelled, or completed: it is closed from then on. */
  @InstantColumn({ name: 'closed_at', nullable: true })
  closedAt: Date | null;
}
