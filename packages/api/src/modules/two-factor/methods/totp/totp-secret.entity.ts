import { Column, Entity } from 'typeorm';
import { EnrollmentStateRow } from '../../entities/enrollment-state-row';

/** A TOTP enrollment's state: the shared secret, and the last time step accepted. */
@Entity({ name: 'totp_secrets' })
export class TotpSecretEntity extends EnrollmentStateRow {
  /** The shared secret, sealed with ENCRYPTION_KEY. */
  @Column({ name: 'secret_ciphertext', type: 'varchar', length: 256 })
  secretCiphertext: string;

  /** The last time step accepted; codes of this step or earlier are refused (no replay). */
  @Column({
    name: 'last_step',
    type: 'bigint',
    nullable: true,
    transformer: { to: (v: number | null) => v, from: (v: string | number | null) => (v === null ? null : Number(v)) },
  })
  lastStep: number | null;
}
