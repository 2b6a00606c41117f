import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { securityHeaders } from '@latchkey/api/src/http/security-headers';
import { HotPaths, type Client, type IssuedSession } from './hot-paths';

/** What both contenders share besides the hot paths: their settings, headers and cookie. */

export interface ContenderSettings {
  databasePath: string;
  encryptionKey: Buffer;
  port: number;
  host: string;
}

/** A contender is started like Latchkey: by environment variables. */
export function settingsFromEnv(env = process.env): ContenderSettings {
  const databasePath = env.BENCH_DATABASE;
  const key = env.ENCRYPTION_KEY;
  if (!databasePath || !key) throw new Error('BENCH_DATABASE and ENCRYPTION_KEY are required');
  return { databasePath, encryptionKey: Buffer.from(key, 'base64'), port: Number(env.PORT ?? 0), host: env.HOST ?? '127.0.0.1' };
}

export const openHotPaths = (settings: ContenderSettings) => new HotPaths(settings.databasePath, settings.encryptionKey);

// Latchkey's own middleware (it only sets headers), so the list cannot drift from Latchkey's.
const setSecurityHeaders = securityHeaders({ production: true }) as unknown as (
  req: IncomingMessage,
  res: ServerResponse,
  next: () => void,
) => void;

/** Latchkey's headers on every GraphQL answer: its security headers (production: with HSTS), no-store and a request id. */
export function setResponseHeaders(req: IncomingMessage, res: ServerResponse): void {
  setSecurityHeaders(req, res, () => undefined);
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Request-Id', randomUUID());
}

const cookie = (name: string, value: string, expiresAt: number, path: string) =>
  `${name}=${value}; Max-Age=${Math.floor((expiresAt - Date.now()) / 1000)}; Path=${path}; Expires=${new Date(expiresAt).toUTCString()}; HttpOnly; Secure; SameSite=Lax`;

/**
 * The cookies of a new session as Latchkey sets them (HttpOnly, Secure in production, SameSite=Lax,
 * Max-Age): the device cookie first, then the session's.
 */
export function setSessionCookie(res: ServerResponse, issued: IssuedSession): void {
  res.setHeader('Set-Cookie', [
    cookie('latchkey_device', issued.device.cookie, issued.device.expiresAt, '/graphql'),
    cookie('latchkey_session', issued.token, issued.expiresAt, '/'),
  ]);
}

/** The caller's address and browser, as Latchkey reads them without TRUST_PROXY. */
export const clientOf = (req: IncomingMessage): Client => ({
  ip: req.socket.remoteAddress ?? null,
  userAgent: req.headers['user-agent'] ?? null,
});

/** The bearer token, '' for a malformed Authorization header, undefined without one (Latchkey's rule; no cookie here). */
export function bearerToken(req: IncomingMessage): string | undefined {
  const authorization = req.headers.authorization;
  if (!authorization) return undefined;
  return /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1] ?? '';
}
