import { registerEnumType } from 'type-graphql';
import { SecurityEventType } from '../audit/security-event-type';

/**
 * What an integrator can subscribe to: the security events that change what an account's 2FA
 * protects. Each is one security event type of the same name, recorded in the same transaction.
 */
export enum WebhookEvent {
  TWO_FACTOR_ENABLED = 'TWO_FACTOR_ENABLED',
  TWO_FACTOR_SWITCHED = 'TWO_FACTOR_SWITCHED',
  TWO_FACTOR_DISABLED = 'TWO_FACTOR_DISABLED',
  TWO_FACTOR_RESET = 'TWO_FACTOR_RESET',
  RECOVERY_CODES_REGENERATED = 'RECOVERY_CODES_REGENERATED',
  LOCKOUT_STARTED = 'LOCKOUT_STARTED',
  REMEMBERED_BROWSER_COPIED = 'REMEMBERED_BROWSER_COPIED',
}

export const WEBHOOK_EVENTS = Object.values(WebhookEvent);

registerEnumType(WebhookEvent, {
  name: 'WebhookEvent',
  description:
    'An event a webhook can be sent for. The payload\'s `type` is the name in lower case with its last word after a full stop: TWO_FACTOR_ENABLED is "two_factor.enabled".',
  valuesConfig: {
    TWO_FACTOR_ENABLED: { description: 'A user turned 2FA on (`two_factor.enabled`); `data.method` names the method.' },
    TWO_FACTOR_SWITCHED: {
      description: 'A user replaced the active method with another (`two_factor.switched`); `data.method` is the new one.',
    },
    TWO_FACTOR_DISABLED: { description: 'A user turned 2FA off (`two_factor.disabled`); `data.method` is the method that was on.' },
    TWO_FACTOR_RESET: {
      description:
        "Support or an operator removed a user's 2FA (`two_factor.reset`); `data.actorUserId` names the staff member (null: the CLI).",
    },
    RECOVERY_CODES_REGENERATED: { description: 'A user replaced their recovery codes (`recovery_codes.regenerated`).' },
    LOCKOUT_STARTED: {
      description: "Too many wrong codes locked a user's 2FA checks (`lockout.started`); `data.lockedUntil` says until when.",
    },
    REMEMBERED_BROWSER_COPIED: {
      description: "An old copy of a remembered browser's cookie was used, so the cookie was likely stolen (`remembered_browser.copied`).",
    },
  },
});

/** The security event each webhook event stands for: the one place the two lists meet. */
const WEBHOOK_EVENT_OF: Partial<Record<SecurityEventType, WebhookEvent>> = Object.fromEntries(
  WEBHOOK_EVENTS.map((event) => [SecurityEventType[event], event]),
);

/** The webhook event a security event is sent as, or null when integrators cannot subscribe to it. */
export const webhookEventOf = (type: SecurityEventType): WebhookEvent | null => WEBHOOK_EVENT_OF[type] ?? null;

/**
 * The payload's `type`, in the full-stop form of the Standard Webhooks convention: the name in
 * lower case, its last word after a full stop ("lockout.started", "two_factor.enabled").
 */
export const payloadTypeOf = (event: WebhookEvent): string => event.toLowerCase().replace(/_([a-z]+)$/, '.$1');
