import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { MAX_WEBHOOK_URL_LENGTH } from '../entities/webhook.entity';

/** Which endpoints webhooks may go to (WEBHOOK_ALLOW_HTTP, WEBHOOK_ALLOW_PRIVATE). */
export interface TargetPolicy {
  /** Whether http:// endpoints are allowed besides https://. */
  allowHttp: boolean;
  /** Whether endpoints on this machine or in private, link-local and other non-public ranges are allowed. */
  allowPrivate: boolean;
}

/** One address a host name resolves to. */
export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Resolves a host name to every address it has (the system resolver by default; tests give their own). */
export type HostResolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: HostResolver = (hostname) => lookup(hostname, { all: true, verbatim: true });

/** Why an endpoint is refused, as the catalogue names it. */
export type TargetProblem = 'WEBHOOK_URL_INVALID' | 'WEBHOOK_URL_NOT_HTTPS' | 'WEBHOOK_URL_PRIVATE' | 'WEBHOOK_URL_UNRESOLVED';

export class TargetRefused extends Error {
  constructor(readonly problem: TargetProblem) {
    super(TARGET_PROBLEM_WORDS[problem]);
    this.name = 'TargetRefused';
  }
}

/** What the delivery log says of a refused endpoint. */
const TARGET_PROBLEM_WORDS: Record<TargetProblem, string> = {
  WEBHOOK_URL_INVALID: 'the address is not a valid http(s) URL',
  WEBHOOK_URL_NOT_HTTPS: 'the address is not https:// (WEBHOOK_ALLOW_HTTP is off)',
  WEBHOOK_URL_PRIVATE: 'the address resolves to a private, loopback or link-local address (WEBHOOK_ALLOW_PRIVATE is off)',
  WEBHOOK_URL_UNRESOLVED: 'the host name does not resolve',
};

/**
 * Addresses that are not on the public internet: this machine, private networks, link-local
 * (where cloud metadata services answer), shared carrier space, multicast, documentation and
 * reserved ranges. An endpoint there would let whoever configures a webhook make this server
 * call into its own network.
 */
const NON_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  NON_PUBLIC.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001::', 23],
  ['2001:db8::', 32],
  ['2002::', 16],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const) {
  NON_PUBLIC.addSubnet(network, prefix, 'ipv6');
}

/** Whether an IP address is outside the public internet (IPv4-mapped IPv6 addresses count as their IPv4 one). */
export function isNonPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  return NON_PUBLIC.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** The URL of an endpoint, if its form is acceptable: http(s), a host, no user name or password, no fragment, not too long. */
export function parseTargetUrl(raw: string, policy: TargetPolicy): URL {
  const text = raw.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new TargetRefused('WEBHOOK_URL_INVALID');
  }
  if (
    text.length > MAX_WEBHOOK_URL_LENGTH ||
    !['http:', 'https:'].includes(url.protocol) ||
    !url.hostname ||
    url.username ||
    url.password ||
    url.hash ||
    /\s/.test(text)
  ) {
    throw new TargetRefused('WEBHOOK_URL_INVALID');
  }
  if (url.protocol !== 'https:' && !policy.allowHttp) throw new TargetRefused('WEBHOOK_URL_NOT_HTTPS');
  return url;
}

/** The host of a URL as an address or a name to resolve (`[::1]` loses its brackets). */
export const hostOf = (url: URL): string => url.hostname.replace(/^\[(.*)\]$/, '$1');

/**
 * The addresses the endpoint's host stands for, refused when any of them is not public (unless
 * allowed): checked when a webhook is created and again as each attempt connects, so a name that
 * later resolves somewhere else (DNS rebinding) is refused then.
 */
export async function permittedAddresses(host: string, policy: TargetPolicy, resolve: HostResolver): Promise<ResolvedAddress[]> {
  const literal = isIP(host);
  let addresses: ResolvedAddress[];
  if (literal !== 0) {
    addresses = [{ address: host, family: literal }];
  } else {
    try {
      addresses = await resolve(host);
    } catch {
      throw new TargetRefused('WEBHOOK_URL_UNRESOLVED');
    }
    if (addresses.length === 0) throw new TargetRefused('WEBHOOK_URL_UNRESOLVED');
  }
  if (!policy.allowPrivate && addresses.some((a) => isNonPublicAddress(a.address))) throw new TargetRefused('WEBHOOK_URL_PRIVATE');
  return addresses;
}
