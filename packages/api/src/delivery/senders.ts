import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import type { DeliveryConfig } from './delivery-config';
import type { EmailSender, SmsSender } from './delivery.types';
import { OutboxEmailSender, OutboxSmsSender, OutboxWriter } from './outbox/outbox';

export interface Senders {
  email: EmailSender;
  sms: SmsSender;
}

/** The senders the configuration names; the only place that knows which providers exist. */
export function createSenders(config: DeliveryConfig, deps: { clock: Clock; logger: Logger }): Senders {
  const outbox = new OutboxWriter(config.outboxPath, deps);
  // Each SDK takes ~150 ms to load, so they load only when chosen: development and the test
  // suites (on the outbox) start without them.
  let email: EmailSender;
  if (config.email.provider === 'sendgrid') {
    const { SendGridEmailSender } = require('./sendgrid/sendgrid-email.sender') as typeof import('./sendgrid/sendgrid-email.sender');
    email = new SendGridEmailSender({ ...config.email, timeoutMs: config.timeoutMs });
  } else {
    email = new OutboxEmailSender(outbox);
  }
  let sms: SmsSender;
  if (config.sms.provider === 'vonage') {
    const { VonageSmsSender } = require('./vonage/vonage-sms.sender') as typeof import('./vonage/vonage-sms.sender');
    sms = new VonageSmsSender({ ...config.sms, timeoutMs: config.timeoutMs });
  } else {
    sms = new OutboxSmsSender(outbox);
  }
  return { email, sms };
}
