import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { InstantColumn } from '../../../../db/columns';
import { TwoFactorEnrollmentEntity } from '../../entities/two-factor-enrollment.entity';

const bigintNumber = { to: (v: number) => v, from: (v: string | number) => Number(v) };

/** A security key or passkey registered to a WEBAUTHN enrollment; an enrollment holds one or more. */
@Entity({ name: 'webauthn_credentials' })
@Index('idx_webauthn_credentials_credential', ['credentialId'], { unique: true })
@Index('idx_webauthn_credentials_enrollment', ['enrollmentId'])
export class WebAuthnCredentialEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'enrollment_id', type: 'varchar', length: 36 })
  enrollmentId: string;

  @ManyToOne(() => TwoFactorEnrollmentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'enrollment_id' })
  enrollment?: TwoFactorEnrollmentEntity;

  /** The credential's id as the authenticator gave it (base64url). */
  @Column({ name: 'credential_id', type: 'varchar', length: 1400 })
  credentialId: string;

  /** The COSE public key (base64url). */
  @Column({ name: 'public_key', type: 'text' })
  publicKey: string;

  /** The signature counter last seen; 0 for authenticators that keep none (synced passkeys). */
  @Column({ type: 'bigint', transformer: bigintNumber })
  counter: number;

  /** How the browser may reach the key (usb, nfc, ble, internal, hybrid), comma-separated. */
  @Column({ type: 'varchar', length: 128, default: '' })
  transports: string;

  /** The name the user gave the key. */
  @Column({ type: 'varchar', length: 64 })
  name: string;

  @InstantColumn({ name: 'created_at' })
  createdAt: Date;

  @InstantColumn({ name: 'last_used_at', nullable: true })
  lastUsedAt: Date | null;
}
