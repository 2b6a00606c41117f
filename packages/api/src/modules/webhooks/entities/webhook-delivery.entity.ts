import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { InstantColumn } from '../../../db/columns';
import { WebhookEvent } from '../webhook-event';
import { WebhookEntity } from './webhook.entity';

export enum WebhookDeliveryStatus {
  PENDING = 'PENDING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
}

registerEnumType(WebhookDeliveryStatus, {
  name: 'WebhookDeliveryStatus',
  description: 'Where a delivery stands.',
  valuesConfig: {
    PENDING: { description: 'Not delivered yet: waiting for its first attempt or its next one (`nextAttemptAt`).' },
    SUCCEEDED: { description: 'The endpoint answered 2xx.' },
    FAILED: { description: 'Every attempt failed; no more will be made.' },
  },
});

/**
 * One event on its way to one webhook, and its log: the queue the dispatchers of every API
 * process take from. The body is fixed when the event is recorded, so every attempt sends (and
 * signs) the same bytes; `id` is the `webhook-id` the receiver deduplicates by.
 */
@ObjectType('WebhookDelivery', { description: 'An event sent (or to be sent) to a webhook, with the outcome of its last attempt.' })
@Entity({ name: 'webhook_deliveries' })
@Index('idx_webhook_deliveries_due', ['status', 'nextAttemptAt'])
@Index('idx_webhook_deliveries_webhook_created', ['webhookId', 'createdAt', 'id'])
export class WebhookDeliveryEntity {
  @Field(() => ID, { description: 'The `webhook-id` header of every attempt: the same for its retries.' })
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'webhook_id', type: 'varchar', length: 36 })
  webhookId: string;

  @ManyToOne(() => WebhookEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'webhook_id' })
  webhook?: WebhookEntity;

  @Field(() => WebhookEvent, { description: 'What happened.' })
  @Column({ type: 'varchar', length: 32 })
  event: WebhookEvent;

  /** The security log entry it comes from. */
  @Column({ name: 'security_event_id', type: 'varchar', length: 36 })
  securityEventId: string;

  @Field(() => String, { description: 'The JSON body sent: `type`, `timestamp` and `data`.' })
  @Column({ type: 'text' })
  payload: string;

  @Field(() => WebhookDeliveryStatus, { description: 'Where it stands.' })
  @Column({ type: 'varchar', length: 12 })
  status: WebhookDeliveryStatus;

  /** Attempts begun; it also tells a dispatcher's claim from a later one's (a claim adds one). */
  @Field(() => Int, { description: 'How many attempts were made.' })
  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Field(() => Date, { nullable: true, description: 'When the next attempt is due; null once it succeeded or failed for good.' })
  @InstantColumn({ name: 'next_attempt_at', nullable: true })
  nextAttemptAt: Date | null;

  /** Until when a dispatcher holds it for an attempt in flight; another takes it only after that. */
  @InstantColumn({ name: 'lease_until', nullable: true })
  leaseUntil: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the last attempt was made.' })
  @InstantColumn({ name: 'last_attempt_at', nullable: true })
  lastAttemptAt: Date | null;

  @Field(() => Int, { nullable: true, description: 'The HTTP status the endpoint answered at the last attempt; null if none came.' })
  @Column({ name: 'last_status_code', type: 'integer', nullable: true })
  lastStatusCode: number | null;

  @Field(() => Int, { nullable: true, description: 'How long the last attempt took, in milliseconds.' })
  @Column({ name: 'last_duration_ms', type: 'integer', nullable: true })
  lastDurationMs: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Why the last attempt failed (a status, a time-out, a refused address); null after a success.',
  })
  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true })
  lastError: string | null;

  @Field(() => Date, { description: 'When the event was recorded.' })
  @InstantColumn({ name: 'created_at' })
  createdAt: Date;
}
