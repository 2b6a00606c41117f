import { Arg, Authorized, Ctx, Extensions, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { ONE_CHECK_PER_REQUEST } from '../../graphql/code-check-limit.step';
import { PAGE_ARGUMENTS, type Connection } from '../../graphql/connection';
import type { RequestContext } from '../auth/request-context';
import { Role } from '../auth/role';
import { actorOf } from '../two-factor/two-factor.resolver';
import { WebhookCreated } from './dto/webhook-created.type';
import { WebhookDeliveryConnection } from './dto/webhook-delivery-connection.type';
import type { WebhookDeliveryEntity } from './entities/webhook-delivery.entity';
import { WebhookEntity } from './entities/webhook.entity';
import { WebhookEvent } from './webhook-event';
import { WEBHOOK_LIMITS, type WebhooksService } from './webhooks.service';

/** Said by every webhook field: who may use them. */
const ADMIN_RULES =
  'ADMIN only (FORBIDDEN, reason ROLE_REQUIRED), with 2FA on your own account whatever the server requires of others (FORBIDDEN, reason OWN_2FA_REQUIRED).';
const PROOF_DESCRIPTION = `A current code of your own 2FA method, or one of your recovery codes. ${ONE_CHECK_PER_REQUEST}`;

@Resolver()
export class WebhooksResolver {
  constructor(private readonly service: WebhooksService) {}

  @Authorized(Role.ADMIN)
  @Query(() => [WebhookEntity], { description: `The deployment's webhooks, oldest first. ${ADMIN_RULES}` })
  webhooks(@Ctx() context: RequestContext): Promise<WebhookEntity[]> {
    return this.service.list(actorOf(context));
  }

  @Authorized(Role.ADMIN)
  // The cost limit counts a page as this many deliveries when `first` is a variable.
  @Extensions({ pageCeiling: WEBHOOK_LIMITS.deliveriesPage.maxSize })
  @Query(() => WebhookDeliveryConnection, {
    description:
      "A page of a webhook's deliveries, newest first, each with the outcome of its last attempt. An unknown webhook: BAD_USER_INPUT " +
      `(reason NO_SUCH_WEBHOOK, field webhookId). ${ADMIN_RULES}`,
  })
  webhookDeliveries(
    @Arg('webhookId', () => ID, { description: 'The webhook.' }) webhookId: string,
    @Arg('first', () => Int, {
      nullable: true,
      defaultValue: WEBHOOK_LIMITS.deliveriesPage.defaultSize,
      description: PAGE_ARGUMENTS.first(WEBHOOK_LIMITS.deliveriesPage.maxSize, WEBHOOK_LIMITS.deliveriesPage.defaultSize),
    })
    first: number | null,
    @Arg('after', () => String, { nullable: true, description: PAGE_ARGUMENTS.after }) after: string | null | undefined,
    @Ctx() context: RequestContext,
  ): Promise<Connection<WebhookDeliveryEntity>> {
    return this.service.deliveries(actorOf(context), webhookId, first, after);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => WebhookCreated, {
    description:
      'Creates a webhook: the events chosen are POSTed to the URL, signed, from a queue with retries (docs/webhooks.md). ' +
      `At most ${WEBHOOK_LIMITS.maxWebhooks} (BAD_USER_INPUT, reason WEBHOOK_LIMIT). In production the URL must be https:// and reach a public ` +
      'address (reasons WEBHOOK_URL_NOT_HTTPS, WEBHOOK_URL_PRIVATE) unless the server allows otherwise. Recorded in your security log. ' +
      `${ADMIN_RULES} Needs a fresh code of it too, checked after everything else.`,
  })
  createWebhook(
    @Arg('url', () => String, { description: 'Where to POST the events, e.g. https://hooks.example.com/latchkey.' }) url: string,
    @Arg('events', () => [WebhookEvent], { description: 'The events to send (at least one).' }) events: WebhookEvent[],
    @Arg('proof', () => String, { description: PROOF_DESCRIPTION }) proof: string,
    @Ctx() context: RequestContext,
  ): Promise<WebhookCreated> {
    return this.service.create(actorOf(context), url, events, proof);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Boolean, {
    description:
      'Deletes a webhook, with its deliveries still queued and its log: nothing more is sent to it. An unknown one: BAD_USER_INPUT ' +
      `(reason NO_SUCH_WEBHOOK, field id), before the proof is checked. Recorded in your security log. ${ADMIN_RULES} Needs a fresh code of it too.`,
  })
  async deleteWebhook(
    @Arg('id', () => ID, { description: 'The webhook.' }) id: string,
    @Arg('proof', () => String, { description: PROOF_DESCRIPTION }) proof: string,
    @Ctx() context: RequestContext,
  ): Promise<boolean> {
    await this.service.delete(actorOf(context), id, proof);
    return true;
  }
}
