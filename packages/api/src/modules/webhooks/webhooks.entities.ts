import { WebhookDeliveryEntity } from './entities/webhook-delivery.entity';
import { WebhookEntity } from './entities/webhook.entity';

/** The tables of the webhooks module. */
export const WEBHOOK_ENTITIES = [WebhookEntity, WebhookDeliveryEntity];
