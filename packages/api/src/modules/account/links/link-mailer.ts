import { canonicalEmailAddress, destinationKey } from '../../../delivery/canonical-destination';
import { DeliveryError } from '../../../delivery/delivery-error';
import type { EmailSender } from '../../../delivery/delivery.types';
import { accountLinkEmail } from '../../../delivery/templates';
import type { CounterStore } from '../../../limits/counter-store';
import type { Clock } from '../../../shared/clock';
import { fail, tooManyAttempts } from '../../../errors/app-error';
import type { HeldSlots } from '../../../limits/held-slots';
import type { Logger } from '../../../shared/logger';
import { CodeChannel } from '../../two-factor/entities/one-time-code.entity';
import {
  channelSendBudget,
  HOUR_MS,
  ipSendBudget,
  RESEND_WAIT_MS,
  takeSlots,
  type Cap,
  type SendBudgets,
} from '../../two-factor/methods/one-time-code/send-limits';
import type { AccountLink } from '../../../delivery/templates';
import type { AccountLinkPurpose } from './account-link.entity';
import { LINK_TTL_MS, type AccountLinkService } from './account-links.service';

/** Links of one purpose an hour, to one mailbox and for one account. */
export const MAX_LINKS_PER_HOUR = 5;
const hourlyCap = (wait: number) => tooManyAttempts('HOURLY_CAP', wait);

export interface LinkMailerDependencies {
  links: AccountLinkService;
  counters: CounterStore;
  clock: Clock;
  /** The hourly budgets codes use too: per IP address and per channel. */
  budgets: SendBudgets;
  email: EmailSender;
  issuerName: string;
  logger: Logger;
}

/** A link to send: what it does, for whom, where to, and who asked. */
export interface LinkDelivery {
  purpose: AccountLinkPurpose;
  userId: string;
  to: string;
  ip: string;
  /** The e-mail's words, when they are not the purpose's own (a recovery link sent again once approved). */
  words?: AccountLink;
  /** Facts of this e-mail alone, said after the request. */
  details?: readonly string[];
}

export interface LinkLimitOptions {
  /**
   * Whether the IP's hourly send budget applies (default). Not for the link of a new account:
   * registrations have a per-IP limit of their own, and counting them twice would let a burst of
   * sign-ups behind one office address hold back everyone's 2FA codes there.
   */
  countIp?: boolean;
}

/**
 * Sends the e-mails that carry a link, within the same kind of limits as codes: 60 s between two
 * links of one purpose to one mailbox, 5 an hour per mailbox and per account, and the IP's and the
 * server's hourly budgets that codes share. Every slot is taken by one atomic increment in the
 * shared store before the link exists, and given back when the e-mail does not go out.
 */
export class LinkMailer {
  constructor(private readonly deps: LinkMailerDependencies) {}

  /**
   * The limits on asking for a link to an address, whoever asks: counted for every request, so
   * they refuse alike whether or not an account has the address (a password reset must not tell).
   */
  requestCaps(purpose: AccountLinkPurpose, to: string, ip: string, countIp = true): Cap[] {
    const mailbox = destinationKey(canonicalEmailAddress(to));
    return [
      {
        key: `links:wait:${purpose}:${mailbox}`,
        limit: 1,
        windowMs: RESEND_WAIT_MS,
        refusal: (wait) => tooManyAttempts('RESEND_WAIT', wait),
      },
      {
        key: `links:to:${purpose}:${mailbox}`,
        limit: MAX_LINKS_PER_HOUR,
        windowMs: HOUR_MS,
        refusal: hourlyCap,
      },
      ...(countIp ? ipSendBudget(this.deps.budgets, ip) : []),
    ];
  }

  /** Takes the slots of `caps` now, or throws TOO_MANY_ATTEMPTS naming the first that is full. */
  reserve(caps: readonly Cap[]): Promise<HeldSlots> {
    return takeSlots(this.deps.counters, caps, this.deps.clock.now().getTime());
  }

  /**
   * Sends a link for a signed-in or just-registered account: every limit applies, and a refusal or
   * a failed delivery throws (TOO_MANY_ATTEMPTS, DELIVERY_FAILED) having spent nothing.
   */
  async send(delivery: LinkDelivery, options: LinkLimitOptions = {}): Promise<void> {
    await this.deliver(delivery, await this.reserve(this.sendCaps(delivery, options)));
  }

  /** Every limit on a link sent for an account: the request's, the account's own, and the server's. */
  sendCaps(delivery: LinkDelivery, { countIp = true }: LinkLimitOptions = {}): Cap[] {
    return [
      ...this.requestCaps(delivery.purpose, delivery.to, delivery.ip, countIp),
      {
        key: `links:user:${delivery.purpose}:${delivery.userId}`,
        limit: MAX_LINKS_PER_HOUR,
        windowMs: HOUR_MS,
        refusal: hourlyCap,
      },
      ...this.channelCaps(),
    ];
  }

  /** The server's hourly e-mail budget, which links share with codes. */
  channelCaps(): Cap[] {
    return channelSendBudget(this.deps.budgets, CodeChannel.EMAIL);
  }

  /**
   * Issues the link and e-mails it, holding `slots`: kept when the e-mail goes out, given back (and
   * the link withdrawn, so earlier links still work) when it does not.
   */
  async deliver(delivery: LinkDelivery, slots: HeldSlots): Promise<void> {
    const { links, email, issuerName, logger } = this.deps;
    const issued = await links.issue(delivery.userId, delivery.purpose, delivery.to, delivery.ip);
    const message = accountLinkEmail({
      issuerName,
      link: delivery.words ?? delivery.purpose,
      url: issued.url,
      details: delivery.details,
      validForMinutes: LINK_TTL_MS[delivery.purpose] / 60_000,
    });
    try {
      // The dev outbox records the token as the message's code, so people and tests can follow the link.
      await email.send({ to: delivery.to, ...message, code: issued.token });
    } catch (error) {
      await slots.release().catch(() => undefined);
      await links.withdraw(issued.row);
      if (error instanceof DeliveryError) {
        logger.warn({ provider: error.provider, reason: error.reason, purpose: delivery.purpose }, 'link e-mail delivery failed');
        throw fail('LINK_DELIVERY_FAILED');
      }
      throw error;
    }
    slots.keep();
    await links.supersede(issued.row);
  }
}
