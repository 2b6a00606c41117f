import type { RequestHandler } from 'express';

const ALLOWED_HEADERS = 'content-type, authorization, apollo-require-preflight, x-request-id';
const PREFLIGHT_MAX_AGE_SECONDS = 600;

/**
 * Cross-origin calls only from the configured origins (CORS_ORIGINS); anyone else's page gets no
 * CORS headers, so the browser keeps its answers from it. Cookies are allowed for listed origins.
 */
export function corsForOrigins(allowedOrigins: readonly string[]): RequestHandler {
  const allowed = new Set(allowedOrigins);
  return (req, res, next) => {
    const origin = req.get('origin');
    res.vary('Origin');
    if (!origin || !allowed.has(origin)) return next();
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Allow-Credentials', 'true');
    if (req.method === 'OPTIONS') {
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST');
      res.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS);
      res.setHeader('Access-Control-Max-Age', String(PREFLIGHT_MAX_AGE_SECONDS));
      res.status(204).end();
      return;
    }
    next();
  };
}
