import { Field, ObjectType } from 'type-graphql';
import { WebhookEntity } from '../entities/webhook.entity';

@ObjectType({ description: 'A webhook was created: its signing secret is shown this once.' })
export class WebhookCreated {
  @Field(() => String, {
    description:
      'The signing secret, `whsec_` and base64 (Standard Webhooks): keep it where your receiver can read it. It is never shown again; ' +
      'to change it, create another webhook and delete this one.',
  })
  secret: string;

  @Field(() => WebhookEntity, { description: 'The webhook.' })
  webhook: WebhookEntity;
}
