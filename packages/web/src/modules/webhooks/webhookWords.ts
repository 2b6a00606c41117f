import type { WebhookDeliveryFieldsFragment } from './graphql/webhooks.generated';
import type { WebhookDeliveryStatus, WebhookEvent } from '../../generated/graphql';
import { formatDateTime } from '../../ui/dateTime';

/** What each event a webhook can send means, in the order the form lists them. */
export const EVENT_WORDS: Record<WebhookEvent, string> = {
  TWO_FACTOR_ENABLED: '2FA turned on',
  TWO_FACTOR_SWITCHED: '2FA method changed',
  TWO_FACTOR_DISABLED: '2FA turned off',
  TWO_FACTOR_RESET: '2FA reset by support',
  RECOVERY_CODES_REGENERATED: 'New recovery codes made',
  LOCKOUT_STARTED: '2FA checks locked after too many wrong codes',
  REMEMBERED_BROWSER_COPIED: 'A copied remembered browser was used',
};

export const WEBHOOK_EVENTS = Object.keys(EVENT_WORDS) as WebhookEvent[];

export const STATUS_WORDS: Record<WebhookDeliveryStatus, string> = {
  PENDING: 'Waiting',
  SUCCEEDED: 'Delivered',
  FAILED: 'Failed',
};

export const ADMIN_ONLY_WORDS = 'This page is for administrators. Your account cannot configure webhooks.';
export const SECRET_ONCE_WORDS =
  'Copy the signing secret now and keep it where your receiver can read it: it is shown this once. Your receiver checks each delivery’s signature with it.';
/** How many deliveries of a webhook the page shows. */
export const RECENT_DELIVERIES = 10;

/** One line about a delivery: what became of its last attempt, and what comes next. */
export function deliveryOutcome(delivery: WebhookDeliveryFieldsFragment): string {
  const tries = `${delivery.attempts} ${delivery.attempts === 1 ? 'attempt' : 'attempts'}`;
  const answer = delivery.lastStatusCode === null ? '' : `, HTTP ${delivery.lastStatusCode}`;
  const took = delivery.lastDurationMs === null ? '' : ` in ${delivery.lastDurationMs} ms`;
  const next = delivery.nextAttemptAt ? `; next attempt ${formatDateTime(delivery.nextAttemptAt)}` : '';
  if (delivery.attempts === 0) return `Not attempted yet${next}`;
  return `${tries}${answer}${took}${delivery.lastError && delivery.status !== 'SUCCEEDED' ? ` (${delivery.lastError})` : ''}${next}`;
}
