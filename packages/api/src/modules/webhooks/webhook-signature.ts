import { createHmac, randomBytes } from 'node:crypto';

/** The prefix the Standard Webhooks convention gives signing secrets. */
const SECRET_PREFIX = 'whsec_';
/** 256 bits: as strong as the HMAC-SHA256 key it becomes. */
const SECRET_BYTES = 32;

/** A new signing secret, `whsec_<base64 of 32 random bytes>`. */
export function newSigningSecret(): string {
  return SECRET_PREFIX + randomBytes(SECRET_BYTES).toString('base64');
}

/**
 * The `webhook-signature` header of one attempt: `v1,` and the base64 HMAC-SHA256, keyed with the
 * secret's decoded bytes, of `<webhook-id>.<webhook-timestamp>.<body>`. The timestamp is the
 * attempt's (whole seconds), so a receiver can refuse old replays.
 */
export function signatureOf(secret: string, id: string, timestampSeconds: number, body: string): string {
  const key = Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, 'base64');
  const mac = createHmac('sha256', key).update(`${id}.${timestampSeconds}.${body}`, 'utf8').digest('base64');
  return `v1,${mac}`;
}
