/**
 * Checks a webhook from Latchkey as the Standard Webhooks convention signs it, with node:crypto
 * alone: `webhook-signature` holds `v1,<base64 HMAC-SHA256>` of `<webhook-id>.<webhook-timestamp>.<body>`,
 * keyed with the base64-decoded part of the `whsec_…` secret after its prefix. Check the raw body,
 * byte for byte, before parsing it.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { WebhookEvent } from './generated/graphql';

/** How far a timestamp may be from this machine's clock: older deliveries may be replays. */
const TOLERANCE_SECONDS = 5 * 60;

/** The JSON body of a delivery. */
export interface LatchkeyWebhook {
  /** `two_factor.enabled`, `lockout.started`, …: a WebhookEvent in lower case, its last word after a full stop. */
  type: string;
  /** When the event happened (ISO 8601). */
  timestamp: string;
  data: {
    securityEventId: string;
    userId: string;
    method: string | null;
    actorUserId: string | null;
    lockedUntil?: string;
  };
}

export class InvalidWebhook extends Error {}

/** Answers the payload of a delivery whose signature and timestamp hold; throws InvalidWebhook otherwise. */
export function verifyWebhook(
  secret: string,
  headers: Record<string, string | string[] | undefined>,
  body: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): LatchkeyWebhook {
  const header = (name: string) => {
    const value = headers[name];
    if (typeof value !== 'string' || !value) throw new InvalidWebhook(`no ${name} header`);
    return value;
  };
  const id = header('webhook-id');
  const timestamp = header('webhook-timestamp');
  if (!/^\d+$/.test(timestamp) || Math.abs(nowSeconds - Number(timestamp)) > TOLERANCE_SECONDS) {
    throw new InvalidWebhook('the timestamp is too far from now');
  }
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest();
  // Several signatures may come, space-separated (while a secret is replaced): one must match.
  const matches = header('webhook-signature')
    .split(' ')
    .filter((signature) => signature.startsWith('v1,'))
    .some((signature) => {
      const given = Buffer.from(signature.slice(3), 'base64');
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
  if (!matches) throw new InvalidWebhook('no signature matches');
  return JSON.parse(body) as LatchkeyWebhook;
}

/** The WebhookEvent a payload's type stands for ("two_factor.enabled" is TWO_FACTOR_ENABLED). */
export const webhookEventOf = (payload: LatchkeyWebhook): WebhookEvent => payload.type.replace('.', '_').toUpperCase() as WebhookEvent;
