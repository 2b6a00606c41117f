import type { ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';

/**
 * What the panel may load: only its own scripts, styles and API; images from itself or data: URLs
 * (the TOTP QR code); never framed (clickjacking), never a plugin, forms only to itself.
 */
export const PANEL_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers for every answer. HSTS only in production, where the panel is served over HTTPS. */
export function setSecurityHeaders(res: ServerResponse, options: { production: boolean }): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()');
  if (options.production) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
}

/** The same for the routes Express serves (the panel, health and metrics). */
export function securityHeaders(options: { production: boolean }): RequestHandler {
  return (_req, res, next) => {
    setSecurityHeaders(res, options);
    next();
  };
}

/** The panel's pages also carry the Content-Security-Policy (the API's dev sandbox page would break under it). */
export const panelContentSecurityPolicy: RequestHandler = (_req, res, next) => {
  res.setHeader('Content-Security-Policy', PANEL_CONTENT_SECURITY_POLICY);
  next();
};
