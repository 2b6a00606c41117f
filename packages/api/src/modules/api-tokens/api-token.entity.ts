import { Column, Entity, Index } from 'typeorm';
import { InstantColumn } from '../../db/columns';
import { UserOwnedRow } from '../auth/entities/user-owned-row';
import type { ApiTokenScope } from './api-token-scope';

/**
 * An API token of an integrator's script. Like a session, only the SHA-256 of the token is
 * stored; unlike one, it lasts days, reads only, and outlives sign-outs and switches of method.
 * Ended tokens stay (revoked_at set) so that a later use is told it ended rather than unknown.
 */
@Entity({ name: 'api_tokens' })
@Index('idx_api_tokens_user_id', ['userId'])
export class ApiTokenEntity extends UserOwnedRow {
  @Index('idx_api_tokens_token_hash', { unique: true })
  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash: string;

  @Column({ type: 'varchar', length: 64 })
  name: string;

  /** Its scopes, comma-separated (`READ,SUPPORT_READ`). */
  @Column({ type: 'varchar', length: 64 })
  scopes: string;

  @InstantColumn({ name: 'created_at' })
  createdAt: Date;

  @InstantColumn({ name: 'expires_at' })
  expiresAt: Date;

  /** When a request of it was last let through, to the minute; null until then. */
  @InstantColumn({ name: 'last_used_at', nullable: true })
  lastUsedAt: Date | null;

  @InstantColumn({ name: 'revoked_at', nullable: true })
  revokedAt: Date | null;

  get scopeList(): ApiTokenScope[] {
    return this.scopes.split(',').filter(Boolean) as ApiTokenScope[];
  }
}
