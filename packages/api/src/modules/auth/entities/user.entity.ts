import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { InstantColumn } from '../../../db/columns';
import { Role } from '../role';

/** The stored account is also the GraphQL `User`; only fields marked @Field are ever exposed. */
@ObjectType('User', { description: 'An account of the control panel.' })
@Entity({ name: 'users' })
export class UserEntity {
  @Field(() => ID, { description: 'Stable identifier of the account.' })
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /** Normalised (trimmed, lower-cased): the unique sign-in name. */
  @Field(() => String, { description: 'The sign-in e-mail address, lower-cased. Shown as the user name in the panel.' })
  @Column({ type: 'varchar', length: 320, unique: true })
  email: string;

  /** When the owner opened a verification link sent to `email`; null until then, and again after a change of address. */
  @InstantColumn({ name: 'email_verified_at', nullable: true })
  emailVerifiedAt: Date | null;

  @Field(() => Boolean, {
    description:
      'Whether the owner proved the e-mail address by opening the link sent to it. Notices and password reset links go only to a verified address.',
  })
  get emailVerified(): boolean {
    return this.emailVerifiedAt !== null && this.emailVerifiedAt !== undefined;
  }

  @Column({ name: 'password_hash', type: 'varchar', length: 255 })
  passwordHash: string;

  @Field(() => Role, { description: 'What the user may do.' })
  @Column({ type: 'varchar', length: 16, default: Role.CUSTOMER })
  role: Role;

  @Field(() => Date, { description: 'When the account was created.' })
  @InstantColumn({ name: 'created_at' })
  createdAt: Date;

  /** When the user said "not now" to the prompt to enable 2FA; null until then. */
  @InstantColumn({ name: 'two_factor_prompt_dismissed_at', nullable: true })
  twoFactorPromptDismissedAt: Date | null;

  /**
   * When the server's requirement of 2FA (TWO_FACTOR_REQUIRED) first met this account without 2FA:
   * the grace period counts from here. Set once; turning 2FA on or off later does not restart it.
   */
  @InstantColumn({ name: 'two_factor_required_since', nullable: true })
  twoFactorRequiredSince: Date | null;
}
