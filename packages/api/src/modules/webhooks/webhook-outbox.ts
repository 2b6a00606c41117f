import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Clock } from '../../shared/clock';
import type { SecurityEventEntity } from '../audit/entities/security-event.entity';
import type { SecurityEventInput, SecurityEventOutbox } from '../audit/security-events.service';
import { WebhookDeliveryEntity, WebhookDeliveryStatus } from './entities/webhook-delivery.entity';
import { WebhookEntity } from './entities/webhook.entity';
import { payloadTypeOf, webhookEventOf, type WebhookEvent } from './webhook-event';

/** The JSON body of a delivery, in the Standard Webhooks shape. */
export interface WebhookPayload {
  /** `two_factor.enabled`, …: see WebhookEvent. */
  type: string;
  /** When the event happened (ISO 8601). */
  timestamp: string;
  data: {
    /** The security log entry, as `securityEvents` and `userSecurityEvents` answer it. */
    securityEventId: string;
    /** The account it happened to. */
    userId: string;
    /** The 2FA method concerned, when there is one. */
    method: string | null;
    /** Staff who acted on the account (a reset); null for the owner or the operator's CLI. */
    actorUserId: string | null;
    /** LOCKOUT_STARTED: when the lock ends. */
    lockedUntil?: string;
  };
}

/**
 * The queue's way in: the security log hands each event it records here, inside the transaction
 * that records it, and a delivery row is written for every webhook subscribed to the event. A
 * change that rolls back leaves no delivery; a committed one cannot lose its delivery, since
 * dispatchers read the queue from the database, whichever process wrote it.
 */
export class WebhookOutbox implements SecurityEventOutbox {
  private readonly listeners = new Set<() => void>();

  constructor(private readonly clock: Clock) {}

  carries(event: SecurityEventEntity['type']): boolean {
    return webhookEventOf(event) !== null;
  }

  async enqueue(manager: EntityManager, event: SecurityEventEntity, input: SecurityEventInput): Promise<boolean> {
    const webhookEvent = webhookEventOf(event.type);
    if (!webhookEvent) return false;
    const subscribed = (await manager.find(WebhookEntity, { select: { id: true, events: true } })).filter((webhook) =>
      webhook.events.includes(webhookEvent),
    );
    if (subscribed.length === 0) return false;
    const payload = JSON.stringify(payloadOf(webhookEvent, event, input));
    const now = this.clock.now();
    await manager.insert(
      WebhookDeliveryEntity,
      subscribed.map((webhook) => ({
        id: randomUUID(),
        webhookId: webhook.id,
        event: webhookEvent,
        securityEventId: event.id,
        payload,
        status: WebhookDeliveryStatus.PENDING,
        attempts: 0,
        nextAttemptAt: now,
        leaseUntil: null,
        lastAttemptAt: null,
        lastStatusCode: null,
        lastDurationMs: null,
        lastError: null,
        createdAt: now,
      })),
    );
    return true;
  }

  committed(): void {
    for (const listener of this.listeners) listener();
  }

  /** Calls `listener` whenever deliveries queued in this process are committed (the dispatcher wakes). */
  onCommitted(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** What an integrator learns of an event: who, what and when; never a code, a secret or an address. */
export function payloadOf(event: WebhookEvent, entry: SecurityEventEntity, input: SecurityEventInput): WebhookPayload {
  return {
    type: payloadTypeOf(event),
    timestamp: entry.createdAt.toISOString(),
    data: {
      securityEventId: entry.id,
      userId: entry.userId,
      method: entry.method,
      actorUserId: entry.actorUserId,
      ...(input.lockedUntil ? { lockedUntil: input.lockedUntil.toISOString() } : {}),
    },
  };
}
