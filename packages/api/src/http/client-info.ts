import type { Request } from 'express';
import type { ClientInfo } from '../shared/client-info';

/** The caller's address (behind a proxy only when TRUST_PROXY is on) and browser. */
export function clientInfo(req: Request): ClientInfo {
  return {
    ip: req.ip ?? req.socket.remoteAddress ?? null,
    userAgent: req.get('user-agent') ?? null,
  };
}
