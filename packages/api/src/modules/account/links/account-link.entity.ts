import { Column, Entity, Index } from 'typeorm';
import { InstantColumn } from '../../../db/columns';
import { UserOwnedRow } from '../../auth/entities/user-owned-row';

/** What a link in an e-mail does when it is opened. */
export enum AccountLinkPurpose {
  /** Proves the account's own address. */
  EMAIL_VERIFICATION = 'EMAIL_VERIFICATION',
  /** Proves a new address, which then replaces the account's. */
  EMAIL_CHANGE = 'EMAIL_CHANGE',
  /** Sets a new password. */
  PASSWORD_RESET = 'PASSWORD_RESET',
  /** Cancels the account's open recovery request (sent when it is asked for, and again when approved). */
  ACCOUNT_RECOVERY_CANCEL = 'ACCOUNT_RECOVERY_CANCEL',
}

/**
 * A single-use link sent by e-mail. The e-mail holds a 32-byte random token; only its SHA-256 is
 * stored, so a copy of the database opens no link. Spent by its first use (or by a newer link of the
 * same purpose), and dead after `expiresAt`.
 */
@Entity({ name: 'account_links' })
@Index('idx_account_links_user', ['userId', 'purpose'])
export class AccountLinkEntity extends UserOwnedRow {
  @Index('idx_account_links_token_hash', { unique: true })
  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash: string;

  @Column({ type: 'varchar', length: 24 })
  purpose: AccountLinkPurpose;

  /** The address the link was sent to: the account's own, or the new one for EMAIL_CHANGE. */
  @Column({ type: 'varchar', length: 320 })
  email: string;

  /** The IP address of the request that asked for the link. */
  @Column({ name: 'requested_ip', type: 'varchar', length: 64, nullable: true })
  requestedIp: string | null;

  @InstantColumn({ name: 'created_at' })
  createdAt: Date;

  @InstantColumn({ name: 'expires_at' })
  expiresAt: Date;

  /** When it was used, or replaced by a newer link, or ended by a change it would have undone. */
  @InstantColumn({ name: 'spent_at', nullable: true })
  spentAt: Date | null;
}
