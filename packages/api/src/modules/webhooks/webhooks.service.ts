import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { pageRequest, readKeysetPage, type PageBounds } from '../../db/keyset-page';
import { isUniqueViolation } from '../../db/unique-violation';
import { checkInputs, fail } from '../../errors/app-error';
import { connectionOf, type Connection } from '../../graphql/connection';
import type { Clock } from '../../shared/clock';
import type { SecretBox } from '../../shared/secret-box';
import { SecurityEventType } from '../audit/security-event-type';
import type { SecurityEventsService } from '../audit/security-events.service';
import type { Actor, TwoFactorService } from '../two-factor/two-factor.service';
import { hostOf, parseTargetUrl, permittedAddresses, TargetRefused, type HostResolver, type TargetPolicy } from './delivery/target-address';
import type { WebhookCreated } from './dto/webhook-created.type';
import { WebhookDeliveryEntity } from './entities/webhook-delivery.entity';
import { WebhookEntity } from './entities/webhook.entity';
import { WEBHOOK_EVENTS, type WebhookEvent } from './webhook-event';
import { newSigningSecret } from './webhook-signature';

export const WEBHOOK_LIMITS = {
  /** Webhooks a deployment may have: each event is sent to each of them, from every API process's queue. */
  maxWebhooks: 10,
  /** Pages of a webhook's delivery log. */
  deliveriesPage: { defaultSize: 20, maxSize: 100 } satisfies PageBounds,
} as const;

/** The list name the delivery log's cursors carry, so another list's cursor is refused. */
const DELIVERIES_CURSOR = 'deliveries';

export interface WebhooksServiceDependencies {
  dataSource: DataSource;
  clock: Clock;
  secrets: SecretBox;
  events: SecurityEventsService;
  twoFactor: Pick<TwoFactorService, 'activeEnrollment' | 'proveOwnFactor'>;
  policy: TargetPolicy;
  resolve: HostResolver;
}

/**
 * The webhooks an ADMIN configures. Like the support tools, each needs the admin's own 2FA on;
 * creating and deleting also need a fresh code of it (a webhook reads every account's security
 * events, and deleting one silences whoever watches them), checked last, once everything that can
 * refuse for free has passed. Both land in the admin's own security log.
 */
export class WebhooksService {
  constructor(private readonly deps: WebhooksServiceDependencies) {}

  private get webhooks() {
    return this.deps.dataSource.getRepository(WebhookEntity);
  }

  async list(admin: Actor): Promise<WebhookEntity[]> {
    await this.requireOwnTwoFactor(admin);
    return this.webhooks.find({ order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async create(admin: Actor, url: string, events: readonly WebhookEvent[], proof: string): Promise<WebhookCreated> {
    await this.requireOwnTwoFactor(admin);
    const [target, chosen] = await checkInputs(
      () => this.acceptableTarget(url),
      () => chosenEvents(events),
    );
    await this.freeSlot();
    await this.deps.twoFactor.proveOwnFactor(admin, proof, 'OWN_2FA_REQUIRED');

    const secret = newSigningSecret();
    const webhook = Object.assign(new WebhookEntity(), {
      id: randomUUID(),
      url: target.href,
      events: chosen,
      secretCiphertext: this.deps.secrets.encrypt(secret),
      createdByUserId: admin.user.id,
      createdAt: this.deps.clock.now(),
    });
    // The slot's unique index lets one of two admins creating at once take the last place; the
    // other tries the next free one, and finds none past the limit.
    for (let attempt = 0; ; attempt++) {
      webhook.slot = await this.freeSlot();
      try {
        const recorded = await this.deps.dataSource.transaction(async (manager) => {
          await manager.insert(WebhookEntity, webhook);
          return this.deps.events.recordIn(manager, {
            userId: admin.user.id,
            type: SecurityEventType.WEBHOOK_CREATED,
            actorUserId: admin.user.id,
            ip: admin.ip,
            detail: shownInLog(target),
          });
        });
        await recorded.announce();
        return { secret, webhook };
      } catch (error) {
        if (!isUniqueViolation(error) || attempt >= WEBHOOK_LIMITS.maxWebhooks) throw error;
      }
    }
  }

  async delete(admin: Actor, id: string, proof: string): Promise<void> {
    await this.requireOwnTwoFactor(admin);
    const webhook = await this.existing(id, 'id');
    await this.deps.twoFactor.proveOwnFactor(admin, proof, 'OWN_2FA_REQUIRED');
    const recorded = await this.deps.dataSource.transaction(async (manager) => {
      // Deleted by another admin meanwhile: this one deleted nothing.
      const deleted = await manager.delete(WebhookEntity, { id: webhook.id });
      if (deleted.affected !== 1) throw fail('NO_SUCH_WEBHOOK', { field: 'id' });
      return this.deps.events.recordIn(manager, {
        userId: admin.user.id,
        type: SecurityEventType.WEBHOOK_DELETED,
        actorUserId: admin.user.id,
        ip: admin.ip,
        detail: shownInLog(new URL(webhook.url)),
      });
    });
    await recorded.announce();
  }

  /** A page of a webhook's deliveries, newest first, after the cursor's. */
  async deliveries(
    admin: Actor,
    webhookId: string,
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<Connection<WebhookDeliveryEntity>> {
    await this.requireOwnTwoFactor(admin);
    const [request, webhook] = await checkInputs(
      () => pageRequest(DELIVERIES_CURSOR, first, after, WEBHOOK_LIMITS.deliveriesPage),
      () => this.existing(webhookId, 'webhookId'),
    );
    const page = await readKeysetPage(
      DELIVERIES_CURSOR,
      () =>
        this.deps.dataSource
          .getRepository(WebhookDeliveryEntity)
          .createQueryBuilder('delivery')
          .where('delivery.webhook_id = :webhookId', { webhookId: webhook.id }),
      'delivery',
      request,
    );
    return connectionOf(page);
  }

  /** Staff tools need the staff member's own 2FA, whatever TWO_FACTOR_REQUIRED says. */
  private async requireOwnTwoFactor(admin: Actor): Promise<void> {
    if (!(await this.deps.twoFactor.activeEnrollment(admin.user.id))) throw fail('OWN_2FA_REQUIRED');
  }

  private async existing(id: string, field: 'id' | 'webhookId'): Promise<WebhookEntity> {
    const webhook = await this.webhooks.findOneBy({ id });
    if (!webhook) throw fail('NO_SUCH_WEBHOOK', { field });
    return webhook;
  }

  /** The lowest free place for a webhook, or WEBHOOK_LIMIT. */
  private async freeSlot(): Promise<number> {
    const taken = new Set((await this.webhooks.find({ select: { slot: true } })).map((w) => w.slot));
    for (let slot = 0; slot < WEBHOOK_LIMITS.maxWebhooks; slot++) if (!taken.has(slot)) return slot;
    throw fail('WEBHOOK_LIMIT', { limit: WEBHOOK_LIMITS.maxWebhooks });
  }

  /** The endpoint's URL, if this server may send to it: its form, its scheme and the addresses its host has now. */
  private async acceptableTarget(raw: string): Promise<URL> {
    try {
      const url = parseTargetUrl(raw, this.deps.policy);
      await permittedAddresses(hostOf(url), this.deps.policy, this.deps.resolve);
      return url;
    } catch (error) {
      if (error instanceof TargetRefused) throw fail(error.problem);
      throw error;
    }
  }
}

/** The events asked for, once each, in the enum's order; at least one. */
function chosenEvents(events: readonly WebhookEvent[]): WebhookEvent[] {
  const chosen = WEBHOOK_EVENTS.filter((event) => events.includes(event));
  if (chosen.length === 0) throw fail('WEBHOOK_EVENTS_REQUIRED');
  return chosen;
}

/** The endpoint as the security log shows it: without its query, which may hold a token of the receiver's. */
const shownInLog = (url: URL): string => `${url.origin}${url.pathname}${url.search ? '?…' : ''}`;
