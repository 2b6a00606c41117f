import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import type { DeliveryConfig } from './delivery-config';
import { DeliveryError } from './delivery-error';
import type { EmailSender, SmsSender } from './delivery.types';
import { OutboxEmailSender, OutboxSmsSender, OutboxWriter } from './outbox/outbox';
import type * as SendGridModule from './sendgrid/sendgrid-email.sender';
import type * as SmtpModule from './smtp/smtp-email.sender';
import type * as VonageModule from './vonage/vonage-sms.sender';

/**
 * Production without SMS among the offered methods: nobody can set SMS up, and a user who still has
 * it from before gets DELIVERY_FAILED (and signs in with a recovery code) rather than a silent drop.
 */
const noSmsProvider: SmsSender = {
  provider: 'none',
  send: () =>
    Promise.reject(
      new DeliveryError({ provider: 'none', channel: 'sms', reason: 'rejected', detail: 'SMS is not offered: no SMS provider is set' }),
    ),
};

export interface Senders {
  email: EmailSender;
  sms: SmsSender;
}

/** The senders the configuration names; the only place that knows which providers exist. */
export function createSenders(config: DeliveryConfig, deps: { clock: Clock; logger: Logger }): Senders {
  const outbox = new OutboxWriter(config.outboxPath, deps);
  // Each SDK (and nodemailer) takes ~150 ms to load, so they load only when chosen: development and the test
  // suites (on the outbox) start without them.
  let email: EmailSender;
  if (config.email.provider === 'sendgrid') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only when chosen (see above)
    const { SendGridEmailSender } = require('./sendgrid/sendgrid-email.sender') as typeof SendGridModule;
    email = new SendGridEmailSender({ ...config.email, timeoutMs: config.timeoutMs });
  } else if (config.email.provider === 'smtp') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only when chosen (see above)
    const { SmtpEmailSender } = require('./smtp/smtp-email.sender') as typeof SmtpModule;
    email = new SmtpEmailSender({ ...config.email, timeoutMs: config.timeoutMs });
  } else {
    email = new OutboxEmailSender(outbox);
  }
  let sms: SmsSender;
  if (config.sms.provider === 'vonage') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only when chosen (see above)
    const { VonageSmsSender } = require('./vonage/vonage-sms.sender') as typeof VonageModule;
    sms = new VonageSmsSender({ ...config.sms, timeoutMs: config.timeoutMs });
  } else if (config.sms.provider === 'none') {
    sms = noSmsProvider;
  } else {
    sms = new OutboxSmsSender(outbox);
  }
  return { email, sms };
}
