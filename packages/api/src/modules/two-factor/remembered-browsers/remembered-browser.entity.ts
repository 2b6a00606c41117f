import { Column, Entity, Index } from 'typeorm';
import { InstantColumn } from '../../../db/columns';
import { UserOwnedRow } from '../../auth/entities/user-owned-row';

/**
 * A browser whose user ticked "Remember this browser" at a sign-in challenge: a password sign-in
 * from it skips the 2FA code until `expiresAt`. The browser holds `<id>.<token>` in an HttpOnly
 * cookie; only the token's SHA-256 is stored, and the token changes at every use.
 */
@Entity({ name: 'remembered_browsers' })
@Index('idx_remembered_browsers_user', ['userId'])
export class RememberedBrowserEntity extends UserOwnedRow {
  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash: string;

  /** The token before the last rotation: seeing it again means a copy of the cookie is in use. */
  @Column({ name: 'previous_token_hash', type: 'varchar', length: 64, nullable: true })
  previousTokenHash: string | null;

  /** "Firefox on Windows": what the user agent says, short enough to list. */
  @Column({ type: 'varchar', length: 64 })
  label: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null;

  @InstantColumn({ name: 'created_at' })
  createdAt: Date;

  @InstantColumn({ name: 'last_used_at' })
  lastUsedAt: Date;

  /** A fixed time after it was remembered; using it never extends it. */
  @InstantColumn({ name: 'expires_at' })
  expiresAt: Date;

  /** Forgotten by the user, or ended by a 2FA change or a copied cookie. */
  @InstantColumn({ name: 'revoked_at', nullable: true })
  revokedAt: Date | null;
}
