import { JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { TwoFactorEnrollmentEntity } from './two-factor-enrollment.entity';

/**
 * The start of a table in which a method keeps the state of one enrollment (a TOTP secret, the
 * address codes go to). The row goes when its enrollment goes: a switch, Disable 2FA or a reset
 * needs to know nothing about the method's tables.
 */
export abstract class EnrollmentStateRow {
  @PrimaryColumn({ name: 'enrollment_id', type: 'varchar', length: 36 })
  enrollmentId: string;

  @ManyToOne(() => TwoFactorEnrollmentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'enrollment_id' })
  enrollment?: TwoFactorEnrollmentEntity;
}
