import { connectionType } from '../../../graphql/connection';
import { WebhookDeliveryEntity } from '../entities/webhook-delivery.entity';

/** A page of a webhook's deliveries, newest first. */
export const WebhookDeliveryConnection = connectionType(WebhookDeliveryEntity, 'WebhookDelivery', {
  one: 'delivery',
  many: 'deliveries',
});
