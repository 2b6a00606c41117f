import type { IncomingMessage, ServerResponse } from 'node:http';

const ALLOWED_HEADERS = 'content-type, authorization, apollo-require-preflight, x-request-id';
const PREFLIGHT_MAX_AGE_SECONDS = 600;

/**
 * Cross-origin calls only from the configured origins (CORS_ORIGINS); anyone else's page gets no
 * CORS headers, so the browser keeps its answers from it. Cookies are allowed for listed origins.
 * Answers true when it answered the request itself (a preflight from a listed origin).
 */
export function corsForOrigins(allowedOrigins: readonly string[]): (req: IncomingMessage, res: ServerResponse) => boolean {
  const allowed = new Set(allowedOrigins);
  return (req, res) => {
    const origin = req.headers.origin;
    res.setHeader('Vary', 'Origin');
    if (!origin || !allowed.has(origin)) return false;
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Allow-Credentials', 'true');
    if (req.method !== 'OPTIONS') return false;
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST');
    res.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS);
    res.setHeader('Access-Control-Max-Age', String(PREFLIGHT_MAX_AGE_SECONDS));
    res.statusCode = 204;
    res.end();
    return true;
  };
}
