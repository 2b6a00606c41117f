import { Column, Entity, PrimaryColumn } from 'typeorm';
import { InstantColumn } from '../../db/columns';

/** The one row's id: there is one policy per deployment. */
export const POLICY_ROW_ID = 1;

/**
 * The 2FA policy an admin saved. Absent until the first save: until then the environment's
 * settings (TWO_FACTOR_REQUIRED, TWO_FACTOR_METHODS, …) are the policy. `version` grows by one
 * with each save, and a save names the version it read, so two admins editing at once cannot
 * overwrite each other unseen.
 */
@Entity({ name: 'two_factor_policy' })
export class PolicyEntity {
  @PrimaryColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer' })
  version: number;

  /** none, staff or all. */
  @Column({ name: 'required_for', type: 'varchar', length: 8 })
  requiredFor: string;

  @Column({ name: 'grace_days', type: 'integer' })
  graceDays: number;

  /** The methods users may enable, comma-separated, in the registry's order. */
  @Column({ name: 'offered_methods', type: 'varchar', length: 64 })
  offeredMethods: string;

  @Column({ name: 'remember_browser_days', type: 'integer' })
  rememberBrowserDays: number;

  /** ISO 3166 codes, comma-separated; null: any country. */
  @Column({ name: 'sms_countries', type: 'varchar', length: 1000, nullable: true })
  smsCountries: string | null;

  @InstantColumn({ name: 'updated_at' })
  updatedAt: Date;

  /** The admin who saved it; null when the operator did, from the command line. */
  @Column({ name: 'updated_by_user_id', type: 'varchar', length: 36, nullable: true })
  updatedByUserId: string | null;

  /** Who saved it, as they were then: the admin's e-mail address, or `CLI`. */
  @Column({ name: 'updated_by', type: 'varchar', length: 320 })
  updatedBy: string;
}
