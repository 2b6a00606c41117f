import { createHash } from 'node:crypto';

/** Mail providers that ignore dots in the local part, and the one domain their aliases share. */
const DOT_BLIND_DOMAINS: Readonly<Record<string, string>> = { 'gmail.com': 'gmail.com', 'googlemail.com': 'gmail.com' };

/**
 * The mailbox an address reaches, as send caps count it: lower-cased, without a `+tag` (most
 * providers deliver name+anything@ to name@, so tags would otherwise multiply a cap), and for
 * Gmail without dots in the local part and with one domain. Only for counting: codes still go to
 * the address as the user gave it.
 */
export function canonicalEmailAddress(address: string): string {
  const lowered = address.trim().toLowerCase();
  const at = lowered.lastIndexOf('@');
  if (at < 1) return lowered;
  let local = lowered.slice(0, at);
  let domain = lowered.slice(at + 1);
  const plus = local.indexOf('+');
  if (plus > 0) local = local.slice(0, plus);
  const dotBlind = DOT_BLIND_DOMAINS[domain];
  if (dotBlind) {
    domain = dotBlind;
    local = local.replace(/\./g, '') || local;
  }
  return `${local}@${domain}`;
}

/**
 * A fixed-length stand-in for a canonical destination in limit-store keys: keys stay short, and a
 * look at the store (a key listing, a dump) shows no address or number. Not a secret.
 */
export function destinationKey(canonicalDestination: string): string {
  return createHash('sha256').update(canonicalDestination).digest('hex').slice(0, 32);
}
