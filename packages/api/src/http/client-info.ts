import type { IncomingMessage } from 'node:http';
import proxyAddress from 'proxy-addr';
import type { ClientInfo } from '../shared/client-info';

/**
 * The caller's address and browser. Behind a proxy (TRUST_PROXY) the address is the first one of
 * X-Forwarded-For, as the proxy recorded it; otherwise the connection's own.
 */
export function clientInfoReader(options: { trustProxy: boolean }): (req: IncomingMessage) => ClientInfo {
  const trust = () => options.trustProxy;
  return (req) => ({
    ip: proxyAddress(req, trust) ?? null,
    userAgent: req.headers['user-agent'] ?? null,
  });
}
