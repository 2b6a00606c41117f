import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn, type ValueTransformer } from 'typeorm';
import { InstantColumn } from '../../../db/columns';
import { WebhookEvent } from '../webhook-event';

/** The events as one comma-separated column: a short list, read whole, never queried by part. */
const eventList: ValueTransformer = {
  to: (events: WebhookEvent[] | undefined) => events?.join(','),
  from: (stored: string | null) => (stored ? (stored.split(',') as WebhookEvent[]) : []),
};

/** The longest target address accepted: a real endpoint's address is far shorter. */
export const MAX_WEBHOOK_URL_LENGTH = 500;

/** An endpoint the deployment's security events are sent to. Its signing secret is stored sealed. */
@ObjectType('Webhook', { description: 'An endpoint that security events are sent to, signed (Standard Webhooks).' })
@Entity({ name: 'webhooks' })
@Index('idx_webhooks_slot', ['slot'], { unique: true })
export class WebhookEntity {
  @Field(() => ID, { description: 'Stable identifier of the webhook.' })
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Field(() => String, { description: 'Where the events are POSTed.' })
  @Column({ type: 'varchar', length: MAX_WEBHOOK_URL_LENGTH })
  url: string;

  @Field(() => [WebhookEvent], { description: 'The events sent to it.' })
  @Column({ type: 'varchar', length: 400, transformer: eventList })
  events: WebhookEvent[];

  /**
   * One of the deployment's numbered places for webhooks (0 to the limit − 1). Unique, so that two
   * admins creating webhooks at once cannot both take the last place.
   */
  @Column({ type: 'integer' })
  slot: number;

  /** The `whsec_…` signing secret, sealed with ENCRYPTION_KEY: never answered after creation. */
  @Column({ name: 'secret_ciphertext', type: 'text' })
  secretCiphertext: string;

  /** The admin who created it (null once unknown). */
  @Column({ name: 'created_by_user_id', type: 'varchar', length: 36, nullable: true })
  createdByUserId: string | null;

  @Field(() => Date, { description: 'When it was created.' })
  @InstantColumn({ name: 'created_at' })
  createdAt: Date;
}
