import { Column, Entity, Index } from 'typeorm';
import { InstantColumn } from '../../../db/columns';
import { UserOwnedRow } from '../entities/user-owned-row';

/**
 * A device an account signed in from: a browser by the random token of its device cookie, or a
 * client that keeps no cookies (an API client) by its user agent and IP address. Only a SHA-256
 * of either is stored.
 */
@Entity({ name: 'known_devices' })
@Index('idx_known_devices_user_device', ['userId', 'deviceHash'], { unique: true })
export class KnownDeviceEntity extends UserOwnedRow {
  @Column({ name: 'device_hash', type: 'varchar', length: 64 })
  deviceHash: string;

  /** "Firefox on Windows", for the notice and the log. */
  @Column({ type: 'varchar', length: 64 })
  label: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null;

  @InstantColumn({ name: 'first_seen_at' })
  firstSeenAt: Date;

  @InstantColumn({ name: 'last_seen_at' })
  lastSeenAt: Date;
}
