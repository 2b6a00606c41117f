import {
  isNonPublicAddress,
  parseTargetUrl,
  permittedAddresses,
  type HostResolver,
  type TargetPolicy,
} from '../../src/modules/webhooks/delivery/target-address';
import { sendWebhookRequest } from '../../src/modules/webhooks/delivery/webhook-request';
import { startWebhookReceiver } from '../support/webhook-receiver';

const PRODUCTION: TargetPolicy = { allowHttp: false, allowPrivate: false };
const OPEN: TargetPolicy = { allowHttp: true, allowPrivate: true };
const resolvesTo =
  (...addresses: string[]): HostResolver =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
const problemOf = async (work: () => Promise<unknown>) => {
  try {
    await work();
    return 'accepted';
  } catch (error) {
    return (error as { problem?: string }).problem ?? (error as Error).message;
  }
};

describe('ASVS V12.6.1 (5.0 V1.3.6), WSTG-INPV-19: webhook endpoints', () => {
  it('tells public addresses from this machine, private networks, link-local and other non-public ranges', () => {
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.1',
      '255.255.255.255',
      '::1',
      '::',
      'fe80::1',
      'fd00::1',
      '::ffff:127.0.0.1',
      '::ffff:10.0.0.1',
      'not an address',
    ]) {
      expect({ address, nonPublic: isNonPublicAddress(address) }).toEqual({ address, nonPublic: true });
    }
    for (const address of ['93.184.216.34', '8.8.8.8', '172.32.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8']) {
      expect({ address, nonPublic: isNonPublicAddress(address) }).toEqual({ address, nonPublic: false });
    }
  });

  it('accepts only http(s) URLs with a host and no credentials; http only when allowed', () => {
    for (const url of [
      'ftp://example.com/',
      'https://user:pw@example.com/',
      'https://example.com/#x',
      'not a url',
      `https://example.com/${'a'.repeat(500)}`,
    ]) {
      expect(() => parseTargetUrl(url, OPEN)).toThrow(expect.objectContaining({ problem: 'WEBHOOK_URL_INVALID' }));
    }
    expect(() => parseTargetUrl('http://example.com/', PRODUCTION)).toThrow(expect.objectContaining({ problem: 'WEBHOOK_URL_NOT_HTTPS' }));
    expect(parseTargetUrl('http://example.com/hook', OPEN).href).toBe('http://example.com/hook');
  });

  it('refuses a host any of whose addresses is not public, unless private targets are allowed', async () => {
    expect(await problemOf(() => permittedAddresses('hooks.example', PRODUCTION, resolvesTo('93.184.216.34')))).toBe('accepted');
    expect(await problemOf(() => permittedAddresses('hooks.example', PRODUCTION, resolvesTo('93.184.216.34', '10.0.0.5')))).toBe(
      'WEBHOOK_URL_PRIVATE',
    );
    expect(await problemOf(() => permittedAddresses('169.254.169.254', PRODUCTION, resolvesTo()))).toBe('WEBHOOK_URL_PRIVATE');
    expect(await problemOf(() => permittedAddresses('hooks.example', PRODUCTION, resolvesTo()))).toBe('WEBHOOK_URL_UNRESOLVED');
    const failing: HostResolver = () => Promise.reject(Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }));
    expect(await problemOf(() => permittedAddresses('hooks.example', PRODUCTION, failing))).toBe('WEBHOOK_URL_UNRESOLVED');
    expect(await problemOf(() => permittedAddresses('hooks.example', OPEN, resolvesTo('127.0.0.1')))).toBe('accepted');
  });

  it('checks the address again as an attempt connects: a name that now resolves to this machine is refused (DNS rebinding)', async () => {
    const receiver = await startWebhookReceiver();
    const port = new URL(receiver.url).port;
    const attempt = (policy: TargetPolicy, resolve: HostResolver) =>
      sendWebhookRequest(
        { url: `http://rebinding.example:${port}/hooks`, headers: { 'content-type': 'application/json' }, body: '{}' },
        { policy, resolve, timeoutMs: 5_000, signal: new AbortController().signal },
      );
    try {
      // The name was public when the webhook was made; now it answers 127.0.0.1.
      const policy = { allowHttp: true, allowPrivate: false };
      expect(await problemOf(() => attempt(policy, resolvesTo('127.0.0.1')))).toBe('WEBHOOK_URL_PRIVATE');
      expect(await problemOf(() => attempt(policy, resolvesTo('::ffff:127.0.0.1')))).toBe('WEBHOOK_URL_PRIVATE');
      expect(await problemOf(() => attempt(policy, resolvesTo('93.184.216.34', '127.0.0.1')))).toBe('WEBHOOK_URL_PRIVATE');
      expect(receiver.received).toHaveLength(0);
      // An address literal is checked before connecting, never looked up.
      const literal = sendWebhookRequest(
        { url: `${receiver.url}`, headers: {}, body: '{}' },
        { policy, resolve: resolvesTo('93.184.216.34'), timeoutMs: 5_000, signal: new AbortController().signal },
      );
      expect(await problemOf(() => literal)).toBe('WEBHOOK_URL_PRIVATE');
      expect(receiver.received).toHaveLength(0);
      // Allowed, the same name reaches the receiver, at the address the lookup checked.
      expect(await attempt(OPEN, resolvesTo('127.0.0.1'))).toEqual({ statusCode: 200 });
      expect(receiver.received).toHaveLength(1);
      expect(receiver.received[0]!.headers.host).toBe(`rebinding.example:${port}`);
    } finally {
      await receiver.close();
    }
  });

  it('gives up on an endpoint that does not answer in time', async () => {
    const receiver = await startWebhookReceiver();
    receiver.hang();
    try {
      const started = Date.now();
      const attempt = sendWebhookRequest(
        { url: receiver.url, headers: {}, body: '{}' },
        { policy: OPEN, resolve: resolvesTo(), timeoutMs: 300, signal: new AbortController().signal },
      );
      expect(await problemOf(() => attempt)).toBe('timed out');
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await receiver.close();
    }
  });
});
