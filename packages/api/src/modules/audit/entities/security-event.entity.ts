import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { InstantColumn } from '../../../db/columns';
import { UserEntity } from '../../auth/entities/user.entity';
import { TwoFactorMethod } from '../../two-factor/two-factor-method';
import { SecurityEventType } from '../security-event-type';

/** One line of an account's security log. It names what happened, never a code or a secret. */
@ObjectType('SecurityEvent', { description: 'An entry of the security log of an account.' })
@Entity({ name: 'security_events' })
@Index('idx_security_events_user_created', ['userId', 'createdAt'])
export class SecurityEventEntity {
  @Field(() => ID, { description: 'Stable identifier of the entry.' })
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Field(() => SecurityEventType, { description: 'What happened.' })
  @Column({ type: 'varchar', length: 32 })
  type: SecurityEventType;

  @Field(() => TwoFactorMethod, { nullable: true, description: 'The method concerned, when there is one.' })
  @Column({ type: 'varchar', length: 8, nullable: true })
  method: TwoFactorMethod | null;

  @Field(() => String, { nullable: true, description: 'The IP address the request came from.' })
  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null;

  /** Who did it, when it was not the account's owner (support staff); null for the owner or an operator's CLI. */
  @Column({ name: 'actor_user_id', type: 'varchar', length: 36, nullable: true })
  actorUserId: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'For a support reset: the reason staff gave. For a remembered browser: which browser. For a staff search: the text searched for.',
  })
  @Column({ type: 'varchar', length: 500, nullable: true })
  detail: string | null;

  @Field(() => Int, {
    description:
      'How many times it happened: checks refused again and again within one lockout (or one window of an IP limit) ' +
      'are one entry that counts them; 1 for every other event.',
  })
  @Column({ type: 'integer', default: 1 })
  count: number;

  @Field(() => Date, { description: 'When it happened (for a counted entry: the first time).' })
  @InstantColumn({ name: 'created_at' })
  createdAt: Date;
}
