import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Who may read /metrics. With a token, only a scraper that sends `Authorization: Bearer <token>`
 * (compared in constant time; 401 otherwise). Without one, nobody in production (404: a deployment
 * without a proxy in front must not show its counters to the internet), anyone in development.
 */
export function metricsAccess(options: { token: string | undefined; production: boolean }): RequestHandler {
  const expected = options.token === undefined ? undefined : digest(options.token);
  return (req, res, next) => {
    if (expected === undefined) {
      if (!options.production) return next();
      res.status(404).type('text/plain').send('Not Found');
      return;
    }
    const offered = /^Bearer (.+)$/i.exec(req.get('authorization') ?? '')?.[1];
    // Digests of equal length, so the comparison takes the same time whatever was sent.
    if (offered !== undefined && timingSafeEqual(digest(offered.trim()), expected)) return next();
    res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
    res.status(401).type('text/plain').send('Unauthorized');
  };
}
